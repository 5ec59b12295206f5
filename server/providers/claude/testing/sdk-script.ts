// Test-only builders of Claude Agent SDK message sequences, shaped like the CLI's real output (CLI-NOTES.md).
import type { SDKMessage } from "@anthropic-ai/claude-agent-sdk";

const SESSION = "00000000-0000-4000-8000-000000000000";
let counter = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++counter).padStart(12, "0")}`;
const msg = (value: Record<string, unknown>) => value as unknown as SDKMessage;
const stream = (event: Record<string, unknown>, parent: string | null = null) =>
  msg({ type: "stream_event", event, parent_tool_use_id: parent, uuid: uuid(), session_id: SESSION });

/** `system:init` naming the model (sent on every turn, after the user message is read). */
export const init = (model = "claude-opus-5-5") =>
  msg({ type: "system", subtype: "init", model, session_id: SESSION, cwd: "/p", tools: [], uuid: uuid() });

/** `system:status` (ignored by the translator). */
export const status = () => msg({ type: "system", subtype: "status", status: "requesting", session_id: SESSION });

/** `stream_event` message_start of API message `id`. */
export const messageStart = (id: string, parent: string | null = null) =>
  stream({ type: "message_start", message: { id, model: "claude-opus-5-5", content: [], usage: {} } }, parent);

/** `stream_event` content_block_start of a text, thinking or tool_use block. */
export const blockStart = (
  index: number,
  block: { type: "text" } | { type: "thinking" } | { type: "tool_use"; id: string; name: string },
  parent: string | null = null,
) => {
  const content =
    block.type === "text"
      ? { type: "text", text: "" }
      : block.type === "thinking"
        ? { type: "thinking", thinking: "", signature: "" }
        : { ...block, input: {} };
  return stream({ type: "content_block_start", index, content_block: content }, parent);
};

/** A `stream_event` carrying any event as given (e.g. a type the translator does not know). */
export const rawStreamEvent = (event: Record<string, unknown>, parent: string | null = null) => stream(event, parent);

/** `stream_event` content_block_start of any block as given (server tool use, a server tool's result block…). */
export const rawBlockStart = (index: number, block: Record<string, unknown>, parent: string | null = null) =>
  stream({ type: "content_block_start", index, content_block: block }, parent);

/** `text_delta`s, one per word (with its trailing space). */
export const textDeltas = (index: number, text: string, parent: string | null = null) =>
  (text.match(/\S+\s*/g) ?? []).map((piece) =>
    stream({ type: "content_block_delta", index, delta: { type: "text_delta", text: piece } }, parent),
  );

/** `thinking_delta`s, one per word. */
export const thinkingDeltas = (index: number, text: string) =>
  (text.match(/\S+\s*/g) ?? []).map((piece) =>
    stream({ type: "content_block_delta", index, delta: { type: "thinking_delta", thinking: piece } }),
  );

/** `input_json_delta`s of a tool's input, in pieces of 10 characters. */
export const jsonDeltas = (index: number, input: Record<string, unknown>) => {
  const json = JSON.stringify(input);
  const pieces = ["", ...(json.match(/.{1,10}/g) ?? [])];
  return pieces.map((partial_json) =>
    stream({ type: "content_block_delta", index, delta: { type: "input_json_delta", partial_json } }),
  );
};

/** `content_block_stop`. */
export const blockStop = (index: number, parent: string | null = null) =>
  stream({ type: "content_block_stop", index }, parent);

/** `message_delta` (stop reason) and `message_stop`. */
export const messageEnd = (stopReason: string | null = "end_turn", parent: string | null = null) => [
  stream({ type: "message_delta", delta: { stop_reason: stopReason }, usage: { output_tokens: 5 } }, parent),
  stream({ type: "message_stop" }, parent),
];

/** An `assistant` message carrying one complete block of API message `id`. */
export const assistant = (id: string, block: Record<string, unknown>, parent: string | null = null) =>
  msg({
    type: "assistant",
    message: { id, type: "message", role: "assistant", model: "claude-opus-5-5", content: [block], stop_reason: null },
    parent_tool_use_id: parent,
    session_id: SESSION,
    uuid: uuid(),
  });

/** The SDK `user` message bringing a tool result. */
export const toolResult = (toolUseId: string, content: unknown, isError = false, parent: string | null = null) =>
  msg({
    type: "user",
    message: { role: "user", content: [{ type: "tool_result", tool_use_id: toolUseId, content, is_error: isError }] },
    parent_tool_use_id: parent,
    session_id: SESSION,
    uuid: uuid(),
  });

/** The `user` message the CLI emits after an interrupt. */
export const interruptedNotice = () =>
  msg({
    type: "user",
    message: { role: "user", content: [{ type: "text", text: "[Request interrupted by user]" }] },
    parent_tool_use_id: null,
    session_id: SESSION,
  });

/** A `result` (default: success with usage and a cumulative cost). */
export const result = (fields: Record<string, unknown> = {}) =>
  msg({
    type: "result",
    subtype: "success",
    is_error: false,
    result: "",
    stop_reason: "end_turn",
    total_cost_usd: 0.05,
    usage: { input_tokens: 100, output_tokens: 20, cache_read_input_tokens: 7, cache_creation_input_tokens: 3 },
    num_turns: 1,
    session_id: SESSION,
    uuid: uuid(),
    ...fields,
  });

/** The synthetic `assistant` message of a failed API call, as Claude Code 2.1.x sends it. */
export const apiErrorMessage = (text: string, error: string, status: number | null, type?: string) =>
  msg({
    type: "assistant",
    message: { id: uuid(), model: "<synthetic>", role: "assistant", content: [{ type: "text", text }] },
    parent_tool_use_id: null,
    session_id: SESSION,
    uuid: uuid(),
    error,
    is_api_error_message: true,
    api_error_status: status,
    ...(type ? { api_error_type: type } : {}),
  });

/** One plain streamed text answer: init → message_start → text block → assistant → stop → result. */
export const textTurn = (text: string, id = `msg_${uuid()}`, resultFields: Record<string, unknown> = {}) => [
  init(),
  status(),
  messageStart(id),
  blockStart(0, { type: "text" }),
  ...textDeltas(0, text),
  assistant(id, { type: "text", text }),
  blockStop(0),
  ...messageEnd("end_turn"),
  result(resultFields),
];

/** The streamed tool_use block `index` of message `id`, up to its `content_block_stop`. */
export const toolUseBlock = (
  id: string,
  index: number,
  toolId: string,
  name: string,
  input: Record<string, unknown>,
) => [
  blockStart(index, { type: "tool_use", id: toolId, name }),
  ...jsonDeltas(index, input),
  assistant(id, { type: "tool_use", id: toolId, name, input }),
  blockStop(index),
];
