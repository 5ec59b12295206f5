// The items of one Claude turn: keeps its text, thinking and tool-call items and ends them (CONTRACTS.md section 2).
import type { ItemBatcher } from "../batching.js";
import { createContentItem, type ItemContext } from "./content-item.js";
import { ToolItem } from "./tool-item.js";

/**
 * Every item of one turn, in creation order: text/thinking items (see `createContentItem`) and tool-call items keyed
 * by `callId` (see {@link ToolItem}). It applies tool results by `callId` and ends what is still open when the turn
 * ends, so no item of the turn is left without a terminal emission.
 */
export class TurnItems {
  private readonly contentItems: ItemBatcher[] = [];
  private readonly tools = new Map<string, ToolItem>();

  constructor(private readonly ctx: ItemContext) {}

  /** The id of block `index` of the turn's assistant API message `ordinal` (CONTRACTS.md section 1). */
  itemId(ordinal: number, index: number): string {
    return `${this.ctx.turnId}:${ordinal}:${index}`;
  }

  /** A new text (`message`) or `thinking` item `itemId`, kept so the turn's end can complete or end it. */
  addContent(kind: "text" | "thinking", itemId: string, parentCallId: string | undefined): ItemBatcher {
    const item = createContentItem(this.ctx, kind, itemId, parentCallId);
    this.contentItems.push(item);
    return item;
  }

  /** A new tool-call item `itemId` for `callId` (replacing an earlier one of that `callId`); emits nothing yet. */
  addTool(itemId: string, callId: string, toolName: string, parentCallId: string | undefined): ToolItem {
    const tool = new ToolItem(this.ctx, itemId, callId, toolName, parentCallId);
    this.tools.set(callId, tool);
    return tool;
  }

  /**
   * Ends the tool call `callId` with its result: a `tool_result` block's text (`isError` from its `is_error`), or a
   * server tool's result block from the assistant content (see `serverToolResult`). A result without a known call
   * gets its own item `${turnId}:result:${callId}` named `"unknown"` (CONTRACTS.md section 2). Ignored for a call
   * that already ended.
   */
  finishTool(callId: string, output: string, isError: boolean, parentCallId: string | undefined, at: number): void {
    const tool =
      this.tools.get(callId) ?? this.addTool(`${this.ctx.turnId}:result:${callId}`, callId, "unknown", parentCallId);
    tool.finish(output, isError, at);
  }

  /** Completes every text/thinking item that has not ended yet (a turn that ended normally). */
  completeContent(): void {
    for (const item of this.contentItems) item.complete();
  }

  /** Ends every item that has not ended yet with `error` (`code`, `message`), keeping its content so far. */
  endOpen(code: string, message: string): void {
    for (const item of this.contentItems) item.destroy(code, message);
    for (const tool of this.tools.values()) tool.abort(code, message);
  }
}
