// One Claude turn: turn_started, its translator, and exactly one terminal turn event (CONTRACTS.md section 3).
import type { SDKMessage, SDKResultMessage } from "@anthropic-ai/claude-agent-sdk";
import type { TurnEvent, UpsertObject } from "../../../shared/contracts/index.js";
import type { Logger } from "../../../shared/util/index.js";
import type { BatchingOptions } from "../batching.js";
import { resultFailure, turnCostUsd, usageFromResult } from "./sdk-content.js";
import { TurnTranslator } from "./translator.js";

/** Options of one {@link ClaudeTurn}. */
export interface ClaudeTurnOptions {
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
  /** Where the translator reports unknown event types (once per type); default console. */
  logger?: Logger;
}

/**
 * One turn, from the yielded user message to the SDK `result`. Feed it every SDK message of the turn with
 * {@link apply}; its {@link TurnTranslator} makes the upserts. It emits `turn_started` (with the model from
 * `system:init`) before the turn's first upsert, and exactly one terminal turn event: `turn_complete` (`completed`,
 * or `cancelled` after {@link requestCancel}) or `turn_error`, after ending every item still open. Every `end*`
 * method is a no-op once the turn has ended, so a late `result`, a crash or a kill after the end change nothing.
 */
export class ClaudeTurn {
  readonly turnId: string;
  /** The turn's model once `system:init` named it. */
  modelId: string | undefined;
  /** The process's cumulative cost after this turn's `result`. */
  totalCostUsd: number | undefined;
  private readonly translator: TurnTranslator;
  private started = false;
  private ended = false;
  private cancelling = false;

  constructor(private readonly options: ClaudeTurnOptions) {
    this.turnId = options.turnId;
    this.translator = new TurnTranslator({
      turnId: options.turnId,
      sessionId: options.sessionId,
      emit: options.emitUpsert,
      batching: options.batching,
      now: options.now,
      logger: options.logger,
      cancelRequested: () => this.cancelling,
      onStarted: (modelId) => {
        if (modelId !== undefined) this.modelId = modelId;
        this.start();
      },
      onResult: (result) => this.endWithResult(result),
    });
  }

  /** True once the terminal turn event was emitted. */
  get isOver(): boolean {
    return this.ended;
  }

  /** True once {@link requestCancel} was called. */
  get cancelRequested(): boolean {
    return this.cancelling;
  }

  /** Marks the turn as being cancelled: open items end as `CANCELLED` and the turn as `cancelled`. */
  requestCancel(): void {
    this.cancelling = true;
  }

  /** Applies one SDK message of this turn; `receivedAt` is when it arrived (epoch ms). Ignored once the turn ended. */
  apply(message: SDKMessage, receivedAt = (this.options.now ?? Date.now)()): void {
    if (this.ended) return;
    this.translator.apply(message, receivedAt);
  }

  /**
   * Ends the turn as `cancelled` now (the session was killed, or the CLI never answered an interrupt): open items end
   * as `error` / `CANCELLED` with their content so far.
   */
  endCancelled(message = "Cancelled by the user"): void {
    if (this.ended) return;
    this.start();
    this.end({ type: "turn_complete", ...this.ids(), status: "cancelled" }, "CANCELLED", message);
  }

  /** Ends the turn with `turn_error` (process crash, protocol failure): open items end as `error` with `code`. */
  endFailed(code: string, message: string): void {
    if (this.ended) return;
    this.start();
    this.end({ type: "turn_error", ...this.ids(), errorCode: code, errorMessage: message }, code, message);
  }

  /** Emits `turn_started` once, with the model `system:init` named (else the fallback). */
  private start(): void {
    if (this.started) return;
    this.started = true;
    this.options.emitTurn({
      type: "turn_started",
      ...this.ids(),
      modelId: this.modelId ?? this.options.fallbackModelId,
      providerId: "claude-code",
    });
  }

  /**
   * The turn's `result`: `cancelled` when a cancel was asked and the turn did not succeed, `turn_error` for an API
   * failure or an error result, else `completed` (with usage and the turn's cost either way but error).
   */
  private endWithResult(result: SDKResultMessage): void {
    this.start();
    this.totalCostUsd = result.total_cost_usd;
    const usage = usageFromResult(result, turnCostUsd(result, this.options.previousTotalCostUsd));
    const failure = this.translator.apiFailure ?? resultFailure(result);
    if (this.cancelling && (failure || result.subtype !== "success")) {
      this.end(
        { type: "turn_complete", ...this.ids(), status: "cancelled", usage },
        "CANCELLED",
        "Cancelled by the user",
      );
      return;
    }
    if (failure) {
      this.endFailed(failure.code, failure.message);
      return;
    }
    this.ended = true;
    this.translator.complete();
    this.options.emitTurn({ type: "turn_complete", ...this.ids(), status: "completed", usage });
  }

  /** Emits the terminal event after ending every open item with `error` (`code`, `message`). */
  private end(event: TurnEvent, code: string, message: string): void {
    this.ended = true;
    this.translator.fail(code, message);
    this.options.emitTurn(event);
  }

  private ids(): { turnId: string; sessionId: string } {
    return { turnId: this.turnId, sessionId: this.options.sessionId };
  }
}
