// One terminal: a shell on a PTY, its kept output, the browsers viewing it, and the flow control between them.
import { constants } from "node:os";
import * as pty from "@lydell/node-pty";
import type { TerminalInfo, TerminalServerFrame } from "../../shared/contracts/index.js";
import { Listeners, type Logger } from "../../shared/util/index.js";
import { endMarkedProcesses } from "./process-end.js";
import { Scrollback } from "./scrollback.js";
import { TERMINAL_MARK_VAR } from "./terminal-env.js";

/**
 * How far the shell may run ahead of its slowest viewer, and how fast it may write at all.
 * - `highWaterBytes`: output sent to a viewer and not yet acknowledged above which the shell is paused (default
 *   256 KiB); it resumes once every viewer is at or below `lowWaterBytes` (default 64 KiB). This follows xterm.js's
 *   "Flow control" guide (watermarks over acknowledged bytes), so a browser is never flooded.
 * - `maxBytesPerSecond`: the shell's output rate cap, measured over 50 ms windows (default 2 MiB/s). A `yes` cannot
 *   keep the server's event loop, or the page's main thread parsing it, from other sessions' streams: with 4 MiB/s a
 *   `yes` beside a streaming session slowed its deltas by 28 % (`npm run bench`, terminal-flood), with 2 MiB/s by
 *   about 10 %.
 */
export interface TerminalFlowLimits {
  highWaterBytes: number;
  lowWaterBytes: number;
  maxBytesPerSecond: number;
}

/** The default flow limits: 256 KiB / 64 KiB watermarks, 2 MiB/s. */
export const DEFAULT_FLOW_LIMITS: TerminalFlowLimits = {
  highWaterBytes: 256 * 1024,
  lowWaterBytes: 64 * 1024,
  maxBytesPerSecond: 2 * 1024 * 1024,
};

const RATE_WINDOW_MS = 50;
/** Replayed scrollback goes out in frames of at most this many bytes. */
const REPLAY_FRAME_BYTES = 64 * 1024;

/** Where a viewer (one browser's terminal socket) gets its output and frames. */
export interface TerminalViewerSink {
  /** Raw shell output (a binary WebSocket frame). */
  output(data: Buffer): void;
  /** A control frame (a text WebSocket frame, JSON). */
  frame(frame: TerminalServerFrame): void;
  /**
   * Bytes handed to the socket and not yet sent (`ws` `bufferedAmount`): a browser that acknowledges without reading
   * is behind by at least this much, so the shell pauses for it too.
   */
  queuedBytes?(): number;
}

/** A viewer's handle: acknowledge processed output, or leave. */
export interface TerminalViewer {
  /** The browser's emulator has parsed the output up to absolute byte `offset`. */
  ack(offset: number): void;
  /** The viewer leaves (its socket closed); a shell paused for it alone resumes. */
  detach(): void;
}

/** What a terminal is started with. */
export interface TerminalSpec {
  terminalId: string;
  sessionId: string;
  name: string;
  /** The program to run (absolute path or a name on `PATH`) and its folder. */
  shell: string;
  shellArgs: readonly string[];
  cwd: string;
  env: Record<string, string>;
  cols: number;
  rows: number;
  scrollbackBytes: number;
  flow: TerminalFlowLimits;
  logger: Logger;
}

interface ViewerState {
  sink: TerminalViewerSink;
  sent: number;
  acked: number;
  behind: boolean;
}

/**
 * A shell on a PTY (`@lydell/node-pty`, raw bytes: `encoding: null`). Its output goes into a {@link Scrollback} and to
 * every attached viewer; each viewer acknowledges what it processed, and the PTY is paused (`pty.pause()`, so the
 * shell blocks on its writes) while a viewer lags beyond the high watermark or the rate cap is reached. A shell that
 * ends by itself leaves the terminal `exited` (its viewers stay attached); `restart()` runs a new one, appending to the
 * same output; `close()` ends it and everything it started.
 */
export class Terminal {
  /** Fires on every change of `info()` (exit, restart, rename, resize). */
  readonly changed: Listeners<TerminalInfo>;
  private readonly scrollback: Scrollback;
  private readonly viewers = new Set<ViewerState>();
  private process: pty.IPty | undefined;
  /** True from a shell's spawn to its exit, whatever else happens (closing, restarting). */
  private shellRunning = false;
  private restarting: Promise<void> | undefined;
  private closing: Promise<void> | undefined;
  private state: TerminalInfo["state"] = "running";
  private exitCode: number | undefined;
  private signal: string | undefined;
  private name: string;
  private cols: number;
  private rows: number;
  private readonly createdAt = new Date().toISOString();
  private closed = false;
  private readonly pauses = new Set<"viewer" | "rate">();
  private paused = false;
  private windowStart = 0;
  private windowBytes = 0;
  private rateTimer: ReturnType<typeof setTimeout> | undefined;
  private exited: Promise<void> = Promise.resolve();

