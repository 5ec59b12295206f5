// A test browser on one terminal socket: records the output bytes and the control frames, acknowledges on request.
import { expect } from "vitest";
import WebSocket from "ws";
import type { TerminalClientFrame, TerminalServerFrame } from "../../../shared/contracts/index.js";
import { TEST_TOKEN } from "./harness.js";

/** One connection to `/ws/terminal/:terminalId`. */
export class TerminalTestClient {
  /** Every output byte received, in order. */
  output = Buffer.alloc(0);
  /** Every text frame received, in order. */
  readonly frames: TerminalServerFrame[] = [];
  /** How the socket closed, once it did. */
  closed: { code: number; reason: string } | undefined;
  private autoAck: boolean;

  private constructor(
    readonly socket: WebSocket,
    options: { autoAck: boolean },
  ) {
    this.autoAck = options.autoAck;
    socket.on("message", (data: Buffer, isBinary: boolean) => {
      if (!isBinary) {
        this.frames.push(JSON.parse(data.toString("utf8")) as TerminalServerFrame);
        return;
      }
      this.output = Buffer.concat([this.output, data]);
      if (this.autoAck) this.ack();
    });
    socket.on("close", (code, reason) => {
      this.closed = { code, reason: reason.toString() };
    });
  }

  /**
   * Connects to `terminalId` on `port` (the test token unless `headers` are given) and resolves once open.
   * `autoAck` (default true) acknowledges every output frame at once, as a browser that keeps up.
   */
  static async connect(
    port: number,
    terminalId: string,
    options: { since?: number; autoAck?: boolean; headers?: Record<string, string> } = {},
  ): Promise<TerminalTestClient> {
    const query = options.since === undefined ? "" : `?since=${options.since}`;
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws/terminal/${terminalId}${query}`, {
      headers: options.headers ?? { authorization: `Bearer ${TEST_TOKEN}` },
    });
    const client = new TerminalTestClient(socket, { autoAck: options.autoAck ?? true });
    await new Promise<void>((resolve, reject) => {
      socket.once("open", () => resolve());
      socket.once("error", reject);
    });
    return client;
  }

  /** The absolute output offset this client shows up to: the `attached` offset plus the bytes received since. */
  get end(): number {
    const attached = this.frames.find((frame) => frame.type === "attached");
    return (attached?.type === "attached" ? attached.offset : 0) + this.output.length;
  }

  /** The output as text. */
  get text(): string {
    return this.output.toString("utf8");
  }

  send(frame: TerminalClientFrame | string): void {
    this.socket.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  }

  /** Types `line` and Enter. */
  type(line: string): void {
    this.send({ type: "input", data: `${line}\r` });
  }

  /** Acknowledges everything received so far. */
  ack(): void {
    this.send({ type: "ack", offset: this.end });
  }

  /** Starts (or stops) acknowledging every output frame at once. */
  setAutoAck(on: boolean): void {
    this.autoAck = on;
    if (on) this.ack();
  }

  /** Waits until the output matches `pattern` (10 s). */
  async waitForOutput(pattern: RegExp): Promise<RegExpMatchArray> {
    await expect
      .poll(() => pattern.test(this.text), { interval: 10, timeout: 10_000 })
      .toBe(true)
      .catch((error: Error) => {
        throw new Error(
          `${error.message}: no terminal output matching ${pattern} in ${JSON.stringify(this.text.slice(-400))}`,
        );
      });
    return this.text.match(pattern) as RegExpMatchArray;
  }

  /** Waits for a text frame matching `predicate` (10 s) and returns it. */
  async waitForFrame(predicate: (frame: TerminalServerFrame) => boolean, what: string): Promise<TerminalServerFrame> {
    await expect
      .poll(() => this.frames.some(predicate), { message: `waiting for ${what}`, interval: 10, timeout: 10_000 })
      .toBe(true);
    return this.frames.find(predicate) as TerminalServerFrame;
  }

  /** Waits until the server closed the socket (10 s). */
  async waitForClose(): Promise<{ code: number; reason: string }> {
    await expect
      .poll(() => this.closed, { message: "terminal socket closed", interval: 10, timeout: 10_000 })
      .toBeDefined();
    return this.closed as { code: number; reason: string };
  }

  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    const closed = new Promise((resolve) => this.socket.once("close", resolve));
    this.socket.terminate();
    await closed;
  }
}
