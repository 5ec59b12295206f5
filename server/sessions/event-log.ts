// One session's stream: seq numbering, a bounded replay ring, and the latest state of every item for history.
import {
  isTerminalStatus,
  type StreamMessage,
  type TurnEvent,
  type UpsertObject,
} from "../../shared/contracts/index.js";
import { ServiceError } from "./types.js";

/** Default number of stream messages held per session for replay (older ones are only in the history). */
export const DEFAULT_EVENT_LOG_LIMIT = 5_000;

/**
 * The default `seq` base of this server run: its start time in microseconds since the epoch. Every session's
 * stream of this run is numbered from `base + 1`, so an `afterSeq` a browser kept from an earlier run (numbered
 * from that run's smaller base) is always older than anything held now and gets a fresh history, never a replay
 * of the wrong messages. (A session would need more than one message per microsecond to overlap runs.)
 */
export const RUN_SEQ_BASE = Date.now() * 1000;

/**
 * The stream of one session (CONTRACTS.md section 7).
 * - `append` gives each upsert / turn event the next `seq` (the first is `seqBase + 1`; `seqBase` defaults to 0)
 *   and keeps the message in a ring of the last `limit` messages, for `since(afterSeq)` replay.
 * - Independently of the ring, it keeps the latest upsert of every item in conversation order (order of first
 *   emission, after any seeded history), which is what `session:history` pages are cut from. Items are never
 *   dropped from this state: it is the session's conversation as this server knows it.
 */
export class EventLog {
  private readonly ring: (StreamMessage | undefined)[];
  private head = 0;
  private size = 0;
  private lastSeq = 0;
  /** itemId → latest upsert and the stream message that carried it (undefined for seeded history). */
  private items = new Map<string, { upsert: UpsertObject; message?: StreamMessage }>();
  private readonly turnStarts = new Map<string, StreamMessage>();
  private seededFlag = false;

  constructor(
    private readonly sessionId: string,
    readonly limit: number = DEFAULT_EVENT_LOG_LIMIT,
    seqBase = 0,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`eventLogLimit must be a positive integer`);
    if (!Number.isSafeInteger(seqBase) || seqBase < 0) throw new RangeError(`seqBase must be a non-negative integer`);
    this.ring = new Array(limit);
    this.lastSeq = seqBase;
  }

  /** The last `seq` given (`seqBase` before the first message). */
  get seq(): number {
    return this.lastSeq;
  }

  /** True once history from disk or the CLI has been put in front of the live items. */
  get seeded(): boolean {
    return this.seededFlag;
  }

  /** Puts completed `history` items before everything held (once; later calls are ignored). */
  seed(history: UpsertObject[]): void {
    if (this.seededFlag) return;
    this.seededFlag = true;
    const next = new Map<string, { upsert: UpsertObject; message?: StreamMessage }>();
    for (const upsert of history) if (!this.items.has(upsert.itemId)) next.set(upsert.itemId, { upsert });
    for (const [itemId, entry] of this.items) next.set(itemId, entry);
    this.items = next;
  }

  /** Numbers and records one stream message; returns it. */
  append(payload: UpsertObject | TurnEvent): StreamMessage {
    this.lastSeq += 1;
    const message: StreamMessage =
      payload.type === "turn_started" || payload.type === "turn_complete" || payload.type === "turn_error"
        ? { type: "session:turn", sessionId: this.sessionId, seq: this.lastSeq, payload }
        : { type: "session:upsert", sessionId: this.sessionId, seq: this.lastSeq, payload };
    this.ring[(this.head + this.size) % this.limit] = message;
    if (this.size < this.limit) this.size += 1;
    else this.head = (this.head + 1) % this.limit;
    if (message.type === "session:upsert") {
      this.items.set(message.payload.itemId, { upsert: message.payload, message });
    } else if (message.payload.type === "turn_started") {
      this.turnStarts.set(message.payload.turnId, message);
    } else {
      this.turnStarts.delete(message.payload.turnId);
    }
    return message;
  }

  /**
   * Exactly the messages after `afterSeq`, or undefined when they are no longer all held (older than the ring) or
   * `afterSeq` is ahead of this log (a browser from before a server restart).
   */
  since(afterSeq: number): StreamMessage[] | undefined {
    if (afterSeq > this.lastSeq) return undefined;
    const firstHeld = this.lastSeq - this.size + 1;
    if (afterSeq < firstHeld - 1) return undefined;
    const out: StreamMessage[] = [];
    for (let i = afterSeq - firstHeld + 1; i < this.size; i += 1) {
      const message = this.ring[(this.head + i) % this.limit];
      if (message) out.push(message);
    }
    return out;
  }

  /**
   * A page of completed items (status `complete`/`error`) in conversation order, leaving out the items of
   * `runningTurnId`: the last `size` items before `beforeItemId` (or the newest when absent).
   * @throws ServiceError `INVALID_REQUEST` when `beforeItemId` is not a completed item of this session.
   */
  page(size: number, options: { beforeItemId?: string; runningTurnId?: string } = {}) {
    const completed = [...this.items.values()]
      .map((e) => e.upsert)
      .filter((u) => isTerminalStatus(u.status) && u.turnId !== options.runningTurnId);
    let end = completed.length;
    if (options.beforeItemId !== undefined) {
      end = completed.findIndex((u) => u.itemId === options.beforeItemId);
      if (end < 0) {
        throw new ServiceError(
          "INVALID_REQUEST",
          `Item ${options.beforeItemId} is not in the history of session ${this.sessionId}; reopen the session`,
        );
      }
    }
    const start = Math.max(0, end - Math.max(1, size));
    return { entries: completed.slice(start, end), hasMore: start > 0 };
  }

  /**
   * The stream messages a browser needs to show the running turn `turnId`: its `turn_started` and the latest
   * message of each of its items, in `seq` order.
   */
  inFlight(turnId: string): StreamMessage[] {
    const out: StreamMessage[] = [];
    const started = this.turnStarts.get(turnId);
    if (started) out.push(started);
    for (const { upsert, message } of this.items.values()) {
      if (upsert.turnId === turnId && message) out.push(message);
    }
    return out.sort((a, b) => a.seq - b.seq);
  }

  /** Latest state of the items of `turnId` that have no terminal emission yet. */
  openItems(turnId: string): UpsertObject[] {
    return [...this.items.values()]
      .map((e) => e.upsert)
      .filter((u) => u.turnId === turnId && !isTerminalStatus(u.status));
  }
}
