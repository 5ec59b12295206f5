// The lifecycle of one Claude tool call item: tool_use → its tool_result (or the turn's end) as upserts (CONTRACTS.md §2).
import type { ToolCallUpsert } from "../../../shared/contracts/index.js";
import { type ItemContext, iso } from "./content-item.js";

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
