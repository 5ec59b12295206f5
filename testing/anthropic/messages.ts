// Answers one POST /v1/messages: side requests briefly, fixtures verbatim, turns from the selected scenario step.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ScenarioStep } from "../scenarios/scenarios.js";
import { scenarioStep, selectScenario } from "../scenarios/scenarios.js";
import type { FrameToken } from "./render-sse.js";
import { renderStep } from "./render-sse.js";
import { findFixture, fixtureBytes } from "./replay.js";
import type { MessagesRequestBody } from "./request.js";
import { estimateInputTokens, requestFacts } from "./request.js";
import { sendError, sendJson, sendSseBytes, startSse, streamFrames } from "./respond.js";
import type { RequestKind } from "./side-requests.js";
import { classifyRequest, sideAnswerText } from "./side-requests.js";
import { accumulateMessage, parseSse } from "./sse-parse.js";
import { randomId } from "./tools.js";

/** What {@link answerMessages} needs from the server. */
export interface AnswerContext {
  requestId: string;
  fixturesDir: string;
  defaultScenario: string | undefined;
  /** Aborted when the client leaves or the server closes. */
  signal: AbortSignal;
  /** Reports what kind of request this turned out to be (for the request log). */
  setKind: (kind: RequestKind) => void;
  /** Called after each token delta of a scenario turn is written. */
  onDelta: ((token: FrameToken) => void) | undefined;
}

/**
 * Answers a Messages API request (Anthropic Messages API, streaming and non-streaming):
 * - side requests (session title, other structured output, compaction) get a short fitting text at once;
 * - `fixture:<name>` replays that recorded stream verbatim on step 0 (later steps get "Done.");
 * - otherwise the scenario selected from the last real user message renders its step (`stepIndex`), with pacing
 *   and the step's failure. Non-streaming answers apply failures as: http → that status, drop → destroyed
 *   connection, cut → a truncated JSON body, midStreamError → HTTP 529 overloaded.
 */
export async function answerMessages(
  _req: IncomingMessage,
  res: ServerResponse,
  body: MessagesRequestBody,
  ctx: AnswerContext,
): Promise<void> {
  const stream = body.stream === true;
  const kind = classifyRequest(body);
  ctx.setKind(kind);
  const facts = requestFacts(body);
  const render = (step: ScenarioStep) =>
    renderStep(step, {
      messageId: randomId("msg_"),
      model: typeof body.model === "string" ? body.model : "claude-local-standin",
      inputTokens: estimateInputTokens(body),
      cwd: facts.cwd ?? process.cwd(),
    });

  if (kind !== "turn") {
    const rendered = render({ blocks: [{ kind: "text", text: sideAnswerText(kind, body) }] });
    if (!stream) return sendJson(res, 200, rendered.message, ctx.requestId);
    startSse(res, ctx.requestId);
    return streamFrames(res, rendered.frames, { signal: ctx.signal });
  }

  const selection = selectScenario(facts.selectionText, ctx.defaultScenario);
  if (selection.fixture !== undefined && facts.stepIndex === 0) {
    const relative = await findFixture(ctx.fixturesDir, selection.fixture);
    if (!relative) {
      return sendError(res, 400, ctx.requestId, `Unknown fixture "${selection.fixture}" under ${ctx.fixturesDir}.`);
    }
    const bytes = await fixtureBytes(ctx.fixturesDir, relative);
    if (stream) return sendSseBytes(res, bytes, ctx.requestId);
    return sendJson(res, 200, accumulateMessage(parseSse(bytes.toString("utf8"))) ?? {}, ctx.requestId);
  }

  const step =
    selection.fixture !== undefined
      ? scenarioStep({ ...selection.scenario, steps: [] }, facts.stepIndex)
      : scenarioStep(selection.scenario, facts.stepIndex);
  const failure = step.failure;
  if (failure?.kind === "http") return sendError(res, failure.status, ctx.requestId);
  const rendered = render(step);

  if (!stream) {
    if (failure?.kind === "drop") {
      res.socket?.destroy();
      return;
    }
    if (failure?.kind === "midStreamError") return sendError(res, 529, ctx.requestId);
    if (failure?.kind === "cut") {
      const text = JSON.stringify(rendered.message);
      res.writeHead(200, { "content-type": "application/json", "request-id": ctx.requestId });
      res.end(text.slice(0, Math.floor(text.length / 2)));
      return;
    }
    return sendJson(res, 200, rendered.message, ctx.requestId);
  }
  startSse(res, ctx.requestId);
  await streamFrames(res, rendered.frames, {
    tokensPerSecond: selection.tokensPerSecond,
    failure,
    signal: ctx.signal,
    onToken: ctx.onDelta,
  });
}
