// Reads single Codex rollout records: JSONL lines, their text, and which user items the user really typed.
import { isObject, parseJsonObjectLine } from "../cli-json.js";

/** One parsed JSONL record (`{ timestamp, type, payload }`); fields are read defensively. */
export type CodexRecord = Record<string, unknown>;

/** Text Codex injects as `user` items (context, instructions), never typed by the user. */
const INJECTED_PREFIXES = [
  "<environment_context>",
  "<user_instructions>",
  "<developer_instructions>",
  "<permissions instructions>",
  "<INSTRUCTIONS>",
  "# AGENTS.md instructions",
  "<turn_aborted>",
  "<user_shell_command>",
  "<subagent_notification>",
];

/** Parses one JSONL line; `undefined` for blank lines, `//` comments and anything that is not a JSON object. */
export function parseCodexLine(line: string): CodexRecord | undefined {
  return parseJsonObjectLine(line);
}

/**
 * The text of a `response_item` user message that is not injected context, else `undefined`
 * (developer/system messages, `<environment_context>`, AGENTS.md and similar are context, not user input).
 */
export function codexUserText(record: CodexRecord): string | undefined {
  const payload = record.type === "response_item" && isObject(record.payload) ? record.payload : undefined;
  if (payload?.type !== "message" || payload.role !== "user") return undefined;
  const text = contentText(payload.content).trim();
  if (INJECTED_PREFIXES.some((prefix) => text.startsWith(prefix))) return undefined;
  const parts = Array.isArray(payload.content) ? payload.content : [];
  const images = parts.filter((part) => isObject(part) && part.type === "input_image").length;
  const note = images > 0 ? `[${images} image${images > 1 ? "s" : ""}]` : "";
  return [text, note].filter(Boolean).join("\n\n") || undefined;
}

/** The text of an `event_msg` `user_message` the user typed (not injected context), else `undefined`. */
export function codexUserEventText(record: CodexRecord): string | undefined {
  const payload = record.type === "event_msg" && isObject(record.payload) ? record.payload : undefined;
  if (payload?.type !== "user_message" || typeof payload.message !== "string") return undefined;
  if (typeof payload.kind === "string" && payload.kind !== "plain") return undefined;
  const text = payload.message.trim();
  if (INJECTED_PREFIXES.some((prefix) => text.startsWith(prefix))) return undefined;
  const images = [payload.images, payload.local_images].reduce<number>(
    (n, v) => n + (Array.isArray(v) ? v.length : 0),
    0,
  );
  return text || (images > 0 ? `[${images} image${images > 1 ? "s" : ""}]` : undefined);
}

/**
 * Indexes of the records that are real user messages. When the file has `event_msg` `user_message` records, a user
 * `response_item` counts only when such an event sits next to it (no other `response_item` in between): Codex writes
 * both for typed input and only the `response_item` for injected context, whatever its text.
 */
export function codexRealUserIndexes(records: readonly CodexRecord[]): number[] {
  const isEvent = (r: CodexRecord | undefined) => r !== undefined && codexUserEventText(r) !== undefined;
  const hasEvents = records.some(
    (r) => r.type === "event_msg" && isObject(r.payload) && r.payload.type === "user_message",
  );
  const result: number[] = [];
  records.forEach((record, index) => {
    if (codexUserText(record) === undefined) return;
    if (!hasEvents || pairedWithEvent(records, index, 1, isEvent) || pairedWithEvent(records, index, -1, isEvent)) {
      result.push(index);
    }
  });
  return result;
}

function pairedWithEvent(
  records: readonly CodexRecord[],
  index: number,
  step: 1 | -1,
  isEvent: (r: CodexRecord | undefined) => boolean,
): boolean {
  for (let i = index + step, n = 0; i >= 0 && i < records.length && n < 6; i += step, n++) {
    if (isEvent(records[i])) return true;
    if (records[i]?.type === "response_item") return false;
  }
  return false;
}

/**
 * Text items (`input_text`, `output_text`, `summary_text`, `reasoning_text`, `text`) joined with `separator`;
 * a string is returned as is, anything else that is not an array gives `""`.
 */
export function contentText(content: unknown, separator = "\n"): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .flatMap((part) => (isObject(part) && typeof part.text === "string" ? [part.text] : []))
    .join(separator);
}
