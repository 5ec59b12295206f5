// Renders one scenario step as the OpenAI Responses API streaming events Codex reads (a list of SSE frames).
import path from "node:path";
import type { ScenarioBlock, ScenarioStep, ScenarioToolBlock } from "../scenarios/scenarios.js";
import { tokenize } from "../scenarios/scenarios.js";
import { applyPatchAdd, applyPatchUpdate } from "./patch.js";

/** One SSE event: written as `event: <event>\ndata: <JSON of data>\n\n`. */
export interface SseFrame {
  event: string;
  data: Record<string, unknown>;
  /** Set on text / reasoning deltas: the token streamed (these frames are paced and counted for failures). */
  token?: string;
}

/** How a rendered stream ends after its frames: normally, with `response.failed`, cut short, or by a dropped socket. */
export type StreamEnding = "completed" | "failed" | "cut" | "drop";

/** A rendered step: the frames to write in order, and how the stream ends after the last one. */
export interface RenderedStream {
  frames: SseFrame[];
  ending: StreamEnding;
}

/** What the renderer needs to know about the request. */
export interface RenderContext {
  /** The `resp_…` id of this response; item and call ids derive from it. */
  responseId: string;
  /** The model echoed in the response objects. */
  model: string;
  /** The session cwd (from `<environment_context>`), used to read a file an `edit` step changes. */
  cwd?: string;
  /** Reported as `usage.input_tokens`. */
  inputTokens: number;
  /** Epoch seconds for `created_at`. */
  createdAt: number;
  /** Reads a file for an `edit` step (absolute path), `undefined` when unreadable. */
  readFile?: (absolutePath: string) => string | undefined;
}

/** Formats one frame as SSE text. */
export function formatSse(frame: SseFrame): string {
  return `event: ${frame.event}\ndata: ${JSON.stringify(frame.data)}\n\n`;
}

