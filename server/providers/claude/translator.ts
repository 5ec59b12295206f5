// Translates the Claude Agent SDK messages of one turn into upserts and turn events (CONTRACTS.md sections 1-4).
import type {
  SDKAssistantMessage,
  SDKMessage,
  SDKPartialAssistantMessage,
  SDKResultMessage,
  SDKUserMessage,
} from "@anthropic-ai/claude-agent-sdk";
import type { TurnEvent, UpsertObject } from "../../../shared/contracts/index.js";
import type { BatchingOptions, ItemBatcher } from "../batching.js";
import { createContentItem, type ItemContext, ToolItem } from "./items.js";
import {
  answersOtherMessage,
  asRecord,
  parseArguments,
  resultFailure,
  syntheticApiFailure,
  type TurnFailure,
  toolResultText,
  turnCostUsd,
  usageFromResult,
} from "./sdk-content.js";

/** Options of one {@link TurnTranslator}. */
export interface TurnTranslatorOptions {
  turnId: string;
  sessionId: string;
  /** The model for `turn_started` when output arrives before the turn's `system:init` (the last known model). */
  fallbackModelId: string;
  /** The process's cumulative `total_cost_usd` before this turn; undefined when unknown. */
  previousTotalCostUsd?: number;
  batching?: BatchingOptions;
  emitUpsert: (upsert: UpsertObject) => void;
  emitTurn: (event: TurnEvent) => void;
  /** Epoch milliseconds now; default `Date.now`. */
  now?: () => number;
}

const TOOL_BLOCKS = new Set(["tool_use", "server_tool_use", "mcp_tool_use"]);

type Block =
  | { kind: "text" | "thinking"; index: number; item: ItemBatcher; stopped: boolean }
  | { kind: "tool"; index: number; item: ToolItem; json: string; stopped: boolean };

interface StreamedMessage {
  id: string;
  ordinal: number;
  blocks: Map<number, Block>;
}

/**
 * One turn, from the yielded user message to the SDK `result`. Feed it every SDK message of the turn with
 * {@link handle}; it emits `turn_started` (with the model from `system:init`), the items' upserts, and exactly one
 * terminal turn event: `turn_complete` (`completed`, or `cancelled` after {@link requestCancel}) or `turn_error`.
 * Item ids are `${turnId}:${messageOrdinal}:${blockIndex}`; `messageOrdinal` counts the turn's assistant API
 * messages from 1 (every `message_start`, sub-agent ones included).
 */
export class TurnTranslator {
  /** The turn's model once `system:init` named it. */
  modelId: string | undefined;
  /** The process's cumulative cost after this turn's `result`. */
  totalCostUsd: number | undefined;
  private readonly ctx: ItemContext;
  private started = false;
  private done = false;
  private cancelRequested = false;
  private ordinal = 0;
  private apiFailure: TurnFailure | undefined;
  private readonly streams = new Map<string, StreamedMessage>();
  private readonly standalone = new Map<string, { ordinal: number; next: number }>();
  private readonly contentItems: ItemBatcher[] = [];
  private readonly tools = new Map<string, ToolItem>();

  constructor(private readonly options: TurnTranslatorOptions) {
    this.ctx = {
      turnId: options.turnId,
      sessionId: options.sessionId,
      now: options.now ?? Date.now,
      emit: options.emitUpsert,
      batching: options.batching,
    };
  }

  /** True once the terminal turn event was emitted. */
  get finished(): boolean {
    return this.done;
  }

  /** Marks the turn as being cancelled: open items end as `CANCELLED` and the turn as `cancelled`. */
  requestCancel(): void {
    this.cancelRequested = true;
  }

  /** Handles one SDK message of this turn; `receivedAt` is when it arrived (epoch ms). */
  handle(message: SDKMessage, receivedAt = this.ctx.now()): void {
    if (this.done) return;
    if (message.type === "system") {
      if (message.subtype === "init") {
        this.modelId = message.model;
        this.ensureStarted();
      }
      return;
    }
    if (message.type === "stream_event") this.onStreamEvent(message, receivedAt);
    else if (message.type === "assistant") this.onAssistant(message, receivedAt);
    else if (message.type === "user") this.onUser(message as SDKUserMessage, receivedAt);
    else if (message.type === "result" && !answersOtherMessage(message, this.ctx.turnId)) this.onResult(message);
  }

