// One session's turns: which turn runs, one terminal event per turn, send-time buffering, closing turns the CLI cannot.
import type { TurnEvent, TurnTerminalEvent, UpsertObject } from "../../shared/contracts/index.js";
import type { Logger } from "../../shared/util/index.js";
import type { EventLog } from "./event-log.js";
import type { PendingPermissions } from "./permissions.js";
import type { ServiceEvents } from "./service-events.js";
import { type TurnClosing, turnClosingEvents } from "./synthetic-events.js";

/** How many ended turnIds are remembered to drop late events of a finished turn. */
const REMEMBERED_TURNS = 256;

/** What a `TurnTracker` tells the session that owns it, so the session's state follows its turns. */
export interface TurnStateListener {
  /** A `turn_started` was accepted (its `modelId`: the model that answers): the session is `running`. */
  started(modelId?: string): void;
  /** A terminal event was recorded and streamed, and the turn's permission requests were closed. */
  ended(event: TurnTerminalEvent): void;
}

/**
 * The turns of one session (CONTRACTS.md sections 3 and 7). Every provider event passes through here on its way into
 * the session's `EventLog` (which adds `seq`) and out to the service's `events.stream`:
 * - exactly one terminal event per turn: a second terminal event, or any event of an ended turn, is dropped, and so
 *   is an upsert or terminal event of a turn that is not running (a turn runs from `turn_started`, or from
 *   `sendAccepted` with its turnId, until its terminal event). Dropped events are logged (`info`);
 * - send-time buffering: provider events that arrive between `holdForSend` (before `provider.sendMessage`) and the
 *   send's outcome are held, so the user's own message upsert (`${turnId}:user`) goes first, then those events, in
 *   order; a failed send drops them;
 * - closing: when the process dies or is killed mid-turn without a terminal event, `close` ends the turn itself
 *   (`turn_error` / `turn_complete cancelled`, open items ended as errors; see `turnClosingEvents`);
 * - superseding: a `turn_started` of another turn while one runs ends the running one first the same way
 *   (`turn_error PROTOCOL_ERROR`, its permission requests closed; logged), then starts the new one.
 */
export class TurnTracker {
  private running: string | undefined;
  private sending = false;
  private buffer: (UpsertObject | TurnEvent)[] | undefined;
  private readonly ended = new Set<string>();

  constructor(
    private readonly sessionId: string,
    private readonly log: EventLog,
    private readonly permissions: PendingPermissions,
    private readonly events: Pick<ServiceEvents, "stream">,
    private readonly logger: Logger,
    private readonly listener: TurnStateListener,
  ) {}

  /** The turn currently running, if any. */
  get runningTurnId(): string | undefined {
    return this.running;
  }

  /** True while a message is being sent or a turn runs (another message must wait). */
  get busy(): boolean {
    return this.sending || Boolean(this.running);
  }

  /** The `onUpsert` / `onTurn` handler: the event is held while a send is in flight, else accepted. */
  receive(event: UpsertObject | TurnEvent): void {
    if (this.buffer) this.buffer.push(event);
    else this.accept(event);
  }

  /** `provider.sendMessage` is about to be called: hold provider events until `sendAccepted` / `sendFailed`. */
  holdForSend(): void {
    this.sending = true;
    this.buffer = [];
  }

  /** The send was refused, or the CLI stopped meanwhile: no turn started, and the held events are dropped (logged). */
  sendFailed(why: string): void {
    this.sending = false;
    this.dropBuffer(why);
  }

  /** The CLI accepted the message as `turnId`: it runs; `userMessage` is streamed first, then the held events. */
  sendAccepted(turnId: string, userMessage: UpsertObject): void {
    this.sending = false;
    this.running = turnId;
    this.accept(userMessage);
    this.flushBuffer();
  }

  /** Ends the running turn on the service's side when the CLI can no longer do it (held events are dropped). */
  close(how: TurnClosing): void {
    this.dropBuffer("the CLI stopped while a message was being sent");
    const turnId = this.running;
    if (!turnId) return;
    for (const event of turnClosingEvents(this.sessionId, turnId, this.log.openItems(turnId), how)) this.accept(event);
  }

  /** The CLI process is gone: no turn runs any more. */
  forgetRunning(): void {
    this.running = undefined;
  }

  /** A refused send started no turn: whatever the provider emitted meanwhile is not shown (logged). */
  private dropBuffer(why: string): void {
    const held = this.buffer ?? [];
    this.buffer = undefined;
    if (held.length > 0) {
      this.logger.info(`Dropped ${held.length} provider event(s): ${why}`, { sessionId: this.sessionId });
    }
  }

  private flushBuffer(): void {
    const held = this.buffer ?? [];
    this.buffer = undefined;
    for (const event of held) this.accept(event);
  }

  /**
   * Records and fans out one event. Dropped (logged): anything of a turn that already ended, and upserts or terminal
   * events of a turn that is not the running one. A `turn_started` of another turn ends the running one first.
   */
  private accept(event: UpsertObject | TurnEvent): void {
    const { turnId } = event;
    const terminal = event.type === "turn_complete" || event.type === "turn_error";
    const unknown = event.type !== "turn_started" && turnId !== this.running;
    if (this.ended.has(turnId) || unknown) {
      const why = this.ended.has(turnId) ? "ended" : "unknown";
      this.logger.info(`Dropped a ${event.type} of ${why} turn ${turnId}`, { sessionId: this.sessionId });
      return;
    }
    if (event.type === "turn_started") {
      if (this.running !== undefined && this.running !== turnId) this.supersede(this.running, turnId);
      this.running = turnId;
      this.listener.started(event.modelId);
    }
    if (terminal) this.remember(turnId);
    this.events.stream(this.log.append(event));
    if (terminal) {
      this.permissions.closeTurn(turnId, "the turn ended");
      if (this.running === turnId) this.running = undefined;
      this.listener.ended(event);
    }
  }

  /**
   * The CLI started turn `next` while `previous` had no terminal event: `previous` is ended first the way `close`
   * ends a turn (open items as errors, `turn_error PROTOCOL_ERROR`, its permission requests closed), logged (`warn`).
   */
  private supersede(previous: string, next: string): void {
    this.logger.warn(`Turn ${next} started before turn ${previous} ended; ending ${previous} as an error`, {
      sessionId: this.sessionId,
    });
    const how: TurnClosing = {
      kind: "error",
      code: "PROTOCOL_ERROR",
      message: `A new turn started before this turn ended (turn ${next})`,
    };
    for (const event of turnClosingEvents(this.sessionId, previous, this.log.openItems(previous), how)) {
      this.accept(event);
    }
  }

  private remember(turnId: string): void {
    this.ended.add(turnId);
    if (this.ended.size > REMEMBERED_TURNS) {
      const oldest = this.ended.values().next().value;
      if (oldest !== undefined) this.ended.delete(oldest);
    }
  }
}