  /** @throws Error from node-pty when the shell cannot be started (e.g. no such program). */
  constructor(private readonly spec: TerminalSpec) {
    this.changed = new Listeners<TerminalInfo>("terminal changed", spec.logger);
    this.scrollback = new Scrollback(spec.scrollbackBytes);
    this.name = spec.name;
    this.cols = spec.cols;
    this.rows = spec.rows;
    this.spawn();
  }

  /** The terminal's id (a UUID). */
  get terminalId(): string {
    return this.spec.terminalId;
  }

  /** The session whose folder the shell runs in. */
  get sessionId(): string {
    return this.spec.sessionId;
  }

  /** How many browsers view it now. */
  get viewerCount(): number {
    return this.viewers.size;
  }

  /** The shell's pid while it runs (its process group and session have the same id). */
  get pid(): number | undefined {
    return this.shellRunning ? this.process?.pid : undefined;
  }

  /** The terminal as the browser sees it (`TerminalInfoSchema`). */
  info(): TerminalInfo {
    return {
      terminalId: this.spec.terminalId,
      sessionId: this.spec.sessionId,
      name: this.name,
      shell: this.spec.shell,
      cwd: this.spec.cwd,
      state: this.state,
      ...(this.exitCode === undefined ? {} : { exitCode: this.exitCode }),
      ...(this.signal === undefined ? {} : { signal: this.signal }),
      cols: this.cols,
      rows: this.rows,
      createdAt: this.createdAt,
    };
  }

  /**
   * Attaches a viewer: it gets `attached { terminal, offset, reset }`, then the kept output from `since` (all of it
   * when `since` is missing or no longer kept), then live output.
   */
  attach(sink: TerminalViewerSink, since?: number): TerminalViewer {
    const slice = this.scrollback.since(since);
    const viewer: ViewerState = { sink, sent: slice.offset, acked: slice.offset, behind: false };
    this.viewers.add(viewer);
    sink.frame({ type: "attached", terminal: this.info(), offset: slice.offset, reset: slice.offset !== since });
    for (let start = 0; start < slice.data.length; start += REPLAY_FRAME_BYTES) {
      sink.output(slice.data.subarray(start, start + REPLAY_FRAME_BYTES));
    }
    viewer.sent = this.scrollback.end;
    this.checkViewer(viewer);
    return {
      ack: (offset) => {
        if (!this.viewers.has(viewer)) return;
        viewer.acked = Math.min(Math.max(viewer.acked, offset), viewer.sent);
        this.checkViewer(viewer);
      },
      detach: () => {
        if (!this.viewers.delete(viewer)) return;
        this.updateViewerPause();
      },
    };
  }

  /** Types `data` into the shell (UTF-8). Ignored once the shell has exited or the terminal is closing. */
  write(data: string): void {
    if (!this.closed && this.shellRunning) this.onPty("write", (process) => process.write(data));
  }

  /**
   * Resizes the PTY (the shell gets SIGWINCH); announced as a change. Ignored once the terminal is closing; an exited
   * shell's new size applies to the next one.
   */
  resize(cols: number, rows: number): void {
    if (this.closed || (cols === this.cols && rows === this.rows)) return;
    this.cols = cols;
    this.rows = rows;
    if (this.shellRunning) this.onPty("resize", (process) => process.resize(cols, rows));
    this.announce();
  }

  /** Renames the terminal. */
  rename(name: string): void {
    this.name = name;
    this.announce();
  }

  /**
   * Ends the current shell (and everything it started) when it still runs, then starts a new one in the same folder
   * at the current size; its output follows the old output.
   * @throws Error from node-pty when the shell cannot be started.
   */
  restart(): Promise<void> {
    // Two restarts at once are one: the second joins the first instead of starting a second shell.
    this.restarting ??= (async () => {
      try {
        await this.endShell();
        if (this.closed || this.process) return;
        this.spawn();
        this.announce();
      } finally {
        this.restarting = undefined;
      }
    })();
    return this.restarting;
  }

  /**
   * Ends the shell and every process carrying this terminal's mark (its jobs, also those in other process groups or
   * reparented to init): SIGHUP first, as a closed terminal window does, SIGKILL for what is left after a second.
   * From the call on, viewers get nothing more and keys and sizes are ignored; a restart under way starts no shell.
   * Calls while one is under way share it.
   */
  close(): Promise<void> {
    this.closed = true;
    this.viewers.clear();
    if (this.rateTimer) clearTimeout(this.rateTimer);
    this.closing ??= (async () => {
      await this.restarting?.catch(() => undefined);
      await this.endShell();
    })();
    return this.closing;
  }