  /**
   * Ends the turn as `cancelled` now (the session was killed, or the CLI never answered an interrupt): open items end
   * as `error` / `CANCELLED` with their content so far.
   */
  cancelNow(message = "Cancelled by the user"): void {
    if (this.done) return;
    this.ensureStarted();
    const ids = { turnId: this.ctx.turnId, sessionId: this.ctx.sessionId };
    this.end({ type: "turn_complete", ...ids, status: "cancelled" }, "CANCELLED", message);
  }

  /** Ends the turn with `turn_error` (process crash, protocol failure): open items end as `error` with `code`. */
  fail(code: string, message: string): void {
    if (this.done) return;
    this.ensureStarted();
    this.end(
      {
        type: "turn_error",
        turnId: this.ctx.turnId,
        sessionId: this.ctx.sessionId,
        errorCode: code,
        errorMessage: message,
      },
      code,
      message,
    );
  }

  private ensureStarted(): void {
    if (this.started) return;
    this.started = true;
    this.options.emitTurn({
      type: "turn_started",
      turnId: this.ctx.turnId,
      sessionId: this.ctx.sessionId,
      modelId: this.modelId ?? this.options.fallbackModelId,
      providerId: "claude-code",
    });
  }

  private itemId(ordinal: number, index: number): string {
    return `${this.ctx.turnId}:${ordinal}:${index}`;
  }

  private onStreamEvent(message: SDKPartialAssistantMessage, at: number): void {
    this.ensureStarted();
    const key = message.parent_tool_use_id ?? "";
    const parent = message.parent_tool_use_id ?? undefined;
    const event = message.event;
    if (event.type === "message_start") {
      const ordinal = ++this.ordinal;
      this.streams.set(key, { id: event.message.id, ordinal, blocks: new Map() });
      this.standalone.set(event.message.id, { ordinal, next: 0 });
      return;
    }
    if (event.type === "message_stop") {
      this.streams.delete(key);
      return;
    }
    if (event.type === "message_delta") return;
    let stream = this.streams.get(key);
    if (!stream) {
      stream = { id: `unknown-${this.ordinal + 1}`, ordinal: ++this.ordinal, blocks: new Map() };
      this.streams.set(key, stream);
    }
    const seen = this.standalone.get(stream.id);
    if (event.type === "content_block_start") {
      const block = event.content_block;
      const itemId = this.itemId(stream.ordinal, event.index);
      if (seen) seen.next = Math.max(seen.next, event.index + 1);
      if (block.type === "text" || block.type === "thinking") {
        const item = createContentItem(this.ctx, block.type, itemId, parent);
        this.contentItems.push(item);
        stream.blocks.set(event.index, { kind: block.type, index: event.index, item, stopped: false });
        const initial = block.type === "text" ? block.text : block.thinking;
        if (initial) item.append(initial, at);
      } else if (TOOL_BLOCKS.has(block.type) && "id" in block && "name" in block) {
        const tool = new ToolItem(this.ctx, itemId, block.id, block.name, parent);
        this.tools.set(block.id, tool);
        stream.blocks.set(event.index, { kind: "tool", index: event.index, item: tool, json: "", stopped: false });
        tool.create(at);
      }
      return;
    }
    const block = stream.blocks.get(event.index);
    if (!block) return;
    if (event.type === "content_block_delta") {
      const delta = event.delta;
      if (block.kind === "text" && delta.type === "text_delta") block.item.append(delta.text, at);
      else if (block.kind === "thinking" && delta.type === "thinking_delta") block.item.append(delta.thinking, at);
      else if (block.kind === "tool" && delta.type === "input_json_delta") block.json += delta.partial_json;
      return;
    }
    if (event.type === "content_block_stop") {
      block.stopped = true;
      if (block.kind === "tool") {
        if (!block.item.hasFinalArguments) block.item.setArguments(parseArguments(block.json), at);
      } else if (!this.cancelRequested) {
        block.item.complete(undefined, at);
      }
    }
  }

