// The items of one Claude turn as upserts: batched text/thinking items and tool-call items (CONTRACTS.md section 2).
import type { ToolCallUpsert, UpsertObject } from "../../../shared/contracts/index.js";
import { type BatchingOptions, ItemBatcher } from "../batching.js";

/** What every item of a turn shares: ids, the clock, the sink, the batching tuning. */
export interface ItemContext {
  turnId: string;
  sessionId: string;
  /** Epoch milliseconds now (for `emittedAt`). */
  now: () => number;
  emit: (upsert: UpsertObject) => void;
  batching?: BatchingOptions;
}

/** ISO 8601 UTC of epoch milliseconds. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * A streamed text (`message`, origin `agent`) or `thinking` item: an {@link ItemBatcher} whose emissions become
 * upserts with `itemId`. `sourceTimestamp` is when the CLI event behind each emission arrived.
 */
export function createContentItem(
  ctx: ItemContext,
  kind: "text" | "thinking",
  itemId: string,
  parentCallId: string | undefined,
): ItemBatcher {
  return new ItemBatcher((emission) => {
    const base = {
      turnId: ctx.turnId,
      sessionId: ctx.sessionId,
      itemId,
      sourceTimestamp: iso(emission.sourceTime || ctx.now()),
      emittedAt: iso(ctx.now()),
      status: emission.status,
      ...(emission.errorCode === undefined ? {} : { errorCode: emission.errorCode }),
      ...(emission.errorMessage === undefined ? {} : { errorMessage: emission.errorMessage }),
      ...(parentCallId === undefined ? {} : { parentCallId }),
    };
    ctx.emit(
      kind === "text"
        ? { ...base, type: "message", content: emission.content, origin: "agent" }
        : { ...base, type: "thinking", content: emission.content, providerId: "claude-code" },
    );
  }, ctx.batching);
}

/**
 * One tool call: `create` when the invocation starts, `update` when its arguments are final, then exactly one
 * `complete` (result), `error` with `toolOutputIsError` (failed result) or `error` with the turn's code (aborted).
 */
export class ToolItem {
  private args: Record<string, unknown>;
  private argsFinal = false;
  private created = false;
  private terminal = false;

  constructor(
    private readonly ctx: ItemContext,
    readonly itemId: string,
    readonly callId: string,
    readonly toolName: string,
    private readonly parentCallId: string | undefined,
    args: Record<string, unknown> = {},
  ) {
    this.args = args;
  }

  /** True once the item had its terminal emission. */
  get isTerminal(): boolean {
    return this.terminal;
  }

  /** True once the final arguments were emitted. */
  get hasFinalArguments(): boolean {
    return this.argsFinal;
  }

  /** Emits `create` (once). */
  create(sourceTime: number): void {
    if (this.created) return;
    this.created = true;
    this.send("create", sourceTime);
  }

  /** Emits `update` with the final arguments (once; ignored after the terminal emission). */
  setArguments(args: Record<string, unknown>, sourceTime: number): void {
    if (this.terminal || this.argsFinal) return;
    this.create(sourceTime);
    this.args = args;
    this.argsFinal = true;
    this.send("update", sourceTime);
  }

  /** Ends the item with the tool's result: `complete`, or `error` + `toolOutputIsError` when the CLI says it failed. */
  finish(output: string, isError: boolean, sourceTime: number): void {
    if (this.terminal) return;
    this.create(sourceTime);
    this.terminal = true;
    if (isError) {
      const firstLine = output.split("\n", 1)[0]?.slice(0, 200) || "The tool reported an error";
      this.send("error", sourceTime, {
        toolOutput: output,
        toolOutputIsError: true,
        errorCode: "TOOL_ERROR",
        errorMessage: firstLine,
      });
    } else {
      this.send("complete", sourceTime, { toolOutput: output });
    }
  }

  /** Ends an unfinished call with `error` and the turn's code (`CANCELLED`, `PROCESS_CRASH`, …). */
  abort(errorCode: string, errorMessage: string): void {
    if (this.terminal) return;
    const now = this.ctx.now();
    this.create(now);
    this.terminal = true;
    this.send("error", now, { errorCode, errorMessage });
  }

  private send(status: ToolCallUpsert["status"], sourceTime: number, extra: Partial<ToolCallUpsert> = {}): void {
    this.ctx.emit({
      turnId: this.ctx.turnId,
      sessionId: this.ctx.sessionId,
      itemId: this.itemId,
      sourceTimestamp: iso(sourceTime),
      emittedAt: iso(this.ctx.now()),
      status,
      type: "tool_call",
      toolName: this.toolName,
      callId: this.callId,
      toolArguments: this.args,
      ...(this.parentCallId === undefined ? {} : { parentCallId: this.parentCallId }),
      ...extra,
    });
  }
}
