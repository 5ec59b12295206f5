// Reads a Codex rollout (`$CODEX_HOME/sessions/YYYY/MM/DD/rollout-*.jsonl`) into completed history upserts.
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { InjectedContext, ToolCallUpsert, UpsertObject } from "../../../shared/contracts/index.js";
import { isObject, shortTitle } from "../cli-json.js";
import {
  type CodexRecord,
  codexRealUserIndexes,
  codexUserText,
  contentText,
  parseCodexLine,
} from "./rollout-records.js";
import { parseToolOutput, toolArguments, toolKind } from "./rollout-tools.js";
import { codexInjectedContext, codexUserContent } from "./user-content.js";

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

const FILE_UUID = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.jsonl$/i;

/**
 * Reads a rollout file into completed upserts (CONTRACTS.md section 2; ids per section 1), following the rollout
 * format in CLI-NOTES.md ("Rollouts"). Renders the `response_item` stream only (the `event_msg` copies are skipped).
 * An output whose call is unknown, or that has no `call_id`, becomes a tool call of its own named `unknown`.
 * Never throws for malformed content; rejects only when the file cannot be read (e.g. `ENOENT`).
 */
export async function readCodexRollout(filePath: string, options: { sessionId: string }): Promise<CodexRollout> {
  const [text, info] = await Promise.all([readFile(filePath, "utf8"), stat(filePath)]);
  return parseCodexRollout(text, {
    sessionId: options.sessionId,
    fileName: path.basename(filePath),
    fallbackTime: info.mtime.toISOString(),
  });
}

/**
 * {@link readCodexRollout} on text already in memory: `fileName` is the rollout's base name (the id when no
 * `session_meta` gives one), `fallbackTime` the ISO 8601 UTC time used where records carry no valid `timestamp`.
 */
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
  const context: InjectedContext[] = []; // injected user items, shown as chips on the next user message
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
      const kind = toolKind(toolName);
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
          const shown = codexUserContent(payload, context.splice(0));
          title ??= shortTitle(shown.content || (codexUserText(record) ?? ""));
          turnId = `${providerSessionId}:turn:${++turn}`;
          ordinal = 0;
          run = undefined;
          history.push({ ...base, turnId, itemId: `${turnId}:user`, type: "message", origin: "user", ...shown });
        } else if (payload.role === "user") context.push(...codexInjectedContext(payload));
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
        // An output without a call id answers no call we can find: it gets an item of its own (CONTRACTS.md section 2).
        const callId = stringField(payload.call_id) ?? `${turnId}:output:${index}`;
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

function reasoningText(payload: CodexRecord): string {
  const summary = Array.isArray(payload.summary) ? contentText(payload.summary, "\n\n") : "";
  return summary.trim() ? summary : contentText(payload.content, "\n\n");
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