  private onAssistant(message: SDKAssistantMessage, at: number): void {
    this.ensureStarted();
    const failure = syntheticApiFailure(message);
    if (failure) {
      this.apiFailure = failure;
      return;
    }
    const key = message.parent_tool_use_id ?? "";
    const parent = message.parent_tool_use_id ?? undefined;
    const stream = this.streams.get(key);
    for (const content of message.message.content) {
      const open =
        stream?.id === message.message.id
          ? [...stream.blocks.values()].reverse().find((b) => !b.stopped && b.kind === blockKind(content.type))
          : undefined;
      if (open) {
        this.finalizeStreamed(open, content, at);
        continue;
      }
      let seen = this.standalone.get(message.message.id);
      if (!seen) {
        seen = { ordinal: ++this.ordinal, next: 0 };
        this.standalone.set(message.message.id, seen);
      }
      const itemId = this.itemId(seen.ordinal, seen.next++);
      if (content.type === "text" || content.type === "thinking") {
        const item = createContentItem(this.ctx, content.type, itemId, parent);
        this.contentItems.push(item);
        item.complete(content.type === "text" ? content.text : content.thinking, at);
      } else if (TOOL_BLOCKS.has(content.type) && "id" in content && "name" in content) {
        const tool = new ToolItem(this.ctx, itemId, content.id, content.name, parent);
        this.tools.set(content.id, tool);
        tool.setArguments(asRecord("input" in content ? content.input : undefined), at);
      }
    }
  }

  private finalizeStreamed(block: Block, content: SDKAssistantMessage["message"]["content"][number], at: number): void {
    if (block.kind === "tool") {
      if ("input" in content) block.item.setArguments(asRecord(content.input), at);
      return;
    }
    const final = content.type === "text" ? content.text : content.type === "thinking" ? content.thinking : "";
    if (!this.cancelRequested) {
      block.item.complete(final, at);
    } else if (final.startsWith(block.item.content)) {
      block.item.append(final.slice(block.item.content.length), at);
    }
  }

  private onUser(message: SDKUserMessage, at: number): void {
    const content = message.message.content;
    if (!Array.isArray(content)) return;
    const parent = message.parent_tool_use_id ?? undefined;
    for (const block of content) {
      if (block.type !== "tool_result") continue;
      this.ensureStarted();
      let tool = this.tools.get(block.tool_use_id);
      if (!tool) {
        const itemId = `${this.ctx.turnId}:result:${block.tool_use_id}`;
        tool = new ToolItem(this.ctx, itemId, block.tool_use_id, "unknown", parent);
        this.tools.set(block.tool_use_id, tool);
      }
      tool.finish(toolResultText(block.content), block.is_error === true, at);
    }
  }

  private onResult(result: SDKResultMessage): void {
    this.ensureStarted();
    this.totalCostUsd = result.total_cost_usd;
    const ids = { turnId: this.ctx.turnId, sessionId: this.ctx.sessionId };
    const usage = usageFromResult(result, turnCostUsd(result, this.options.previousTotalCostUsd));
    const failure = this.apiFailure ?? resultFailure(result);
    if (this.cancelRequested && (failure || result.subtype !== "success")) {
      this.end({ type: "turn_complete", ...ids, status: "cancelled", usage }, "CANCELLED", "Cancelled by the user");
      return;
    }
    if (failure) {
      const event: TurnEvent = { type: "turn_error", ...ids, errorCode: failure.code, errorMessage: failure.message };
      this.end(event, failure.code, failure.message);
      return;
    }
    for (const item of this.contentItems) item.complete();
    this.end(
      { type: "turn_complete", ...ids, status: "completed", usage },
      "PROTOCOL_ERROR",
      "The tool call ended without a result",
    );
  }

  /** Emits the terminal event after ending every open item with `error` (`code`, `message`). */
  private end(event: TurnEvent, code: string, message: string): void {
    this.done = true;
    for (const item of this.contentItems) item.destroy(code, message);
    for (const tool of this.tools.values()) tool.abort(code, message);
    this.options.emitTurn(event);
  }
}

function blockKind(type: string): Block["kind"] | undefined {
  if (type === "text" || type === "thinking") return type;
  return TOOL_BLOCKS.has(type) ? "tool" : undefined;
}
