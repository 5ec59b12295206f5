// One socket's outgoing side: JSON sending, congestion check against a byte bound, and drain notification.
import type { ServerMessage } from "../../shared/contracts/index.js";

/** The part of a `ws` WebSocket the outbox uses (a fake in unit tests). */
export interface OutboxSocket {
  /** Bytes queued for sending and not yet handed to the kernel (`ws` `WebSocket.bufferedAmount`). */
  readonly bufferedAmount: number;
  /** `1` (OPEN) while messages can be sent. */
  readonly readyState: number;
  send(data: string): void;
}

/** Bounds of one socket's outgoing queue. */
export interface OutboxLimits {
  /** Above this many queued bytes the socket is congested: session streams to it pause. Default 4 MiB. */
  highWaterBytes: number;
  /** At or below this many queued bytes a congested socket counts as drained. Default 1 MiB. */
  lowWaterBytes: number;
  /** How often a congested socket's queue is checked, in milliseconds. Default 50. */
  drainPollMs: number;
  /** Stream messages one session may hold back for a congested socket before it is resynchronised. Default 1000. */
  maxBacklog: number;
}

/** The default bounds: 4 MiB high water, 1 MiB low water, checked every 50 ms, 1000 held-back messages. */
export const DEFAULT_OUTBOX_LIMITS: OutboxLimits = {
  highWaterBytes: 4 * 1024 * 1024,
  lowWaterBytes: 1024 * 1024,
  drainPollMs: 50,
  maxBacklog: 1000,
};

const OPEN = 1;

/**
 * Sends messages to one socket and tells whether it keeps up. `ws` queues every `send` in memory without bound, so a
 * browser that reads slowly would grow the server's memory; the session watches ask `isCongested()` before each stream
 * message, hold messages back (up to `maxBacklog`) while it is, and flush or resynchronise from `whenDrained`.
 */
export class SocketOutbox {
  private readonly drainCallbacks: (() => void)[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;
  private disposed = false;

  constructor(
    private readonly socket: OutboxSocket,
    readonly limits: OutboxLimits = DEFAULT_OUTBOX_LIMITS,
  ) {}

  /** Sends `message` as JSON when the socket is open; a closed socket drops it. Returns whether it was sent. */
  send(message: ServerMessage): boolean {
    if (this.disposed || this.socket.readyState !== OPEN) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  /** True while more than `highWaterBytes` wait to be sent. */
  isCongested(): boolean {
    return this.socket.bufferedAmount > this.limits.highWaterBytes;
  }

  /**
   * Calls `callback` once the queue is at or below `lowWaterBytes` (checked every `drainPollMs`); never after
   * `dispose()` or once the socket closed.
   */
  whenDrained(callback: () => void): void {
    if (this.disposed) return;
    this.drainCallbacks.push(callback);
    if (this.timer) return;
    this.timer = setInterval(() => this.poll(), this.limits.drainPollMs);
    this.timer.unref?.();
  }

  /** Stops the drain checks and drops pending callbacks (the socket closed). */
  dispose(): void {
    this.disposed = true;
    this.drainCallbacks.length = 0;
    this.stopTimer();
  }

  private poll(): void {
    if (this.socket.readyState !== OPEN) {
      this.dispose();
      return;
    }
    if (this.socket.bufferedAmount > this.limits.lowWaterBytes) return;
    this.stopTimer();
    const callbacks = this.drainCallbacks.splice(0);
    for (const callback of callbacks) callback();
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
