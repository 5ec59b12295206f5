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
 * Default size budget of one session's replay ring, in bytes as `messageBytes` counts them: 8 MiB. Each upsert
 * carries its item's whole content, so a long streamed answer would otherwise make the ring hold O(n²) bytes.
 */
export const DEFAULT_REPLAY_BUDGET_BYTES = 8 * 1024 * 1024;

/** What `messageBytes` counts for the ids, timestamps and object headers of one stream message, in bytes. */
export const MESSAGE_OVERHEAD_BYTES = 256;

/**
 * The approximate size of one stream message in bytes, cheap enough for every append: `MESSAGE_OVERHEAD_BYTES` plus
 * the length of its variable strings (a text/thinking upsert's `content`; a tool call's `toolOutput`, `title` and the
 * strings, keys and other values of `toolArguments`, 8 per number/boolean/null; a turn event's `errorMessage`), each
 * string counted as 1 byte per UTF-16 code unit — what V8 keeps for ASCII/Latin-1 text, half of it for other text.
 * Nothing is serialized.
 */
export function messageBytes(message: StreamMessage): number {
  if (message.type === "session:turn") {
    const event = message.payload;
    return MESSAGE_OVERHEAD_BYTES + (event.type === "turn_error" ? event.errorMessage.length : 0);
  }
  const upsert = message.payload;
  const error = upsert.errorMessage?.length ?? 0;
  if (upsert.type !== "tool_call") return MESSAGE_OVERHEAD_BYTES + error + upsert.content.length;
  return (
    MESSAGE_OVERHEAD_BYTES +
    error +
    (upsert.toolOutput?.length ?? 0) +
    (upsert.title?.length ?? 0) +
    valueBytes(upsert.toolArguments)
  );
}

/** The strings' lengths (keys included) of a JSON-like value plus 8 per other leaf, walked without recursion. */
function valueBytes(value: unknown): number {
  let bytes = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    if (typeof next === "string") bytes += next.length;
    else if (Array.isArray(next)) for (const entry of next) stack.push(entry);
    else if (next !== null && typeof next === "object") {
      for (const [key, entry] of Object.entries(next)) {
        bytes += key.length;
        stack.push(entry);
      }
    } else bytes += 8;
  }
  return bytes;
}

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
 *   and keeps the message in a ring for `since(afterSeq)` replay: the newest messages, at most `limit` of them and
 *   at most `budgetBytes` bytes (`messageBytes`) together. Older messages leave from the head, so what is held is
 *   always every message from some `seq` to the newest, without gaps (the browser re-opens on any gap in `seq`,
 *   client/state/items.ts, so superseded upserts are not coalesced out of the middle). The newest message is held
 *   even when it alone exceeds the budget: it is also the latest state of its item, kept below anyway.
 * - Independently of the ring, it keeps the latest upsert of every item in conversation order (order of first
 *   emission, after any seeded history), which is what `session:history` pages are cut from. Items are never
 *   dropped from this state: it is the session's conversation as this server knows it.
 */
export class EventLog {
  private readonly ring: (StreamMessage | undefined)[];
  /** `messageBytes` of each slot of `ring`. */
  private readonly slotBytes: Float64Array;
  private head = 0;
  private size = 0;
  private bytes = 0;
  private lastSeq = 0;
  /** itemId → latest upsert and the stream message that carried it (undefined for seeded history). */
  private items = new Map<string, { upsert: UpsertObject; message?: StreamMessage }>();
  private readonly turnStarts = new Map<string, StreamMessage>();
  private seededFlag = false;

  /**
   * @param limit most stream messages held for replay (default `DEFAULT_EVENT_LOG_LIMIT`).
   * @param seqBase the first message is numbered `seqBase + 1` (default 0).
   * @param budgetBytes most bytes (`messageBytes`) held for replay together (default `DEFAULT_REPLAY_BUDGET_BYTES`).
   * @throws RangeError for a `limit` that is not a positive integer, a negative or unsafe `seqBase`, or a budget that
   *   is not a positive finite number.
   */
  constructor(
    private readonly sessionId: string,
    readonly limit: number = DEFAULT_EVENT_LOG_LIMIT,
    seqBase = 0,
    readonly budgetBytes: number = DEFAULT_REPLAY_BUDGET_BYTES,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`eventLogLimit must be a positive integer`);
    if (!Number.isSafeInteger(seqBase) || seqBase < 0) throw new RangeError(`seqBase must be a non-negative integer`);
    if (!Number.isFinite(budgetBytes) || budgetBytes <= 0) {
      throw new RangeError(`replayBudgetBytes must be a positive number`);
    }
    this.ring = new Array(limit);
    this.slotBytes = new Float64Array(limit);
    this.lastSeq = seqBase;
  }

  /** The size of the messages held for replay, in bytes as `messageBytes` counts them. */
  get heldBytes(): number {
    return this.bytes;
  }

  /** How many stream messages are held for replay (the newest ones). */
  get heldCount(): number {
    return this.size;
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
    if (this.size === this.limit) this.dropOldest();
    const slot = (this.head + this.size) % this.limit;
    const bytes = messageBytes(message);
    this.ring[slot] = message;
    this.slotBytes[slot] = bytes;
    this.size += 1;
    this.bytes += bytes;
    while (this.bytes > this.budgetBytes && this.size > 1) this.dropOldest();
    if (message.type === "session:upsert") {
      this.items.set(message.payload.itemId, { upsert: message.payload, message });
    } else if (message.payload.type === "turn_started") {
      this.turnStarts.set(message.payload.turnId, message);
    } else {
      this.turnStarts.delete(message.payload.turnId);
    }
    return message;
  }

  /** Forgets the oldest message held for replay (it stays in the items' state if it is an item's latest). */
  private dropOldest(): void {
    this.ring[this.head] = undefined;
    this.bytes -= this.slotBytes[this.head] ?? 0;
    this.slotBytes[this.head] = 0;
    this.head = (this.head + 1) % this.limit;
    this.size -= 1;
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