/** Quotes a path for `bash -lc` when it holds anything beyond safe characters. */
function shellQuote(value: string): string {
  return /^[\w./@%+=:,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The Codex tool call for a scenario tool: `exec_command` function call or `apply_patch` custom tool call. */
export function toolCallFor(
  block: ScenarioToolBlock,
  context: Pick<RenderContext, "cwd" | "readFile">,
):
  | { type: "function_call"; name: string; arguments: string }
  | { type: "custom_tool_call"; name: string; input: string } {
  switch (block.tool) {
    case "shell":
      return { type: "function_call", name: "exec_command", arguments: JSON.stringify({ cmd: block.command }) };
    case "read":
      return {
        type: "function_call",
        name: "exec_command",
        arguments: JSON.stringify({ cmd: `cat ${shellQuote(block.path)}` }),
      };
    case "write":
      return { type: "custom_tool_call", name: "apply_patch", input: applyPatchAdd(block.path, block.content) };
    case "edit": {
      const absolute = context.cwd
        ? path.resolve(context.cwd, block.path)
        : path.isAbsolute(block.path)
          ? block.path
          : undefined;
      const current = absolute ? context.readFile?.(absolute) : undefined;
      return {
        type: "custom_tool_call",
        name: "apply_patch",
        input: applyPatchUpdate(block.path, block.oldText, block.newText, current),
      };
    }
  }
}

/** Builds the frames of a stream; `sequence_number` counts every frame from 0. */
class StreamBuilder {
  readonly frames: SseFrame[] = [];
  readonly output: Record<string, unknown>[] = [];
  tokens = 0;
  reasoningTokens = 0;

  constructor(private readonly context: RenderContext) {}

  push(event: string, data: Record<string, unknown>, token?: string): void {
    const frame: SseFrame = { event, data: { type: event, sequence_number: this.frames.length, ...data } };
    if (token !== undefined) frame.token = token;
    this.frames.push(frame);
  }

  response(status: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      id: this.context.responseId,
      object: "response",
      created_at: this.context.createdAt,
      status,
      error: null,
      incomplete_details: null,
      model: this.context.model,
      output: status === "in_progress" ? [] : this.output,
      parallel_tool_calls: true,
      store: false,
      usage: null,
      ...extra,
    };
  }

  usage(): Record<string, unknown> {
    const input = this.context.inputTokens;
    return {
      input_tokens: input,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: this.tokens,
      output_tokens_details: { reasoning_tokens: this.reasoningTokens },
      total_tokens: input + this.tokens,
    };
  }
}

function renderBlock(builder: StreamBuilder, block: ScenarioBlock, index: number, context: RenderContext): void {
  const outputIndex = builder.output.length;
  const base = `${context.responseId.replace(/^resp_/, "")}_${index}`;
  if (block.kind === "text") {
    const itemId = `msg_${base}`;
    const item = { id: itemId, type: "message", role: "assistant", status: "in_progress", content: [] };
    const at = { item_id: itemId, output_index: outputIndex, content_index: 0 };
    builder.push("response.output_item.added", { output_index: outputIndex, item });
    builder.push("response.content_part.added", { ...at, part: { type: "output_text", text: "", annotations: [] } });
    for (const token of tokenize(block.text)) {
      builder.tokens += 1;
      builder.push("response.output_text.delta", { ...at, delta: token, logprobs: [] }, token);
    }
    const part = { type: "output_text", text: block.text, annotations: [], logprobs: [] };
    builder.push("response.output_text.done", { ...at, text: block.text, logprobs: [] });
    builder.push("response.content_part.done", { ...at, part });
    const done = { ...item, status: "completed", content: [part] };
    builder.output.push(done);
    builder.push("response.output_item.done", { output_index: outputIndex, item: done });
  } else if (block.kind === "thinking") {
    const itemId = `rs_${base}`;
    const at = { item_id: itemId, output_index: outputIndex, summary_index: 0 };
    builder.push("response.output_item.added", {
      output_index: outputIndex,
      item: { id: itemId, type: "reasoning", summary: [] },
    });
    builder.push("response.reasoning_summary_part.added", { ...at, part: { type: "summary_text", text: "" } });
    for (const token of tokenize(block.text)) {
      builder.tokens += 1;
      builder.reasoningTokens += 1;
      builder.push("response.reasoning_summary_text.delta", { ...at, delta: token }, token);
    }
    const part = { type: "summary_text", text: block.text };
    builder.push("response.reasoning_summary_text.done", { ...at, text: block.text });
    builder.push("response.reasoning_summary_part.done", { ...at, part });
    const done = { id: itemId, type: "reasoning", summary: [part] };
    builder.output.push(done);
    builder.push("response.output_item.done", { output_index: outputIndex, item: done });
  } else {
    const call = toolCallFor(block, context);
    const callId = `call_${base}`;
    if (call.type === "function_call") {
      const itemId = `fc_${base}`;
      const item = { id: itemId, type: "function_call", status: "in_progress", call_id: callId, name: call.name };
      builder.push("response.output_item.added", { output_index: outputIndex, item: { ...item, arguments: "" } });
      builder.push("response.function_call_arguments.delta", {
        item_id: itemId,
        output_index: outputIndex,
        delta: call.arguments,
      });
      builder.push("response.function_call_arguments.done", {
        item_id: itemId,
        output_index: outputIndex,
        arguments: call.arguments,
      });
      const done = { ...item, status: "completed", arguments: call.arguments };
      builder.tokens += tokenize(call.arguments).length;
      builder.output.push(done);
      builder.push("response.output_item.done", { output_index: outputIndex, item: done });
    } else {
      const itemId = `ctc_${base}`;
      const item = { id: itemId, type: "custom_tool_call", status: "in_progress", call_id: callId, name: call.name };
      builder.push("response.output_item.added", { output_index: outputIndex, item: { ...item, input: "" } });
      builder.push("response.custom_tool_call_input.delta", {
        item_id: itemId,
        output_index: outputIndex,
        delta: call.input,
      });
      builder.push("response.custom_tool_call_input.done", {
        item_id: itemId,
        output_index: outputIndex,
        input: call.input,
      });
      const done = { ...item, status: "completed", input: call.input };
      builder.tokens += tokenize(call.input).length;
      builder.output.push(done);
      builder.push("response.output_item.done", { output_index: outputIndex, item: done });
    }
  }
}

/**
 * Renders a scenario step as a Responses API stream: `response.created`, `response.in_progress`, one output item per
 * block (reasoning with a summary / assistant message / `exec_command` function call / `apply_patch` custom tool
 * call), then `response.completed` with `usage`. A `midStreamError`, `cut` or `drop` failure keeps the frames up to
 * and including the `afterTokens`-th token delta (all of them when the step has fewer), then ends with
 * `response.failed` (a frame), a clean end without completion (`cut`), or a destroyed socket (`drop`).
 * An `http` failure is the server's business and is ignored here.
 */
export function renderStep(step: ScenarioStep, context: RenderContext): RenderedStream {
  const builder = new StreamBuilder(context);
  builder.push("response.created", { response: builder.response("in_progress") });
  builder.push("response.in_progress", { response: builder.response("in_progress") });
  step.blocks.forEach((block, index) => {
    renderBlock(builder, block, index, context);
  });
  const failure = step.failure;
  if (!failure || failure.kind === "http") {
    builder.push("response.completed", { response: builder.response("completed", { usage: builder.usage() }) });
    return { frames: builder.frames, ending: "completed" };
  }
  let seen = 0;
  let keep = builder.frames.length;
  for (let i = 0; i < builder.frames.length; i++) {
    if (builder.frames[i]?.token === undefined) continue;
    seen += 1;
    if (seen === failure.afterTokens) {
      keep = i + 1;
      break;
    }
  }
  if (failure.afterTokens <= 0) keep = 2;
  const frames = builder.frames.slice(0, keep);
  if (failure.kind !== "midStreamError") return { frames, ending: failure.kind };
  const error = { code: "server_error", message: "The local model failed part-way through its answer (scenario)." };
  frames.push({
    event: "response.failed",
    data: {
      type: "response.failed",
      sequence_number: frames.length,
      response: builder.response("failed", { error, output: [], usage: builder.usage() }),
    },
  });
  return { frames, ending: "failed" };
}
