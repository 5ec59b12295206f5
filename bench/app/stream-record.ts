// What our page's WebSocket receives of the session streams, recorded inside the page as it arrives, and the checks
// on it: per session, `seq` strictly increasing by one; per turn, its end and its agent text against the stand-in's.
import type { Page } from "playwright-core";
import type { ClockOffset, VisibleMark } from "../lib/page-marks.js";

/**
 * One session message as the page's WebSocket received it (recorded by {@link STREAM_RECORDER_SCRIPT}): a stream
 * message (`session:upsert`, `session:turn`, both with `seq`) or a fresh `session:history` (its `seq` is where the
 * stream resumes; pages of older items are not recorded).
 */
export interface ReceivedMessage {
  /** Epoch ms when the message event fired, before the app handled it: page clock in the page, bench clock after
   * {@link drainReceived}. */
  at: number;
  type: "session:upsert" | "session:turn" | "session:history";
  sessionId: string;
  seq: number;
  /** Upserts and turn events: the turn. */
  turnId?: string;
  /** Upserts: the item, its `type` (message, thinking, tool_call), `origin` (messages) and `status`. */
  itemId?: string;
  itemType?: string;
  origin?: string;
  status?: string;
  /** Upserts: length of `content` in UTF-16 code units (0 without content). */
  contentLength?: number;
  /** Agent message upserts only: the whole text so far. */
  content?: string;
  /** Upserts: the ISO 8601 timestamps the provider set (CONTRACTS.md section 2). */
  emittedAt?: string;
  sourceTimestamp?: string;
  /** Turn events: `turn_started`, `turn_complete` or `turn_error`; `turn_complete`'s status; `turn_error`'s code. */
  event?: string;
  errorCode?: string;
}

/** The page global the recorder sets (see {@link STREAM_RECORDER_SCRIPT}). */
interface RecorderGlobal {
  __benchStream?: {
    received: ReceivedMessage[];
    /** Resolves once every turn in `turnIds` has had its terminal event; rejects after `timeoutMs`. */
    whenEnded(turnIds: readonly string[], timeoutMs: number): Promise<void>;
  };
}

/**
 * Page script (for `openApp`'s `initScript`): replaces `window.WebSocket` with a subclass whose instances record, in
 * a listener added in the constructor (so before the app's `onmessage` handler), every session message they receive
 * as a {@link ReceivedMessage} with the arrival time (`performance.timeOrigin + performance.now()`), into
 * `window.__benchStream.received`. `window.__benchStream.whenEnded(turnIds, timeoutMs)` resolves when each of those
 * turns has received `turn_complete` or `turn_error`. Plain JavaScript source, so no bundler helper is needed in
 * the page. Costs one more `JSON.parse` per message.
 */
export const STREAM_RECORDER_SCRIPT = `(() => {
  const Native = window.WebSocket;
  const received = [];
  const ended = new Set();
  const waiters = new Set();
  const take = (data) => {
    if (typeof data !== "string" || !data.includes('"session:')) return;
    const at = performance.timeOrigin + performance.now();
    let message;
    try { message = JSON.parse(data); } catch { return; }
    const { type, sessionId, seq, payload } = message;
    if (type === "session:upsert") {
      const agentText = payload.type === "message" && payload.origin === "agent";
      received.push({
        at, type, sessionId, seq, turnId: payload.turnId, itemId: payload.itemId, itemType: payload.type,
        origin: payload.origin, status: payload.status,
        contentLength: typeof payload.content === "string" ? payload.content.length : 0,
        content: agentText ? payload.content : undefined,
        emittedAt: payload.emittedAt, sourceTimestamp: payload.sourceTimestamp,
      });
    } else if (type === "session:turn") {
      received.push({
        at, type, sessionId, seq, turnId: payload.turnId, event: payload.type, status: payload.status,
        errorCode: payload.errorCode,
      });
      if (payload.type !== "turn_started") {
        ended.add(payload.turnId);
        for (const waiter of [...waiters]) waiter();
      }
    } else if (type === "session:history" && !message.older) {
      received.push({ at, type, sessionId, seq });
    }
  };
  class RecordingWebSocket extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      this.addEventListener("message", (event) => take(event.data));
    }
  }
  window.WebSocket = RecordingWebSocket;
  const whenEnded = (turnIds, timeoutMs) => new Promise((resolve, reject) => {
    let timer;
    const check = () => {
      if (!turnIds.every((id) => ended.has(id))) return;
      waiters.delete(check);
      clearTimeout(timer);
      resolve();
    };
    timer = setTimeout(() => {
      waiters.delete(check);
      const open = turnIds.filter((id) => !ended.has(id));
      reject(new Error(open.length + " of " + turnIds.length + " turns had not ended after " + timeoutMs + " ms"));
    }, timeoutMs);
    waiters.add(check);
    check();
  });
  window.__benchStream = { received, whenEnded };
})();`;