  private spawn(): void {
    const process = pty.spawn(this.spec.shell, [...this.spec.shellArgs], {
      name: "xterm-256color",
      cols: this.cols,
      rows: this.rows,
      cwd: this.spec.cwd,
      env: this.spec.env,
      encoding: null,
    });
    this.process = process;
    this.shellRunning = true;
    this.state = "running";
    this.exitCode = undefined;
    this.signal = undefined;
    this.paused = false;
    this.updatePause();
    let resolveExited: () => void = () => undefined;
    this.exited = new Promise((resolve) => {
      resolveExited = resolve;
    });
    process.onData((data: string | Buffer) => {
      if (this.process === process) this.onOutput(typeof data === "string" ? Buffer.from(data, "utf8") : data);
    });
    process.onExit(({ exitCode, signal }) => {
      resolveExited();
      if (this.process !== process) return;
      this.shellRunning = false;
      if (this.closed) return;
      this.state = "exited";
      const name = signal ? signalName(signal) : undefined;
      if (name) this.signal = name;
      else this.exitCode = exitCode;
      this.announce();
    });
  }

  private async endShell(): Promise<void> {
    const process = this.process;
    if (!process) return;
    const pid = this.shellRunning ? process.pid : undefined;
    await endMarkedProcesses(pid, TERMINAL_MARK_VAR, this.spec.terminalId, this.exited, this.spec.logger);
    if (this.process === process) this.process = undefined;
  }

  private onOutput(chunk: Buffer): void {
    this.scrollback.append(chunk);
    const end = this.scrollback.end;
    for (const viewer of this.viewers) {
      viewer.sink.output(chunk);
      viewer.sent = end;
      this.checkViewer(viewer);
    }
    this.countRate(chunk.length);
  }

  private checkViewer(viewer: ViewerState): void {
    const lag = Math.max(viewer.sent - viewer.acked, viewer.sink.queuedBytes?.() ?? 0);
    const { highWaterBytes, lowWaterBytes } = this.spec.flow;
    if (!viewer.behind && lag > highWaterBytes) viewer.behind = true;
    else if (viewer.behind && lag <= lowWaterBytes) viewer.behind = false;
    this.updateViewerPause();
  }

  private updateViewerPause(): void {
    const behind = [...this.viewers].some((viewer) => viewer.behind);
    if (behind) this.pauses.add("viewer");
    else this.pauses.delete("viewer");
    this.updatePause();
  }

  private countRate(bytes: number): void {
    const now = performance.now();
    if (now - this.windowStart >= RATE_WINDOW_MS) {
      this.windowStart = now;
      this.windowBytes = 0;
    }
    this.windowBytes += bytes;
    const budget = (this.spec.flow.maxBytesPerSecond * RATE_WINDOW_MS) / 1000;
    if (this.windowBytes < budget || this.rateTimer) return;
    this.pauses.add("rate");
    this.updatePause();
    this.rateTimer = setTimeout(
      () => {
        this.rateTimer = undefined;
        this.windowStart = performance.now();
        this.windowBytes = 0;
        this.pauses.delete("rate");
        this.updatePause();
      },
      Math.max(1, RATE_WINDOW_MS - (now - this.windowStart)),
    );
  }

  private updatePause(): void {
    if (!this.process || !this.shellRunning) return;
    const shouldPause = this.pauses.size > 0;
    if (shouldPause === this.paused) return;
    this.paused = shouldPause;
    this.onPty(shouldPause ? "pause" : "resume", (pty) => (shouldPause ? pty.pause() : pty.resume()));
  }

  /** Calls node-pty; a PTY that closed under us (EBADF, EIO) is logged, never thrown into a socket handler. */
  private onPty(what: string, call: (process: pty.IPty) => void): void {
    const process = this.process;
    if (!process) return;
    try {
      call(process);
    } catch (error) {
      this.spec.logger.warn(`terminal ${what} failed`, { terminalId: this.spec.terminalId, error: String(error) });
    }
  }

  private announce(): void {
    if (this.closed) return;
    const info = this.info();
    for (const viewer of this.viewers) viewer.sink.frame({ type: "terminal", terminal: info });
    this.changed.emit(info);
  }
}

function signalName(signal: number): string | undefined {
  const entry = Object.entries(constants.signals).find(([, number]) => number === signal);
  return entry?.[0];
}
