// One socket watching one session: open (history or replay) without loss or doubles, live stream, slow-socket resync.
import type { PermissionRequest, StreamMessage } from "../../shared/contracts/index.js";
import type { OpenSessionResult, SessionService } from "../sessions/index.js";
import type { SocketOutbox } from "./ws-outbox.js";

/** Where a watch is: fetching its start point, streaming, dropping its stream until the socket drains, or ended. */
export type WatchState = "opening" | "live" | "stalled" | "closed";

/** How to open: after the browser's last applied `seq` (replay), or fresh history when omitted. */
export interface OpenOptions {
  afterSeq?: number;
  /** Echoed on the `session:history` reply. */
  requestId?: string;
}

/**
 * The stream of one session to one socket (CONTRACTS.md section 7, `session:open`).
 *
 * Opening subscribes to the service's stream FIRST, then asks `openSession`; stream messages arriving meanwhile are
 * held, and after the history (plus its `inFlight` messages, all of them, whatever their `seq`) or the replay is sent,
 * the held ones follow, each only if its `seq` is above the last `seq` already sent. So nothing is lost or doubled in
 * the race.
 *
 * Slow consumers (per socket and session): a live stream message goes out at once unless the socket is congested
 * (its outbox holds more than the high-water bytes) or earlier messages are still held back; then it waits in a
 * backlog, flushed in order once the socket drains. When the backlog would exceed `maxBacklog` messages, the watch
 * goes `stalled`: it drops the backlog and this session's stream for this socket, and once the socket drains it
 * resynchronises with a fresh `session:history` (completed items, the `seq` they reflect, then the running turn's
 * messages) and goes live again. The browser thus always sees a consistent stream, memory stays bounded, and no other
 * socket or session ever waits for a slow one.
 */
export class SessionWatch {
  private state: WatchState = "opening";
  /** The highest `seq` sent or queued in the backlog for this socket. */
  private lastSeq = 0;
  private held: StreamMessage[] = [];
  private backlog: StreamMessage[] = [];
  private waitingForDrain = false;
  private generation = 0;
  private unsubscribe: (() => void) | undefined;
  private readonly sentPermissions = new Set<string>();

  constructor(
    readonly sessionId: string,
    private readonly service: SessionService,
    private readonly outbox: SocketOutbox,
    private readonly onResyncError: (error: unknown) => void = () => {},
  ) {}

  /** The watch's current state. */
  get currentState(): WatchState {
    return this.state;
  }

  /**
   * Subscribes (once) and sends the start point: `session:history` then its `inFlight` messages, or the replayed
   * stream messages after `afterSeq`; then the messages held during the wait, then the session's pending permission
   * requests. A later `open` or `close` supersedes an `open` still waiting for the service.
   * @throws the service's error (`SESSION_NOT_FOUND`, …); the watch is then closed and holds no subscription.
   */
  async open(options: OpenOptions = {}): Promise<void> {
    if (this.state === "closed") return;
    const generation = ++this.generation;
    this.state = "opening";
    this.held = [];
    this.backlog = [];
    this.waitingForDrain = false;
    this.unsubscribe ??= this.service.onStream(this.sessionId, (message) => this.onStream(message));
    let result: OpenSessionResult;
    try {
      result = await this.service.openSession(this.sessionId, { afterSeq: options.afterSeq });
    } catch (error) {
      if (generation === this.generation) this.close();
      throw error;
    }
    if (generation !== this.generation || this.state !== "opening") return;
    this.sendStartPoint(result, options);
    const held = this.held;
    this.held = [];
    this.state = "live";
    for (const message of held) this.deliver(message);
    for (const request of this.service.pendingPermissions(this.sessionId)) this.sendPermissionRequest(request);
  }

  /** Sends a permission request of this session unless this socket already received it. */
  sendPermissionRequest(request: PermissionRequest): void {
    if (this.state === "closed" || this.sentPermissions.has(request.requestId)) return;
    this.sentPermissions.add(request.requestId);
    this.outbox.send({ type: "permission:request", sessionId: this.sessionId, request });
  }

  /** Stops the stream to this socket (`session:close`, socket closed, or a failed open). Idempotent. */
  close(): void {
    this.state = "closed";
    this.generation += 1;
    this.held = [];
    this.backlog = [];
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private sendStartPoint(result: OpenSessionResult, options: OpenOptions): void {
    if (result.kind === "replay") {
      this.lastSeq = options.afterSeq ?? 0;
      for (const message of result.messages) this.sendNow(message);
      return;
    }
    const { entries, seq, hasMore } = result;
    const requestId = options.requestId === undefined ? {} : { requestId: options.requestId };
    this.outbox.send({ type: "session:history", ...requestId, sessionId: this.sessionId, entries, seq, hasMore });
    // The running turn's messages may carry seqs at or below the history's `seq` (the log head): send them all.
    this.lastSeq = seq;
    for (const message of result.inFlight) {
      this.outbox.send(message);
      this.lastSeq = Math.max(this.lastSeq, message.seq);
    }
  }

  private onStream(message: StreamMessage): void {
    if (this.state === "opening") this.held.push(message);
    else if (this.state === "live") this.deliver(message);
  }

  /** The live path: send, or hold back while the socket is congested, or stall when the backlog is full. */
  private deliver(message: StreamMessage): void {
    if (this.state !== "live" || message.seq <= this.lastSeq) return;
    if (this.backlog.length === 0 && !this.outbox.isCongested()) {
      this.sendNow(message);
    } else if (this.backlog.length >= this.outbox.limits.maxBacklog) {
      this.stall();
    } else {
      this.backlog.push(message);
      this.lastSeq = message.seq;
      this.awaitDrain();
    }
  }

  private sendNow(message: StreamMessage): void {
    if (message.seq <= this.lastSeq) return;
    this.outbox.send(message);
    this.lastSeq = message.seq;
  }

  private stall(): void {
    this.state = "stalled";
    this.backlog = [];
    this.awaitDrain();
  }

  private awaitDrain(): void {
    if (this.waitingForDrain) return;
    this.waitingForDrain = true;
    const generation = this.generation;
    this.outbox.whenDrained(() => {
      if (generation !== this.generation) return;
      this.waitingForDrain = false;
      if (this.state === "stalled") this.open().catch((error: unknown) => this.onResyncError(error));
      else if (this.state === "live") this.flushBacklog();
    });
  }

  private flushBacklog(): void {
    while (this.backlog.length > 0 && !this.outbox.isCongested()) {
      const message = this.backlog.shift();
      if (message) this.outbox.send(message);
    }
    if (this.backlog.length > 0) this.awaitDrain();
  }
}
