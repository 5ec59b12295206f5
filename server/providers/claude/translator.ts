// One Claude turn: routes its Agent SDK messages, emits turn_started and one terminal event (CONTRACTS.md section 3).
import type {
  SDKAssistantMessage,
  SDKMessage,
  SDKPartialAssistantMessage,
  SDKResultMessage,
  SDKUserMessage,
} from "@anthropic-ai/claude-agent-sdk";
import type { TurnEvent, UpsertObject } from "../../../shared/contracts/index.js";
import type { BatchingOptions } from "../batching.js";
import { AssistantBlocks } from "./assistant-blocks.js";
import type { ItemContext } from "./items.js";
import {
  answersOtherMessage,
  resultFailure,
  syntheticApiFailure,
  type TurnFailure,
  toolResultText,
  turnCostUsd,
  usageFromResult,
} from "./sdk-content.js";
import { TurnItems } from "./turn-items.js";

/** Options of one {@link TurnTranslator}. */
export interface TurnTranslatorOptions {
  /** The turn every upsert and turn event carries (also the uuid of the turn's user message). */
  turnId: string;
  /** The app's session id stamped on every upsert and turn event. */
  sessionId: string;
  /** The model for `turn_started` when output arrives before the turn's `system:init` (the last known model). */
  fallbackModelId: string;
  /** The process's cumulative `total_cost_usd` before this turn; undefined when unknown. */
  previousTotalCostUsd?: number;
  /** Batching of text and thinking items (CONTRACTS.md section 4). */
  batching?: BatchingOptions;
  /** Receives every upsert of the turn, in order (CONTRACTS.md section 2). */
  emitUpsert: (upsert: UpsertObject) => void;
  /** Receives `turn_started` and the one terminal turn event (CONTRACTS.md section 3). */
  emitTurn: (event: TurnEvent) => void;
  /** Epoch milliseconds now; default `Date.now`. */
  now?: () => number;
}

/**
 * One turn, from the yielded user message to the SDK `result`. Feed it every SDK message of the turn with
 * {@link handle}; it emits `turn_started` (with the model from `system:init`), the items' upserts, and exactly one
 * terminal turn event: `turn_complete` (`completed`, or `cancelled` after {@link requestCancel}) or `turn_error`.
 * Assistant content blocks become items through {@link AssistantBlocks} (ids
 * `${turnId}:${messageOrdinal}:${blockIndex}`), tool results end their tool calls through {@link TurnItems}, and the
 * turn's end ends every item still open.
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
  private apiFailure: TurnFailure | undefined;
  private readonly items: TurnItems;
  private readonly blocks: AssistantBlocks;

  constructor(private readonly options: TurnTranslatorOptions) {
    this.ctx = {
      turnId: options.turnId,
      sessionId: options.sessionId,
      now: options.now ?? Date.now,
      emit: options.emitUpsert,
      batching: options.batching,
    };
    this.items = new TurnItems(this.ctx);
    this.blocks = new AssistantBlocks(this.items, () => this.cancelRequested);
  }

  /** True once the terminal turn event was emitted. */
  get finished(): boolean {
    return this.done;
  }

  /** Marks the turn as being cancelled: open items end as `CANCELLED` and the turn as `cancelled`. */
  requestCancel(): void {
    this.cancelRequested = true;
  }

  /**
   * Handles one SDK message of this turn; `receivedAt` is when it arrived (epoch ms). `system:init` names the model,
   * `stream_event` and `assistant` carry content blocks (a synthetic API-error `assistant` is kept as the turn's
   * failure), `user` carries `tool_result`s, and `result` (unless it answers another user message) ends the turn.
   * Ignored once the turn has ended.
   */
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

  private onStreamEvent(message: SDKPartialAssistantMessage, at: number): void {
    this.ensureStarted();
    this.blocks.onStreamEvent(message, at);
  }

  private onAssistant(message: SDKAssistantMessage, at: number): void {
    this.ensureStarted();
    const failure = syntheticApiFailure(message);
    if (failure) {
      this.apiFailure = failure;
      return;
    }
    this.blocks.onAssistant(message, at);
  }

  private onUser(message: SDKUserMessage, at: number): void {
    const content = message.message.content;
    if (!Array.isArray(content)) return;
    const parent = message.parent_tool_use_id ?? undefined;
    for (const block of content) {
      if (block.type !== "tool_result") continue;
      this.ensureStarted();
      this.items.finishTool(block.tool_use_id, toolResultText(block.content), block.is_error === true, parent, at);
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
    this.items.completeContent();
    this.end(
      { type: "turn_complete", ...ids, status: "completed", usage },
      "PROTOCOL_ERROR",
      "The tool call ended without a result",
    );
  }

  /** Emits the terminal event after ending every open item with `error` (`code`, `message`). */
  private end(event: TurnEvent, code: string, message: string): void {
    this.done = true;
    this.items.endOpen(code, message);
    this.options.emitTurn(event);
  }
}
