// Renders one scenario step as Anthropic Messages API output: the SSE event list and the equivalent non-streaming message.
import { createHash } from "node:crypto";
import type { ScenarioStep } from "../scenarios/scenarios.js";
import { tokenize } from "../scenarios/scenarios.js";
import { claudeToolCall, randomId, splitJson } from "./tools.js";

/** Inputs of a rendering that do not come from the scenario. */
export interface RenderContext {
  /** The `msg_…` id of the answer. */
  messageId: string;
  /** Echoed as the answer's `model` (any name is accepted). */
  model: string;
  /** Reported as `usage.input_tokens`. */
  inputTokens: number;
  /** The session's working directory; relative tool paths resolve against it. */
  cwd: string;
}

/** One content delta that counts as one streamed token (paced, counted for failures, reported to `onDelta`). */
export interface FrameToken {
  kind: "text" | "thinking" | "tool_input";
  text: string;
}

/** One SSE event: `event: <event>\ndata: <JSON of data>\n\n`. `token` is set on content deltas. */
export interface SseFrame {
  event: string;
  data: Record<string, unknown>;
  token?: FrameToken;
}

/** A non-streaming Messages API answer (`type: "message"`). */
export interface AnthropicMessage {
  id: string;
  type: "message";
  role: "assistant";
  model: string;
  content: Record<string, unknown>[];
  stop_reason: "end_turn" | "tool_use";
  stop_sequence: null;
  usage: Record<string, number>;
}

/** A step rendered both ways; `frames` and `message` describe the same answer (same tool ids). */
export interface RenderedStep {
  frames: SseFrame[];
  message: AnthropicMessage;
}

/** Serialises one frame in SSE framing. */
export function encodeFrame(frame: SseFrame): string {
  return `event: ${frame.event}\ndata: ${JSON.stringify(frame.data)}\n\n`;
}

/** A base64 thinking signature derived from the thinking text (the stand-in never checks signatures). */
function signatureFor(text: string): string {
  return createHash("sha512").update(`liminal-standin:${text}`).digest("base64");
}

function delta(index: number, body: Record<string, unknown>, token?: FrameToken): SseFrame {
  const frame: SseFrame = { event: "content_block_delta", data: { type: "content_block_delta", index, delta: body } };
  if (token) frame.token = token;
  return frame;
}

/**
 * Renders a scenario step as the Anthropic streaming event sequence (message_start with usage, ping, per block
 * content_block_start / deltas / content_block_stop, message_delta with stop_reason and usage, message_stop) and as
 * the equivalent non-streaming message. Text and thinking stream one {@link tokenize} token per delta; thinking ends
 * with a signature_delta; tools become `tool_use` blocks whose input JSON streams in several input_json_delta pieces.
 * The step's `failure` is not applied here (the server applies it while writing).
 */
export function renderStep(step: ScenarioStep, ctx: RenderContext): RenderedStep {
  const frames: SseFrame[] = [];
  const content: Record<string, unknown>[] = [];
  let outputTokens = 0;
  let stopReason: AnthropicMessage["stop_reason"] = "end_turn";
  const baseUsage = { input_tokens: ctx.inputTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
  frames.push({
    event: "message_start",
    data: {
      type: "message_start",
      message: {
        id: ctx.messageId,
        type: "message",
        role: "assistant",
        model: ctx.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { ...baseUsage, output_tokens: 1 },
      },
    },
  });
  step.blocks.forEach((block, index) => {
    const start = (contentBlock: Record<string, unknown>) => {
      frames.push({
        event: "content_block_start",
        data: { type: "content_block_start", index, content_block: contentBlock },
      });
      if (index === 0) frames.push({ event: "ping", data: { type: "ping" } });
    };
    if (block.kind === "text") {
      start({ type: "text", text: "" });
      for (const token of tokenize(block.text)) {
        frames.push(delta(index, { type: "text_delta", text: token }, { kind: "text", text: token }));
        outputTokens++;
      }
      content.push({ type: "text", text: block.text });
    } else if (block.kind === "thinking") {
      const signature = signatureFor(block.text);
      start({ type: "thinking", thinking: "", signature: "" });
      for (const token of tokenize(block.text)) {
        frames.push(delta(index, { type: "thinking_delta", thinking: token }, { kind: "thinking", text: token }));
        outputTokens++;
      }
      frames.push(delta(index, { type: "signature_delta", signature }));
      content.push({ type: "thinking", thinking: block.text, signature });
    } else {
      const call = claudeToolCall(block, ctx.cwd);
      const id = randomId("toolu_");
      stopReason = "tool_use";
      start({ type: "tool_use", id, name: call.name, input: {} });
      frames.push(delta(index, { type: "input_json_delta", partial_json: "" }));
      for (const piece of splitJson(JSON.stringify(call.input))) {
        frames.push(
          delta(index, { type: "input_json_delta", partial_json: piece }, { kind: "tool_input", text: piece }),
        );
        outputTokens++;
      }
      content.push({ type: "tool_use", id, name: call.name, input: call.input });
    }
    frames.push({ event: "content_block_stop", data: { type: "content_block_stop", index } });
  });
  if (step.blocks.length === 0) frames.push({ event: "ping", data: { type: "ping" } });
  const usage = { ...baseUsage, output_tokens: Math.max(1, outputTokens) };
  frames.push({
    event: "message_delta",
    data: { type: "message_delta", delta: { stop_reason: stopReason, stop_sequence: null }, usage },
  });
  frames.push({ event: "message_stop", data: { type: "message_stop" } });
  const message: AnthropicMessage = {
    id: ctx.messageId,
    type: "message",
    role: "assistant",
    model: ctx.model,
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage,
  };
  return { frames, message };
}
