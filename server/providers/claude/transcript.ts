// Reads a Claude Code transcript (`$CLAUDE_CONFIG_DIR/projects/<folder>/<id>.jsonl`) into completed history upserts.
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { ToolCallUpsert, UpsertObject } from "../../../shared/contracts/index.js";
import { isObject, shortTitle } from "../cli-json.js";
import {
  type ClaudeRecord,
  classifyClaudeUserRecord,
  claudeRecordTitle,
  parseClaudeLine,
  recordTime,
} from "./transcript-records.js";

/** A transcript read from disk: session metadata plus its completed items (CONTRACTS.md sections 1, 2 and 7). */
export interface ClaudeTranscript {
  /** The CLI's resume id: the file name when it is a UUID, else the records' `sessionId`, else the file name. */
  providerSessionId: string;
  /** The working directory recorded by the first main-chain record. */
  cwd?: string;
  /**
   * `/rename` title, else the CLI's AI title, else a `summary` record, else the first typed prompt, else the first
   * slash command (≤ 80 chars).
   */
  title?: string;
  /** ISO 8601 UTC time of the latest record (file mtime when no record has a time). */
  lastActiveAt?: string;
  /** ISO 8601 UTC time of the first record. */
  createdAt?: string;
  /** Completed items (`complete` or `error`) in conversation order. */
  history: UpsertObject[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Reads a transcript file into completed upserts (CONTRACTS.md section 2; ids per section 1), following the
 * transcript format in CLI-NOTES.md ("Transcripts"). Never throws for malformed content (bad lines are skipped);
 * rejects only when the file cannot be read (e.g. `ENOENT`).
 */
export async function readClaudeTranscript(
  filePath: string,
  options: { sessionId: string },
): Promise<ClaudeTranscript> {
  const [text, info] = await Promise.all([readFile(filePath, "utf8"), stat(filePath)]);
  return parseClaudeTranscript(text, {
    sessionId: options.sessionId,
    fileName: path.basename(filePath),
    fallbackTime: info.mtime.toISOString(),
  });
}

/**
 * {@link readClaudeTranscript} on text already in memory: `fileName` is the transcript's base name (the id when it
 * is a UUID), `fallbackTime` the ISO 8601 UTC time used where records carry no valid `timestamp`.
 */
export function parseClaudeTranscript(
  text: string,
  options: { sessionId: string; fileName: string; fallbackTime: string },
): ClaudeTranscript {
  const { sessionId, fallbackTime } = options;
  const baseName = options.fileName.replace(/\.jsonl$/, "");
  const history: UpsertObject[] = [];
  const tools = new Map<string, ToolCallUpsert>();
  const seen = new Set<string>();
  let recordSessionId: string | undefined;
  let cwd: string | undefined;
  let createdAt: string | undefined;
  let lastActiveAt: string | undefined;
  let bestTitle: { rank: number; title: string } | undefined;
  let promptTitle: string | undefined;
  let commandTitle: string | undefined;
  let turnId = `${UUID.test(baseName) ? baseName : "session"}:preamble`;
  let ordinal = 0;
  let messages = new Map<string, { ordinal: number; nextBlock: number }>();

  const startTurn = (record: ClaudeRecord): void => {
    turnId = typeof record.uuid === "string" ? record.uuid : `${turnId}:next`;
    ordinal = 0;
    messages = new Map();
  };

  for (const line of text.split("\n")) {
    const record = parseClaudeLine(line);
    if (!record) continue;
    const time = recordTime(record);
    if (time) {
      createdAt ??= time;
      if (!lastActiveAt || time > lastActiveAt) lastActiveAt = time;
    }
    const titled = claudeRecordTitle(record);
    if (titled && (!bestTitle || titled.rank >= bestTitle.rank)) bestTitle = titled;
    if (record.isSidechain === true) continue;
    if (typeof record.uuid === "string") {
      if (seen.has(record.uuid)) continue;
      seen.add(record.uuid);
    }
    if (typeof record.sessionId === "string") recordSessionId ??= record.sessionId;
    if (typeof record.cwd === "string") cwd ??= record.cwd;
    const at = time ?? fallbackTime;
    const base = { sessionId, sourceTimestamp: at, emittedAt: at };

    if (record.type === "user") {
      const input = classifyClaudeUserRecord(record);
      if (input.kind === "prompt" || input.kind === "command") {
        if (input.kind === "prompt") promptTitle ??= shortTitle(input.text);
        else commandTitle ??= shortTitle(input.text);
        startTurn(record);
        history.push({
          ...base,
          turnId,
          itemId: `${turnId}:user`,
          status: "complete",
          type: "message",
          origin: "user",
          content: input.text,
        });
      } else if (input.kind === "notice") {
        startTurn(record);
        history.push({
          ...base,
          turnId,
          itemId: `${turnId}:notice`,
          status: "complete",
          type: "message",
          origin: "system",
          content: input.text,
        });
      } else if (input.kind === "tool_results") {
        const content = isObject(record.message) ? record.message.content : undefined;
        for (const block of Array.isArray(content) ? content : []) {
          if (isObject(block) && block.type === "tool_result") applyResult(block, base);
        }
      }
      continue;
    }
    if (record.type !== "assistant" || !isObject(record.message)) continue;
    const message = record.message;
    const messageId = typeof message.id === "string" ? message.id : String(record.uuid ?? history.length);
    let state = messages.get(messageId);
    if (!state) {
      state = { ordinal: ++ordinal, nextBlock: 0 };
      messages.set(messageId, state);
    }
    const blocks = Array.isArray(message.content)
      ? message.content
      : typeof message.content === "string"
        ? [{ type: "text", text: message.content }]
        : [];
    for (const block of blocks) {
      const itemId = `${turnId}:${state.ordinal}:${state.nextBlock++}`;
      if (!isObject(block)) continue;
      const item = { ...base, turnId, itemId, status: "complete" as const };
      if (block.type === "text" && typeof block.text === "string" && block.text.trim()) {
        const origin = record.isApiErrorMessage === true ? "system" : "agent";
        history.push({ ...item, type: "message", origin, content: block.text });
      } else if (block.type === "thinking" && typeof block.thinking === "string" && block.thinking.trim()) {
        history.push({ ...item, type: "thinking", providerId: "claude-code", content: block.thinking });
      } else if ((block.type === "tool_use" || block.type === "server_tool_use") && typeof block.id === "string") {
        const tool: ToolCallUpsert = {
          ...item,
          type: "tool_call",
          toolName: typeof block.name === "string" ? block.name : "unknown",
          callId: block.id,
          toolArguments: isObject(block.input) ? block.input : {},
          status: "error",
          errorCode: "CANCELLED",
          errorMessage: "No result was recorded for this tool call.",
        };
        tools.set(block.id, tool);
        history.push(tool);
      } else if (typeof block.tool_use_id === "string") {
        applyResult(block, base);
      }
    }
  }

  function applyResult(
    block: ClaudeRecord,
    base: { sessionId: string; sourceTimestamp: string; emittedAt: string },
  ): void {
    const callId = typeof block.tool_use_id === "string" ? block.tool_use_id : "";
    let tool = tools.get(callId);
    if (!tool) {
      tool = {
        ...base,
        turnId,
        itemId: `${turnId}:tool:${callId}`,
        status: "complete",
        type: "tool_call",
        toolName: "unknown",
        callId,
        toolArguments: {},
      };
      tools.set(callId, tool);
      history.push(tool);
    }
    const output = resultText(block.content);
    Object.assign(tool, { sourceTimestamp: base.sourceTimestamp, emittedAt: base.emittedAt, toolOutput: output });
    delete tool.errorCode;
    delete tool.errorMessage;
    if (block.is_error === true) {
      Object.assign(tool, { status: "error", toolOutputIsError: true, errorCode: "TOOL_ERROR" });
      tool.errorMessage = shortTitle(output) || "The tool reported an error.";
    } else {
      tool.status = "complete";
    }
  }

  return {
    providerSessionId: UUID.test(baseName) ? baseName : (recordSessionId ?? baseName),
    ...(cwd === undefined ? {} : { cwd }),
    ...optionalTitle(bestTitle?.title ?? promptTitle ?? commandTitle),
    lastActiveAt: lastActiveAt ?? fallbackTime,
    ...(createdAt === undefined ? {} : { createdAt }),
    history,
  };
}

/** The text of a `tool_result` block's content: a string, or its text blocks joined (images become `[image]`). */
function resultText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return content === undefined || content === null ? "" : JSON.stringify(content);
  return content
    .map((block) =>
      isObject(block) ? (typeof block.text === "string" ? block.text : block.type === "image" ? "[image]" : "") : "",
    )
    .filter(Boolean)
    .join("\n");
}

function optionalTitle(title: string | undefined): { title?: string } {
  return title ? { title } : {};
}
