// Builds a session's history (completed upserts) from the updates codex-acp replays during `session/load`.
import type { SessionUpdate } from "@agentclientprotocol/sdk";
import { isTerminalStatus, type UpsertObject } from "../../../shared/contracts/index.js";
import type { Logger } from "../../../shared/util/index.js";
import { TurnTranslator } from "./translator.js";

/** Options of a `HistoryCollector`. */
export interface HistoryCollectorOptions {
  /** The app's session id stamped on every upsert. */
  sessionId: string;
  /** Prefix of the replayed turns' ids: turn n (from 1) is `${turnIdPrefix}${n}`; default `history-`. */
  turnIdPrefix?: string;
  /** Clock (epoch ms); default `Date.now`. */
  now?: () => number;
  /** Where unknown ACP update kinds are reported (once per kind); default console. */
  logger?: Logger;
}

/**
 * Collects replayed `session/update`s (ACP `session/load`: `user_message_chunk`, `agent_message_chunk`,
 * `agent_thought_chunk`, `tool_call`, `tool_call_update`, in conversation order) into completed upserts.
 * A `user_message_chunk` after any agent output starts a new turn; the same itemId rules as live turns apply
 * (`${turnId}:user`, `${turnId}:${ordinal}`, `${turnId}:tool:${toolCallId}`), with the deterministic turn ids
 * `history-1`, `history-2`, … so loading the same session twice gives the same ids.
 */
export class HistoryCollector {
  private readonly latest = new Map<string, UpsertObject>();
  private translator: TurnTranslator | undefined;
  private turnCount = 0;
  private agentSpoke = false;
  private readonly now: () => number;

  constructor(private readonly options: HistoryCollectorOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Applies one replayed update. */
  apply(update: SessionUpdate, receivedAt = this.now()): void {
    const isUser = update.sessionUpdate === "user_message_chunk";
    if (!this.translator || (isUser && this.agentSpoke)) this.startTurn();
    if (!isUser) this.agentSpoke = true;
    this.translator?.apply(update, receivedAt);
  }

  /** Ends the replay: every item is completed and the history is returned in conversation order. */
  finish(): UpsertObject[] {
    this.translator?.complete();
    this.translator = undefined;
    return [...this.latest.values()].filter((upsert) => isTerminalStatus(upsert.status));
  }

  private startTurn(): void {
    this.translator?.complete();
    this.turnCount += 1;
    this.agentSpoke = false;
    this.translator = new TurnTranslator({
      sessionId: this.options.sessionId,
      turnId: `${this.options.turnIdPrefix ?? "history-"}${this.turnCount}`,
      emit: (upsert) => this.latest.set(upsert.itemId, upsert),
      batching: { timeCapMs: 0 },
      now: this.now,
      includeUserMessages: true,
      ...(this.options.logger ? { logger: this.options.logger } : {}),
    });
  }
}
