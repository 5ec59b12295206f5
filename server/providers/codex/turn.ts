// One Codex turn: turn_started, its translator, and exactly one terminal turn event (CONTRACTS.md section 3).
import type { PromptResponse, SessionUpdate } from "@agentclientprotocol/sdk";
import type { TurnEvent, UpsertObject } from "../../../shared/contracts/index.js";
import type { Logger } from "../../../shared/util/index.js";
import type { BatchingOptions } from "../batching.js";
import { turnUsage } from "./session-info.js";
import { TurnTranslator } from "./translator.js";

/** Where a turn's output goes. */
export interface CodexTurnOptions {
  sessionId: string;
  turnId: string;
  emitUpsert: (upsert: UpsertObject) => void;
  emitTurn: (event: TurnEvent) => void;
  /** Called once, just before the terminal event, when the turn ends (however it ends). */
  onEnd: () => void;
  batching?: BatchingOptions;
  /** Where the translator reports unknown ACP update kinds (once per kind); default console. */
  logger?: Logger;
}

/**
 * A turn from `sendMessage` to its terminal event. Updates that arrive before `start` (between writing the prompt
 * and the turn-start acknowledgement) are held and applied right after `turn_started`. Every `end*` method is a
 * no-op once the turn has ended, so a turn has exactly one terminal event whatever races (cancel vs. the prompt's
 * answer, crash vs. answer, cancel timeout vs. late answer).
 */
export class CodexTurn {
  readonly turnId: string;
  /** True once `session/cancel` was sent for this turn. */
  cancelRequested = false;
  /** The provider's own deadline for a cancelled turn (cleared at the end). */
  cancelTimer: NodeJS.Timeout | undefined;
  private readonly translator: TurnTranslator;
  private readonly held: [SessionUpdate, number][] = [];
  private started = false;
  private ended = false;
  /** An end that came before `start` (e.g. a cancel while the prompt was being written): run right after it. */
  private deferredEnd: (() => void) | undefined;

  constructor(private readonly options: CodexTurnOptions) {
    this.turnId = options.turnId;
    this.translator = new TurnTranslator({
      sessionId: options.sessionId,
      turnId: options.turnId,
      emit: options.emitUpsert,
      ...(options.batching ? { batching: options.batching } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
    });
  }

  /** True once the terminal event was emitted (or the turn was dropped before it started). */
  get isOver(): boolean {
    return this.ended;
  }

  /** True once `turn_started` was emitted. */
  get isStarted(): boolean {
    return this.started;
  }

  /** Emits `turn_started` (`modelId` as the CLI reports it) and applies the held updates. */
  start(modelId: string): void {
    if (this.started || this.ended) return;
    this.started = true;
    this.options.emitTurn({
      type: "turn_started",
      turnId: this.turnId,
      sessionId: this.options.sessionId,
      modelId,
      providerId: "codex",
    });
    for (const [update, at] of this.held.splice(0)) this.translator.apply(update, at);
    const deferred = this.deferredEnd;
    this.deferredEnd = undefined;
    deferred?.();
  }

  /** Applies one `session/update` of this turn. */
  apply(update: SessionUpdate, receivedAt: number): void {
    if (this.ended) return;
    if (this.started) this.translator.apply(update, receivedAt);
    else this.held.push([update, receivedAt]);
  }

  /** Ends a turn that never started (the prompt could not be written): no events at all. */
  drop(): void {
    this.ended = true;
    clearTimeout(this.cancelTimer);
  }

  /** `session/prompt` returned `end_turn` / `max_tokens` / `max_turn_requests`: items complete, `turn_complete`. */
  endCompleted(response: PromptResponse): void {
    if (!this.end(() => this.endCompleted(response))) return;
    this.translator.complete();
    const usage = turnUsage(response, this.translator.usage);
    this.options.emitTurn({ ...this.base(), type: "turn_complete", status: "completed", ...(usage ? { usage } : {}) });
  }

  /** The turn was cancelled: open items end `CANCELLED`, `turn_complete { status: "cancelled" }`. */
  endCancelled(): void {
    if (!this.end(() => this.endCancelled())) return;
    this.translator.fail("CANCELLED", "The turn was cancelled");
    const usage = turnUsage(undefined, this.translator.usage);
    this.options.emitTurn({ ...this.base(), type: "turn_complete", status: "cancelled", ...(usage ? { usage } : {}) });
  }

  /** The turn failed: open items end with `errorCode`, then `turn_error`. */
  endFailed(errorCode: string, errorMessage: string): void {
    if (!this.end(() => this.endFailed(errorCode, errorMessage))) return;
    this.translator.fail(errorCode, errorMessage);
    this.options.emitTurn({ ...this.base(), type: "turn_error", errorCode, errorMessage });
  }

  private end(retry: () => void): boolean {
    if (this.ended) return false;
    if (!this.started) {
      this.deferredEnd ??= retry;
      return false;
    }
    this.ended = true;
    clearTimeout(this.cancelTimer);
    this.options.onEnd();
    return true;
  }

  private base(): { turnId: string; sessionId: string } {
    return { turnId: this.turnId, sessionId: this.options.sessionId };
  }
}