/**
 * Takes every message the recorder kept since the last call (oldest first), with `at` put on the bench clock.
 * @throws Error when the page has no recorder (opened without {@link STREAM_RECORDER_SCRIPT}).
 */
export async function drainReceived(page: Page, clock: ClockOffset): Promise<ReceivedMessage[]> {
  const raw = await page.evaluate(() => (window as unknown as RecorderGlobal).__benchStream?.received.splice(0));
  if (!raw) throw new Error("the page has no stream recorder (open it with STREAM_RECORDER_SCRIPT)");
  return raw.map((message) => ({ ...message, at: message.at - clock.offsetMs }));
}

/**
 * Resolves once the page has received the terminal turn event of every turn in `turnIds` (whatever its outcome).
 * @throws Error from the page when some had not ended after `timeoutMs`.
 */
export async function waitForTurnsEnded(page: Page, turnIds: readonly string[], timeoutMs: number): Promise<void> {
  await page.evaluate(
    ([ids, timeout]) => (window as unknown as RecorderGlobal).__benchStream?.whenEnded(ids, timeout),
    [[...turnIds], timeoutMs] as const,
  );
}

/**
 * Checks the `seq` of each session's stream messages in arrival order: each must be the previous one plus one
 * (CONTRACTS.md section 7: `seq` grows by one per stream message of a session), starting after the session's first
 * fresh history (or at whatever comes first when no history was recorded). A skipped `seq` is a lost message, a
 * lower or repeated one a reordered message; a second fresh history means the page re-opened the session (after a
 * gap it saw, or a reconnect). Each finding is one line in `violations`.
 */
export class StreamSeqCheck {
  private readonly last = new Map<string, number>();
  private readonly counts = new Map<string, number>();
  /** What was found broken, one line each, in arrival order. */
  readonly violations: string[] = [];

  /** @param label names a session in violation lines (default: its id). */
  constructor(private readonly label: (sessionId: string) => string = (sessionId) => sessionId) {}

  /** Checks `messages` (in arrival order, continuing from earlier calls). */
  feed(messages: readonly ReceivedMessage[]): void {
    for (const message of messages) {
      const last = this.last.get(message.sessionId);
      const who = this.label(message.sessionId);
      if (message.type === "session:history") {
        if (last !== undefined) {
          this.violations.push(
            `${who}: a fresh history (seq ${message.seq}) after seq ${last}: the page re-opened the session`,
          );
        }
        this.last.set(message.sessionId, Math.max(last ?? message.seq, message.seq));
        continue;
      }
      this.counts.set(message.sessionId, (this.counts.get(message.sessionId) ?? 0) + 1);
      if (last !== undefined && message.seq !== last + 1) {
        this.violations.push(
          message.seq > last + 1
            ? `${who}: seq ${message.seq} after ${last} (${message.seq - last - 1} stream message(s) lost)`
            : `${who}: seq ${message.seq} after ${last} (out of order or repeated)`,
        );
      }
      this.last.set(message.sessionId, Math.max(last ?? message.seq, message.seq));
    }
  }

  /** Stream messages checked so far, all sessions. */
  get checked(): number {
    return [...this.counts.values()].reduce((sum, count) => sum + count, 0);
  }
}

