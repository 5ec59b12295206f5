// Reads a Claude Code transcript (`$CLAUDE_CONFIG_DIR/projects/<folder>/<id>.jsonl`) into completed history upserts.
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { ToolCallUpsert, UpsertObject } from "../../../shared/contracts/index.js";
import { isObject, shortTitle } from "../cli-json.js";
import { serverToolResult, TOOL_USE_BLOCKS, type ToolResult } from "./server-tools.js";
import {
  type ClaudeRecord,
  classifyClaudeUserRecord,
  claudeRecordTitle,
  parseClaudeLine,
  recordTime,
} from "./transcript-records.js";
import { claudeToolResult, claudeUserContent, claudeUserText } from "./user-content.js";

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
 * transcript format in CLI-NOTES.md ("Transcripts"). A tool call ends with its `tool_result` (a user line) or, for
 * server tools and the MCP connector, with the `…_tool_result` block in the assistant lines; a result whose call is
 * unknown, or that has no `tool_use_id`, becomes a tool call of its own named `unknown`. Never throws for malformed
 * content (bad lines are skipped); rejects only when the file cannot be read (e.g. `ENOENT`).
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

  for (const [lineIndex, line] of text.split("\n").entries()) {
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
        const shown = input.kind === "prompt" ? claudeUserContent(record.message, input.text) : { content: input.text };
        const typed = input.kind === "prompt" ? claudeUserText(record.message, input.text) : "";
        if (typed) promptTitle ??= shortTitle(typed);
        else if (input.kind === "command") commandTitle ??= shortTitle(input.text);
        startTurn(record);
        history.push({
          ...base,
          turnId,
          itemId: `${turnId}:user`,
          status: "complete",
          type: "message",
          origin: "user",
          ...shown,
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
        for (const [blockIndex, block] of (Array.isArray(content) ? content : []).entries()) {
          if (!isObject(block) || block.type !== "tool_result") continue;
          // A result without a tool_use_id answers no call we can find: it gets an item of its own (CONTRACTS.md 2).
          const callId =
            typeof block.tool_use_id === "string" && block.tool_use_id !== ""
              ? block.tool_use_id
              : `${turnId}:result:${lineIndex}:${blockIndex}`;
          const result = claudeToolResult(block.content);
          applyResult({ callId, output: result.output, isError: block.is_error === true }, base);
          if (result.images.length > 0) Object.assign(tools.get(callId) ?? {}, { images: result.images });
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
      } else if (typeof block.type === "string" && TOOL_USE_BLOCKS.has(block.type) && typeof block.id === "string") {
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
      } else {
        const result = serverToolResult(block); // web search/fetch, code execution, MCP connector results
        if (result) applyResult(result, base);
      }
    }
  }

  function applyResult(
    { callId, output, isError }: ToolResult,
    base: { sessionId: string; sourceTimestamp: string; emittedAt: string },
  ): void {
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
    Object.assign(tool, { sourceTimestamp: base.sourceTimestamp, emittedAt: base.emittedAt, toolOutput: output });
    delete tool.errorCode;
    delete tool.errorMessage;
    if (isError) {
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

function optionalTitle(title: string | undefined): { title?: string } {
  return title ? { title } : {};
}
