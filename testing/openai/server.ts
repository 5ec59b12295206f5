// A local stand-in for the OpenAI Responses API (`POST /v1/responses`, SSE) that plays scenario scripts to Codex.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { fixturesDir as defaultFixturesDir } from "../fixtures/index.js";
import { scenarioStep, selectScenario } from "../scenarios/scenarios.js";
import { compactionStep } from "./compaction.js";
import { notFound, openAIError } from "./errors.js";
import { decodeBody, parseBody, pause, sendError, sendJson, startStream, write } from "./http-io.js";
import { formatSse, type RenderedStream, renderStep } from "./render-sse.js";
import { loadFixture, resolveFixture, textDeltaOf } from "./replay.js";
import { type RecordedRequest, readResponsesRequest } from "./request.js";

export type { RecordedRequest } from "./request.js";

/** One streamed token as it is written to the socket (for latency benchmarks). */
export interface DeltaEvent {
  /** The `requestId` of the request being answered (see `RecordedRequest`). */
  requestId: string;
  /** The token text. */
  text: string;
  /** `text` for `response.output_text.delta`, `reasoning` for `response.reasoning_summary_text.delta`. */
  kind: "text" | "reasoning";
  /** Epoch milliseconds with sub-millisecond precision: `performance.timeOrigin + performance.now()` at write. */
  writtenAt: number;
}

/** Options of `startOpenAIServer`. */
export interface OpenAIServerOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Interface to listen on; default `127.0.0.1`. */
  host?: string;
  /** The model listed by `GET /v1/models` and echoed when a request names none; default `gpt-5.4`. */
  model?: string;
  /** Scenario name used when a message has no `scenario:` marker (else the conversational script). */
  defaultScenario?: string;
  /** Fixtures root holding `openai-sse/`; default `fixturesDir()` of testing/fixtures (the repository's copy). */
  fixturesDir?: string;
  /** Called for every text / reasoning token right after it is written. */
  onDelta?: (event: DeltaEvent) => void;
}

/** A running stand-in server. */
export interface OpenAIServer {
  /** `http://127.0.0.1:PORT` (no `/v1`). */
  url: string;
  /** `url + "/v1"`: the `base_url` for a Codex model provider. */
  baseUrl: string;
  port: number;
  /** Every request received, oldest first (bodies parsed as JSON when possible; the latest 1000 are kept). */
  requests: RecordedRequest[];
  /** Ends open streams (their sockets are destroyed), stops listening; resolves when the server is closed. */
  close(): Promise<void>;
}

const MAX_RECORDED = 1000;

/**
 * Starts the stand-in. Routes: `POST /v1/responses` (also `/responses`) streams the selected scenario step or a
 * fixture replay as SSE (or, for `stream: false`, answers the final response object as JSON); `GET /v1/models` lists
 * the configured model; `GET /` and `/health` answer `{ ok: true }`; anything else gets an OpenAI-shaped 404. Any
 * model, header and body field is accepted. Scenario selection follows `testing/scenarios/scenarios.ts`; the request
 * is read by `readResponsesRequest`; the stream by `renderStep`. Rejects when the port cannot be bound.
 */
