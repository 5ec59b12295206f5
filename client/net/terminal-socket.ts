// One terminal's own WebSocket (/ws/terminal/:id): output bytes in, keys and sizes out, reattaching where it left off.
import {
  parseContract,
  TERMINAL_INPUT_MAX_CHARS,
  type TerminalClientFrame,
  type TerminalInfo,
  TerminalServerFrameSchema,
} from "../../shared/contracts/index.js";
import { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF } from "./backoff.js";

/** Close code the server uses for a terminal that does not exist (any more). */
const GONE_CLOSE_CODE = 4404;
/** Acknowledge processed output once this many bytes are unacknowledged (the server pauses the shell at 256 KiB). */
const ACK_EVERY_BYTES = 32 * 1024;
/** …or this long after the last processed output, whichever comes first. */
const ACK_DELAY_MS = 40;

/** The part of the browser's WebSocket a terminal socket uses (a fake in tests). */
export interface TerminalSocketLike {
  readonly readyState: number;
  binaryType: string;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number }) => void) | null;
  send(data: string): void;
  close(): void;
}

/** Options; `createSocket` exists for tests (default: the browser's `WebSocket`). */
export interface TerminalSocketOptions {
  backoff?: BackoffOptions;
  createSocket?: (url: string) => TerminalSocketLike;
}

const OPEN = 1;

/** A terminal socket's state: connecting (or waiting to retry), open, or gone (the terminal was closed). */
export type TerminalSocketStatus = "connecting" | "open" | "gone";

/** Where a terminal socket reports. */
export interface TerminalSocketHandlers {
  /** Output bytes to show, in order; the emulator calls `parsed()` once it has parsed them (flow control). */
  output(data: Uint8Array, parsed: () => void): void;
  /**
   * The kept output that follows does not continue what is shown: clear the screen first (a new page, or a gap).
   * Bytes handed to `output` before it are still to be parsed first, in order, then cleared.
   */
  reset(): void;
  /** The terminal changed (exited, restarted, renamed, resized). */
  terminal(info: TerminalInfo): void;
  status(status: TerminalSocketStatus, message?: string): void;
  /** A frame the server refused, in words. */
  refused(message: string): void;
}

/**
 * Connects to `<base>/ws/terminal/<id>?since=<offset>`, where `offset` counts every output byte received so far, and
 * reconnects with backoff after a drop, so the server sends exactly what was missed (or, when that is no longer
 * kept, the kept scrollback after a `reset`). Keys are sent only while the socket is open and never queued: input typed
 * while disconnected is dropped (`input` returns false), so nothing typed runs twice. Parsed output is
 * acknowledged (`ack`) every 32 KiB or 40 ms, which is what lets the server pause a flooding shell for a slow page.
 */
export class TerminalSocket {
  private socket: TerminalSocketLike | null = null;
  private received = 0;
  private acked = 0;
  private processedUpTo = 0;
  /** Bumped by every `reset`: parse callbacks of output from before it no longer count. */
  private generation = 0;
  private ackTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private stopped = false;
  private size: { cols: number; rows: number } | null = null;

  constructor(
    private readonly url: string,
    private readonly handlers: TerminalSocketHandlers,
    private readonly options: TerminalSocketOptions = {},
  ) {
    this.connect();
  }

  /** Sends keys or a paste (split into frames of at most 64 Ki characters). False when not connected: dropped. */
  input(data: string): boolean {
    const socket = this.socket;
    if (!socket || socket.readyState !== OPEN) return false;
    for (let start = 0; start < data.length; start += TERMINAL_INPUT_MAX_CHARS) {
      this.send({ type: "input", data: data.slice(start, start + TERMINAL_INPUT_MAX_CHARS) });
    }
    return true;
  }

  /** Sends the emulator's size now and again after every reconnect. */
  resize(cols: number, rows: number): void {
    this.size = { cols, rows };
    this.send({ type: "resize", cols, rows });
  }

  private processed(bytes: number): void {
    this.processedUpTo += bytes;
    if (this.processedUpTo - this.acked >= ACK_EVERY_BYTES) this.ack();
    else if (!this.ackTimer) this.ackTimer = setTimeout(() => this.ack(), ACK_DELAY_MS);
  }

  /** Closes the socket for good (the tab was closed or the page leaves). */
  dispose(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.ackTimer) clearTimeout(this.ackTimer);
    this.socket?.close();
    this.socket = null;
  }

  private connect(): void {
    if (this.stopped) return;
    this.handlers.status("connecting");
    const since = this.received > 0 ? `?since=${this.received}` : "";
    const create = this.options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as TerminalSocketLike);
    const socket = create(`${this.url}${since}`);
    socket.binaryType = "arraybuffer";
    this.socket = socket;
    socket.onmessage = (event) => {
      if (event.data instanceof ArrayBuffer) {
        const bytes = event.data.byteLength;
        const generation = this.generation;
        this.received += bytes;
        this.handlers.output(new Uint8Array(event.data), () => {
          if (generation === this.generation) this.processed(bytes);
        });
      } else this.onFrame(String(event.data));
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (event.code === GONE_CLOSE_CODE) {
        this.stopped = true;
        this.handlers.status("gone", "This terminal was closed.");
        return;
      }
      if (this.stopped) return;
      this.handlers.status("connecting");
      const delay = backoffDelay(this.attempt++, this.options.backoff ?? DEFAULT_BACKOFF);
      this.retryTimer = setTimeout(() => this.connect(), delay);
    };
  }

  private onFrame(text: string): void {
    let frame: ReturnType<typeof TerminalServerFrameSchema.parse>;
    try {
      frame = parseContract(TerminalServerFrameSchema, JSON.parse(text), "terminal frame");
    } catch (error) {
      this.handlers.refused(`Unreadable terminal frame: ${(error as Error).message}`);
      return;
    }
    switch (frame.type) {
      case "attached":
        this.attempt = 0;
        this.received = frame.offset;
        if (frame.reset) {
          // A new stream: what is still being parsed of the old one no longer counts.
          this.generation += 1;
          this.handlers.reset();
          this.acked = frame.offset;
          this.processedUpTo = frame.offset;
        }
        this.handlers.status("open");
        this.handlers.terminal(frame.terminal);
        if (this.size && (this.size.cols !== frame.terminal.cols || this.size.rows !== frame.terminal.rows)) {
          this.send({ type: "resize", ...this.size });
        }
        return;
      case "terminal":
        this.handlers.terminal(frame.terminal);
        return;
      case "error":
        if (frame.code !== "TERMINAL_NOT_FOUND") this.handlers.refused(frame.message);
        return;
    }
  }

  private ack(): void {
    if (this.ackTimer) clearTimeout(this.ackTimer);
    this.ackTimer = null;
    if (this.processedUpTo <= this.acked) return;
    if (this.send({ type: "ack", offset: this.processedUpTo })) this.acked = this.processedUpTo;
  }

  private send(frame: TerminalClientFrame): boolean {
    const socket = this.socket;
    if (!socket || socket.readyState !== OPEN) return false;
    socket.send(JSON.stringify(frame));
    return true;
  }
}
