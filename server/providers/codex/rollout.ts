// Reads a Codex rollout (`$CODEX_HOME/sessions/YYYY/MM/DD/rollout-*.jsonl`) into completed history upserts.
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { ToolCallUpsert, UpsertObject } from "../../../shared/contracts/index.js";

/** A rollout read from disk: session metadata plus its completed items (CONTRACTS.md sections 1, 2 and 7). */
export interface CodexRollout {
  /** `session_meta.payload.id`, else the UUID at the end of the file name. */
  providerSessionId: string;
  /** `session_meta.payload.cwd`. */
  cwd?: string;
  /** The first real user message (first line, ≤ 80 chars). */
  title?: string;
  /** ISO 8601 UTC time of the latest record (file mtime when no record has a time). */
  lastActiveAt?: string;
  /** `session_meta.payload.timestamp`, else the first record's time. */
  createdAt?: string;
  /** Completed items (`complete` or `error`) in conversation order. */
  history: UpsertObject[];
}

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
const SHELL_TOOLS = new Set(["shell", "shell_command", "exec_command", "local_shell", "container.exec"]);
const FILE_UUID = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.jsonl$/i;

/** Parses one JSONL line; `undefined` for blank lines, `//` comments and anything that is not a JSON object. */
export function parseCodexLine(line: string): CodexRecord | undefined {
  const trimmed = line.trim();
  if (!trimmed.startsWith("{")) return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
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

/** The first non-empty line of `text`, whitespace collapsed, cut to 80 characters (with `…`). */
export function codexShortTitle(text: string): string {
  const line = (text.split("\n").find((l) => l.trim() !== "") ?? "").replace(/\s+/g, " ").trim();
  return line.length > 80 ? `${line.slice(0, 79).trimEnd()}…` : line;
}

/**
 * Reads a rollout file into completed upserts (CONTRACTS.md section 2; ids per section 1). Renders the
 * `response_item` stream only (the `event_msg` copies are skipped). Never throws for malformed content;
 * rejects only when the file cannot be read.
 */
export async function readCodexRollout(filePath: string, options: { sessionId: string }): Promise<CodexRollout> {
  const [text, info] = await Promise.all([readFile(filePath, "utf8"), stat(filePath)]);
  return parseCodexRollout(text, {
    sessionId: options.sessionId,
    fileName: path.basename(filePath),
    fallbackTime: info.mtime.toISOString(),
  });
}

/** {@link readCodexRollout} on text already in memory. */
export function parseCodexRollout(
  text: string,
  options: { sessionId: string; fileName: string; fallbackTime: string },
): CodexRollout {
  const { sessionId, fallbackTime } = options;
  const records = text.split("\n").flatMap((line): CodexRecord[] => {
    const record = parseCodexLine(line);
    return record ? [record] : [];
  });
  const meta = records.find((r) => r.type === "session_meta" && isObject(r.payload))?.payload as
    | CodexRecord
    | undefined;
  const providerSessionId =
    typeof meta?.id === "string"
      ? meta.id
      : (FILE_UUID.exec(options.fileName)?.[1] ?? options.fileName.replace(/\.jsonl$/, ""));
  const realUsers = new Set(codexRealUserIndexes(records));
  const history: UpsertObject[] = [];
  const tools = new Map<string, ToolCallUpsert>();
  let turn = 0;
  let turnId = `${providerSessionId}:turn:0`;
  let ordinal = 0;
  let run:
    | { type: "message" | "thinking"; item: { content: string; sourceTimestamp: string; emittedAt: string } }
    | undefined;
  let title: string | undefined;
  let firstTime: string | undefined;
  let lastTime: string | undefined;

  records.forEach((record, index) => {
    const time = isoTime(record.timestamp);
    if (time) {
      firstTime ??= time;
      if (!lastTime || time > lastTime) lastTime = time;
    }
    if (record.type !== "response_item" || !isObject(record.payload)) return;
    const payload = record.payload;
    const at = time ?? fallbackTime;
    const base = { sessionId, sourceTimestamp: at, emittedAt: at, status: "complete" as const };

    const appendRun = (type: "message" | "thinking", content: string): void => {
      if (!content.trim()) return;
      if (run?.type === type) {
        Object.assign(run.item, { content: `${run.item.content}\n\n${content}`, sourceTimestamp: at, emittedAt: at });
        return;
      }
      const itemId = `${turnId}:${++ordinal}`;
      const item: UpsertObject =
        type === "message"
          ? { ...base, turnId, itemId, type, origin: "agent", content }
          : { ...base, turnId, itemId, type, providerId: "codex", content };
      history.push(item);
      run = { type, item };
    };
    const startTool = (callId: string, toolName: string, toolArguments: Record<string, unknown>): ToolCallUpsert => {
      run = undefined;
      const known = tools.get(callId);
      if (known) return known; // the same call written twice: one item
      const kind = SHELL_TOOLS.has(toolName) ? "execute" : toolName === "apply_patch" ? "edit" : undefined;
      const tool: ToolCallUpsert = {
        ...base,
        turnId,
        itemId: `${turnId}:tool:${callId}`,
        type: "tool_call",
        toolName,
        callId,
        toolArguments,
        ...(kind ? { kind } : {}),
        status: "error",
        errorCode: "CANCELLED",
        errorMessage: "No result was recorded for this tool call.",
      };
      tools.set(callId, tool);
      history.push(tool);
      return tool;
    };

    switch (payload.type) {
      case "message": {
        if (payload.role === "assistant") appendRun("message", contentText(payload.content));
        else if (realUsers.has(index)) {
          const content = codexUserText(record) ?? "";
          title ??= codexShortTitle(content);
          turnId = `${providerSessionId}:turn:${++turn}`;
          ordinal = 0;
          run = undefined;
          history.push({ ...base, turnId, itemId: `${turnId}:user`, type: "message", origin: "user", content });
        }
        return;
      }
      case "reasoning":
        appendRun("thinking", reasoningText(payload));
        return;
      case "function_call":
      case "custom_tool_call":
      case "local_shell_call": {
        const callId = stringField(payload.call_id) ?? stringField(payload.id) ?? `${turnId}:call:${index}`;
        const name = stringField(payload.name) ?? (payload.type === "local_shell_call" ? "local_shell" : "unknown");
        startTool(callId, name, toolArguments(payload, name));
        return;
      }
      case "web_search_call": {
        const callId = stringField(payload.id) ?? `${turnId}:search:${index}`;
        const tool = startTool(callId, "web_search", isObject(payload.action) ? payload.action : {});
        Object.assign(tool, { status: "complete", kind: "search" });
        delete tool.errorCode;
        delete tool.errorMessage;
        return;
      }
      case "function_call_output":
      case "custom_tool_call_output": {
        const callId = stringField(payload.call_id) ?? "";
        const tool = tools.get(callId) ?? startTool(callId, "unknown", {});
        const output = parseToolOutput(payload.output);
        Object.assign(tool, { sourceTimestamp: at, emittedAt: at, toolOutput: output.text, status: "complete" });
        delete tool.errorCode;
        delete tool.errorMessage;
        if (output.isError) {
          Object.assign(tool, { status: "error", toolOutputIsError: true, errorCode: "TOOL_ERROR" });
          tool.errorMessage =
            output.exitCode === undefined ? "The tool reported an error." : `Exit code ${output.exitCode}`;
        }
        run = undefined;
        return;
      }
      default:
        return; // ghost_snapshot, compaction items and anything newer: not rendered
    }
  });

  return {
    providerSessionId,
    ...(typeof meta?.cwd === "string" ? { cwd: meta.cwd } : {}),
    ...(title ? { title } : {}),
    lastActiveAt: lastTime ?? fallbackTime,
    ...optionalCreated(isoTime(meta?.timestamp) ?? firstTime),
    history,
  };
}

/**
 * A tool output as text plus failure: a plain string (with an optional `Exit code: N` header), a JSON string
 * `{ output, metadata: { exit_code } }`, or a structured `{ content, success }` / content-item array.
 */
export function parseToolOutput(raw: unknown): { text: string; isError: boolean; exitCode?: number } {
  if (typeof raw === "string") {
    if (raw.trimStart().startsWith("{")) {
      try {
        const parsed: unknown = JSON.parse(raw);
        if (isObject(parsed) && "output" in parsed) {
          const text = typeof parsed.output === "string" ? parsed.output : JSON.stringify(parsed.output);
          const exitCode = isObject(parsed.metadata) ? parsed.metadata.exit_code : undefined;
          if (typeof exitCode === "number") return { text, isError: exitCode !== 0, exitCode };
          return { text, isError: false };
        }
      } catch {
        // not JSON after all: a plain output that starts with "{"
      }
    }
    const header = /^Exit code: (-?\d+)/.exec(raw);
    if (header?.[1] !== undefined) {
      const exitCode = Number(header[1]);
      return { text: raw, isError: exitCode !== 0, exitCode };
    }
    return { text: raw, isError: false };
  }
  if (Array.isArray(raw)) return { text: contentText(raw), isError: false };
  if (isObject(raw)) {
    const text = typeof raw.content === "string" ? raw.content : contentText(raw.content);
    return { text, isError: raw.success === false };
  }
  return { text: raw === undefined || raw === null ? "" : String(raw), isError: false };
}

function toolArguments(payload: CodexRecord, name: string): Record<string, unknown> {
  if (payload.type === "custom_tool_call") {
    const input = typeof payload.input === "string" ? payload.input : "";
    return name === "apply_patch" ? { patch: input } : { input };
  }
  if (payload.type === "local_shell_call") return isObject(payload.action) ? payload.action : {};
  if (typeof payload.arguments !== "string") return isObject(payload.arguments) ? payload.arguments : {};
  try {
    const parsed: unknown = JSON.parse(payload.arguments);
    return isObject(parsed) ? parsed : { value: parsed };
  } catch {
    return { raw: payload.arguments };
  }
}

function reasoningText(payload: CodexRecord): string {
  const summary = Array.isArray(payload.summary) ? contentText(payload.summary, "\n\n") : "";
  return summary.trim() ? summary : contentText(payload.content, "\n\n");
}

/** Text items (`input_text`, `output_text`, `summary_text`, `reasoning_text`, `text`) joined. */
function contentText(content: unknown, separator = "\n"): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .flatMap((part) => (isObject(part) && typeof part.text === "string" ? [part.text] : []))
    .join(separator);
}

function isoTime(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

function optionalCreated(createdAt: string | undefined): { createdAt?: string } {
  return createdAt ? { createdAt } : {};
}

function stringField(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