export async function startOpenAIServer(options: OpenAIServerOptions = {}): Promise<OpenAIServer> {
  const host = options.host ?? "127.0.0.1";
  const model = options.model ?? "gpt-5.4";
  const fixturesDir = options.fixturesDir ?? defaultFixturesDir();
  const requests: RecordedRequest[] = [];
  const open = new Set<http.ServerResponse>();
  let counter = 0;

  function emitDelta(requestId: string, text: string, kind: DeltaEvent["kind"]): void {
    if (!options.onDelta) return;
    try {
      options.onDelta({ requestId, text, kind, writtenAt: performance.timeOrigin + performance.now() });
    } catch {
      // A failing observer never breaks the stream.
    }
  }

  async function playRendered(
    res: http.ServerResponse,
    rendered: RenderedStream,
    requestId: string,
    tokensPerSecond: number | undefined,
  ): Promise<void> {
    startStream(res, requestId);
    let tokensWritten = 0;
    for (const frame of rendered.frames) {
      if (res.destroyed) return;
      if (frame.token !== undefined && tokensPerSecond && tokensWritten > 0) await pause(1000 / tokensPerSecond, res);
      if (res.destroyed) return;
      // `writtenAt` is when the bytes are handed to the socket (as the Anthropic stand-in does), not when its write
      // callback runs: a busy process runs that late, which made a delta look visible before it was written.
      const written = write(res, formatSse(frame));
      if (frame.token !== undefined) {
        tokensWritten += 1;
        emitDelta(requestId, frame.token, frame.event === "response.output_text.delta" ? "text" : "reasoning");
      }
      await written;
    }
    if (rendered.ending === "drop") res.socket?.destroy();
    else res.end();
  }

  async function playFixture(
    res: http.ServerResponse,
    file: string,
    requestId: string,
    tokensPerSecond: number | undefined,
  ): Promise<void> {
    const events = loadFixture(file);
    startStream(res, requestId);
    let index = 0;
    for (const event of events) {
      if (res.destroyed) return;
      if (tokensPerSecond && index > 0) await pause(1000 / tokensPerSecond, res);
      const written = write(res, event);
      const delta = textDeltaOf(event);
      if (delta !== undefined) emitDelta(requestId, delta, "text");
      await written;
      index += 1;
    }
    res.end();
  }

  function sendNonStreaming(res: http.ServerResponse, rendered: RenderedStream, requestId: string): void {
    if (rendered.ending === "cut" || rendered.ending === "drop") {
      res.socket?.destroy();
      return;
    }
    const last = rendered.frames[rendered.frames.length - 1];
    if (rendered.ending === "failed" || !last) sendError(res, openAIError(500), requestId);
    else sendJson(res, 200, last.data.response, requestId);
  }

  async function answerResponses(res: http.ServerResponse, record: RecordedRequest): Promise<void> {
    const { body, requestId } = record;
    const info = readResponsesRequest(body, record.headers);
    const compaction = info.requestKind === "compaction";
    const selection = selectScenario(compaction ? "" : info.lastUserText, options.defaultScenario);
    const streaming = !(typeof body === "object" && body !== null && (body as { stream?: unknown }).stream === false);
    if (selection.fixture !== undefined && !compaction) {
      const file = resolveFixture(fixturesDir, selection.fixture);
      if (!file) {
        const error = notFound("fixture", selection.fixture);
        error.body.error.message = `Unknown fixture "${selection.fixture}" (looked in ${fixturesDir}/openai-sse).`;
        return sendError(res, error, requestId);
      }
      return playFixture(res, file, requestId, selection.tokensPerSecond);
    }
    const step = compaction ? compactionStep(info) : scenarioStep(selection.scenario, info.stepIndex);
    if (step.failure?.kind === "http") return sendError(res, openAIError(step.failure.status), requestId);
    const rendered = renderStep(step, {
      responseId: `resp_${randomBytes(12).toString("hex")}`,
      model: info.model ?? model,
      cwd: info.cwd,
      inputTokens: info.inputTokens,
      createdAt: Math.floor(Date.now() / 1000),
      readFile: (file) => {
        try {
          return readFileSync(file, "utf8");
        } catch {
          return undefined;
        }
      },
    });
    if (!streaming) return sendNonStreaming(res, rendered, requestId);
    return playRendered(res, rendered, requestId, selection.tokensPerSecond);
  }

  async function route(req: http.IncomingMessage, res: http.ServerResponse, record: RecordedRequest): Promise<void> {
    const method = req.method ?? "GET";
    const pathname = new URL(req.url ?? "/", "http://local").pathname.replace(/\/+$/, "") || "/";
    const id = record.requestId;
    if (method === "POST" && (pathname === "/v1/responses" || pathname === "/responses")) {
      return answerResponses(res, record);
    }
    if (method === "GET" && (pathname === "/v1/models" || pathname === "/models")) {
      const created = Math.floor(Date.now() / 1000);
      return sendJson(
        res,
        200,
        { object: "list", data: [{ id: model, object: "model", created, owned_by: "local" }] },
        id,
      );
    }
    const one = /^\/(?:v1\/)?models\/(.+)$/.exec(pathname);
    if (method === "GET" && one?.[1]) {
      const modelId = decodeURIComponent(one[1]);
      return sendJson(res, 200, { id: modelId, object: "model", created: 0, owned_by: "local" }, id);
    }
    if ((method === "GET" || method === "HEAD") && (pathname === "/" || pathname === "/health")) {
      return sendJson(res, 200, { ok: true }, id);
    }
    return sendError(res, notFound(method, req.url ?? "/"), id);
  }

  const server = http.createServer((req, res) => {
    counter += 1;
    const requestId = `req_${counter}_${randomBytes(4).toString("hex")}`;
    open.add(res);
    res.on("close", () => open.delete(res));
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("error", () => res.destroy());
    req.on("end", () => {
      const encoding = req.headers["content-encoding"];
      const record: RecordedRequest = {
        requestId,
        method: req.method ?? "GET",
        url: req.url ?? "/",
        headers: { ...req.headers },
        body: parseBody(decodeBody(Buffer.concat(chunks), typeof encoding === "string" ? encoding : undefined)),
        receivedAt: Date.now(),
      };
      requests.push(record);
      if (requests.length > MAX_RECORDED) requests.splice(0, requests.length - MAX_RECORDED);
      route(req, res, record).catch((error: unknown) => {
        if (!res.headersSent) sendError(res, openAIError(500), requestId);
        else res.destroy(error instanceof Error ? error : undefined);
      });
    });
  });
  server.on("clientError", (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    baseUrl: `${url}/v1`,
    port,
    requests,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const res of open) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
