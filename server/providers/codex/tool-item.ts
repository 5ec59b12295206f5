// The lifecycle of one Codex tool call item: ACP tool_call / tool_call_update → tool-call upserts (CONTRACTS.md §2).
import type { ToolCall, ToolCallStatus, ToolCallUpdate } from "@agentclientprotocol/sdk";
import type { ToolCallUpsert, UpsertObject } from "../../../shared/contracts/index.js";
import {
  argumentsOf,
  contentOutputText,
  diffsOf,
  kindOfToolName,
  type RawOutputInfo,
  rawOutputInfo,
  type ToolDiff,
  titleOf,
  toolNameOf,
} from "./tool-content.js";

/** Identity and sink of one tool item. */
export interface ToolItemOptions {
  itemId: string;
  callId: string;
  turnId: string;
  sessionId: string;
  emit: (upsert: UpsertObject) => void;
  now: () => number;
}

/** `errorCode` of a tool call the agent reports as failed (or whose command exited non-zero). */
export const TOOL_FAILED = "TOOL_FAILED";

/**
 * One tool call. Fields merge across events (a field absent or null keeps its value). Emissions:
 * - `create` at the first event (name and `callId` known, arguments from `rawInput`);
 * - `update` when a later non-final event changes what the item shows;
 * - `complete` when the status becomes `completed` with the output, or `error` (`TOOL_FAILED`,
 *   `toolOutputIsError: true`) when it becomes `failed` or the command's exit code is non-zero.
 * A `tool_call` that arrives already final without output (session/load replays `tool_call { status: "completed" }`
 * and sends the output in the next `tool_call_update`) waits for that update, or for the turn's end.
 * `toolArguments` is `rawInput` plus `diffs: [{ path, oldText?, newText }]` from the ACP diff content.
 */
export class ToolItem {
  private toolName: string | undefined;
  private title: string | undefined;
  private kind: string | undefined;
  private args: Record<string, unknown> = {};
  private diffs: ToolDiff[] = [];
  private contentText: string | undefined;
  private raw: RawOutputInfo = {};
  private status: ToolCallStatus | undefined;
  private created = false;
  private terminal = false;
  private lastShown = "";
  private sourceTime = 0;

  constructor(private readonly options: ToolItemOptions) {}

  /** Merges one event; `isStart` is true for `tool_call`, false for `tool_call_update`. */
  apply(update: ToolCall | ToolCallUpdate, isStart: boolean, receivedAt: number): void {
    if (this.terminal) return;
    this.merge(update, receivedAt);
    if (!this.created) {
      this.created = true;
      this.emit("create");
    }
    if (this.isFinal()) {
      if (isStart && this.output() === undefined) return;
      this.finish();
      return;
    }
    this.emit("update");
  }

  /** Turn ended normally: a final status ends the item as reported; a still-running tool completes as it stands. */
  settle(now: number): void {
    if (this.terminal || !this.created) return;
    this.sourceTime = Math.max(this.sourceTime, now);
    this.finish();
  }

  /** Turn cancelled or failed: a tool that had not reported its result ends with this error, keeping its output. */
  abort(errorCode: string, errorMessage: string, now: number): void {
    if (this.terminal || !this.created) return;
    if (this.isFinal()) {
      this.finish();
      return;
    }
    this.sourceTime = Math.max(this.sourceTime, now);
    this.terminal = true;
    const output = this.output();
    this.options.emit({
      ...this.snapshot("error"),
      errorCode,
      errorMessage,
      ...(output !== undefined ? { toolOutput: output } : {}),
    });
  }

  private merge(update: ToolCall | ToolCallUpdate, receivedAt: number): void {
    this.sourceTime = receivedAt;
    if (update.status) this.status = update.status;
    if (update.kind) this.kind = update.kind;
    if (update.title) this.title = update.title;
    if (update.rawInput !== undefined && update.rawInput !== null) this.args = argumentsOf(update.rawInput);
    if (update.content) {
      const diffs = diffsOf(update.content);
      if (diffs.length > 0) this.diffs = diffs;
      const text = contentOutputText(update.content);
      if (text !== undefined) this.contentText = text;
    }
    if (update.rawOutput !== undefined && update.rawOutput !== null) this.raw = rawOutputInfo(update.rawOutput);
    if (update.name || this.toolName === undefined) this.toolName = toolNameOf(update);
    if (!this.kind && this.toolName) this.kind = kindOfToolName(this.toolName);
  }

  private isFinal(): boolean {
    return this.status === "completed" || this.status === "failed";
  }

  private output(): string | undefined {
    return this.raw.text ?? this.contentText;
  }

  private finish(): void {
    this.terminal = true;
    const output = this.output() ?? "";
    const exitCode = this.raw.exitCode;
    const failed = this.status === "failed" || (exitCode !== undefined && exitCode !== 0);
    if (!failed) {
      this.options.emit({ ...this.snapshot("complete"), toolOutput: output });
      return;
    }
    this.options.emit({
      ...this.snapshot("error"),
      errorCode: TOOL_FAILED,
      errorMessage: exitCode !== undefined && exitCode !== 0 ? `Exited with code ${exitCode}` : "The tool call failed",
      toolOutput: output,
      toolOutputIsError: true,
    });
  }

  private emit(status: "create" | "update"): void {
    const output = this.output();
    const upsert: ToolCallUpsert = {
      ...this.snapshot(status),
      ...(output !== undefined ? { toolOutput: output } : {}),
    };
    const shown = JSON.stringify([upsert.toolName, upsert.title, upsert.kind, upsert.toolArguments, output]);
    if (status === "update" && shown === this.lastShown) return;
    this.lastShown = shown;
    this.options.emit(upsert);
  }

  private snapshot(status: ToolCallUpsert["status"]): ToolCallUpsert {
    const toolName = this.toolName ?? "unknown";
    const toolArguments: Record<string, unknown> = { ...this.args };
    if (this.diffs.length > 0) toolArguments.diffs = this.diffs;
    const title = titleOf(this.title, toolName, this.args);
    return {
      type: "tool_call",
      turnId: this.options.turnId,
      sessionId: this.options.sessionId,
      itemId: this.options.itemId,
      callId: this.options.callId,
      sourceTimestamp: new Date(this.sourceTime).toISOString(),
      emittedAt: new Date(this.options.now()).toISOString(),
      status,
      toolName,
      toolArguments,
      ...(title !== undefined ? { title } : {}),
      ...(this.kind !== undefined ? { kind: this.kind } : {}),
    };
  }
}
