// Drives one session's stream through its fake CLI and reads back the seq the real session service gave each event.
import type { StreamMessage, UpsertObject } from "../../../shared/contracts/index.js";
import type { SessionService } from "../../sessions/index.js";
import type { FakeProvider } from "../../sessions/testing/index.js";
import { agentText } from "./samples.js";

/**
 * A test's hand on one live session: each method makes the session's `FakeProvider` emit one event, which the real
 * service numbers and fans out synchronously, and returns the `seq` the service gave it. The service drops upserts
 * and terminal events of a turn that is not running (CONTRACTS.md section 3), so start a turn first; a dropped
 * event throws here, naming it. `messages` records every stream message of the session since the script was made.
 */
export class SessionScript {
  /** The session's stream messages (with `seq`) since this script was made, in order. */
  readonly messages: StreamMessage[] = [];
  private readonly unsubscribe: () => void;

  constructor(
    service: SessionService,
    /** The fake CLI of the session (`calls`, `failNext`, `hold`, `crash`, … for the test). */
    readonly provider: FakeProvider,
    readonly sessionId: string,
  ) {
    this.unsubscribe = service.onStream(sessionId, (message) => this.messages.push(message));
  }

  /** The `seq` of the last stream message seen (0 before any). */
  get seq(): number {
    return this.messages.at(-1)?.seq ?? 0;
  }

  /** The CLI starts turn `turnId`; returns the `turn_started` seq. */
  startTurn(turnId: string): number {
    return this.numbered(`turn_started ${turnId}`, () => this.provider.startTurn(this.sessionId, turnId));
  }

  /** The CLI emits an agent text upsert of the running `turnId` (see `agentText`); returns its seq. */
  text(turnId: string, content: string, status: UpsertObject["status"] = "update", itemId = `${turnId}:1:0`): number {
    return this.numbered(`upsert ${itemId}`, () =>
      this.provider.emitUpsert(this.sessionId, agentText(this.sessionId, turnId, content, status, itemId)),
    );
  }

  /** `count` agent text updates of the running `turnId` (`t0`, `t1`, …, one item); returns their seqs. */
  texts(count: number, turnId: string): number[] {
    return Array.from({ length: count }, (_, i) => this.text(turnId, `t${i}`));
  }

  /** The CLI ends turn `turnId` (`turn_complete`, `completed` unless given); returns its seq. */
  completeTurn(turnId: string, status: "completed" | "cancelled" = "completed"): number {
    return this.numbered(`turn_complete ${turnId}`, () => this.provider.completeTurn(this.sessionId, turnId, status));
  }

  /** Stops recording `messages`. */
  dispose(): void {
    this.unsubscribe();
  }

  private numbered(what: string, emit: () => void): number {
    const before = this.messages.length;
    emit();
    if (this.messages.length === before) throw new Error(`The session service dropped ${what} (is its turn running?)`);
    return this.seq;
  }
}