/** One turn of one session as its stream showed it. */
export interface TurnStream {
  /** The terminal turn event (`turn_complete` with its status, or `turn_error` with its code); undefined when none. */
  end?: { event: string; status?: string; errorCode?: string };
  /** The turn's agent message upserts, by item (in order of first arrival), each list in arrival order. */
  agentItems: Map<string, ReceivedMessage[]>;
}

/** The messages of `turnId` of `sessionId` among `messages` (see {@link TurnStream}). */
export function turnStream(messages: readonly ReceivedMessage[], sessionId: string, turnId: string): TurnStream {
  const stream: TurnStream = { agentItems: new Map() };
  for (const message of messages) {
    if (message.sessionId !== sessionId || message.turnId !== turnId) continue;
    if (message.type === "session:turn" && message.event !== "turn_started") {
      stream.end = { event: message.event ?? "?", status: message.status, errorCode: message.errorCode };
    }
    if (message.type === "session:upsert" && message.content !== undefined && message.itemId !== undefined) {
      stream.agentItems.set(message.itemId, [...(stream.agentItems.get(message.itemId) ?? []), message]);
    }
  }
  return stream;
}

/**
 * What is wrong with one turn's stream, given the text the stand-in wrote for it (one line each, prefixed with
 * `label`; empty when nothing): the turn did not end `completed`; no agent item ended `complete` with exactly
 * `written`; in that item a text that is not a prefix of the final one, a shorter text after a longer one, or an
 * emission after its terminal one.
 */
export function turnViolations(stream: TurnStream, written: string, label: string): string[] {
  const found: string[] = [];
  const end = stream.end;
  if (!end) found.push(`${label}: the turn never ended in the stream`);
  else if (end.event === "turn_error") found.push(`${label}: the turn ended with turn_error ${end.errorCode ?? "?"}`);
  else if (end.status !== "completed") found.push(`${label}: the turn ended ${end.status ?? "?"}, not completed`);
  const item = textItem(stream, written);
  if (!item) {
    const finals = [...stream.agentItems.values()].map(
      (list) => `${list.at(-1)?.status} ${list.at(-1)?.contentLength}`,
    );
    found.push(
      `${label}: no agent item ended complete with the ${written.length} characters the stand-in wrote (items: ${finals.join(", ") || "none"})`,
    );
    return found;
  }
  let previous = 0;
  for (const [index, upsert] of item.entries()) {
    const text = upsert.content ?? "";
    if (!written.startsWith(text)) found.push(`${label}: seq ${upsert.seq} shows text the stand-in did not write`);
    if (text.length < previous) found.push(`${label}: seq ${upsert.seq} shows less text than the upsert before it`);
    if (index < item.length - 1 && (upsert.status === "complete" || upsert.status === "error")) {
      found.push(`${label}: seq ${upsert.seq} is ${upsert.status} but more upserts of the item follow`);
    }
    previous = text.length;
  }
  return found;
}

/** The agent item of `stream` whose last upsert is `complete` with exactly `written`, as its upserts. */
function textItem(stream: TurnStream, written: string): ReceivedMessage[] | undefined {
  return [...stream.agentItems.values()].find(
    (list) => list.at(-1)?.status === "complete" && list.at(-1)?.content === written,
  );
}

/**
 * The arrivals of the agent item of `stream` that ended with `written`, as marks for `matchDeltas` (bench clock,
 * `contentLength`, and the upsert timestamps), so each delta gets its write → arrived-in-the-page time. Empty when
 * no item ended with `written`.
 */
export function arrivalMarks(stream: TurnStream, written: string): VisibleMark[] {
  return (textItem(stream, written) ?? []).map((upsert) => ({
    at: upsert.at,
    detail: {
      itemId: upsert.itemId ?? "",
      contentLength: upsert.contentLength ?? 0,
      emittedAt: upsert.emittedAt,
      sourceTimestamp: upsert.sourceTimestamp,
    },
  }));
}
