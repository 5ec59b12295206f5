// Unit tests: a terminal's socket resumes where it left off, never queues keys, and acknowledges parsed output.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { TerminalInfo } from "../../shared/contracts/index.js";
import { TerminalSocket, type TerminalSocketLike } from "./terminal-socket.js";

class FakeSocket implements TerminalSocketLike {
  readyState = 0;
  binaryType = "blob";
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  readonly sent: unknown[] = [];
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = 3;
  }
  /** The server accepts: `attached` at `offset`. */
  attach(offset: number, reset = false) {
    this.readyState = 1;
    this.onmessage?.({ data: JSON.stringify({ type: "attached", terminal: INFO, offset, reset }) });
  }
  output(text: string) {
    this.onmessage?.({ data: new TextEncoder().encode(text).buffer });
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

const INFO: TerminalInfo = {
  terminalId: "term-1",
  sessionId: "s-1",
  name: "Terminal 1",
  shell: "/bin/bash",
  cwd: "/home/me/app",
  state: "running",
  cols: 80,
  rows: 24,
  createdAt: "2026-12-02T18:00:00.000Z",
};

let sockets: FakeSocket[];
let shown: string[];
let pending: (() => void)[];
let events: string[];

function open(): TerminalSocket {
  return new TerminalSocket(
    "ws://host/ws/terminal/term-1",
    {
      output: (data, parsed) => {
        shown.push(new TextDecoder().decode(data));
        pending.push(parsed);
      },
      reset: () => events.push("reset"),
      terminal: (info) => events.push(`terminal:${info.state}`),
      status: (status) => events.push(`status:${status}`),
      refused: (message) => events.push(`refused:${message}`),
    },
    {
      backoff: { baseMs: 10, maxMs: 10, jitter: 0 },
      createSocket: (url) => {
        const socket = new FakeSocket(url);
        sockets.push(socket);
        return socket;
      },
    },
  );
}

beforeEach(() => {
  vi.useFakeTimers();
  sockets = [];
  shown = [];
  pending = [];
  events = [];
});
afterEach(() => vi.useRealTimers());

describe("TerminalSocket", () => {
  it("reconnects after a drop asking only for the output it has not shown", () => {
    open();
    sockets[0]?.attach(0, true);
    sockets[0]?.output("hello\r\n");
    sockets[0]?.drop();
    expect(events).toEqual(["status:connecting", "reset", "status:open", "terminal:running", "status:connecting"]);
    vi.advanceTimersByTime(10);
    expect(sockets[1]?.url).toBe("ws://host/ws/terminal/term-1?since=7");
    sockets[1]?.attach(7);
    sockets[1]?.output("more");
    expect(shown).toEqual(["hello\r\n", "more"]);
    expect(events.filter((e) => e === "reset")).toHaveLength(1);
  });

  it("drops keys typed while disconnected instead of sending them later", () => {
    const socket = open();
    expect(socket.input("ls\r")).toBe(false);
    sockets[0]?.attach(0);
    expect(socket.input("pwd\r")).toBe(true);
    sockets[0]?.drop();
    expect(socket.input("rm -rf build\r")).toBe(false);
    vi.advanceTimersByTime(10);
    sockets[1]?.attach(0);
    expect(sockets.flatMap((s) => s.sent)).toEqual([{ type: "input", data: "pwd\r" }]);
  });

  it("sends a long paste in frames the server accepts", () => {
    const socket = open();
    sockets[0]?.attach(0);
    socket.input("x".repeat(64 * 1024 + 10));
    expect(sockets[0]?.sent.map((f) => (f as { data: string }).data.length)).toEqual([64 * 1024, 10]);
  });

  it("acknowledges parsed output every 32 KiB, and the rest shortly after", () => {
    open();
    sockets[0]?.attach(100, true);
    sockets[0]?.output("x".repeat(40 * 1024));
    sockets[0]?.output("y".repeat(10));
    expect(sockets[0]?.sent).toEqual([]);
    pending.shift()?.();
    expect(sockets[0]?.sent).toEqual([{ type: "ack", offset: 100 + 40 * 1024 }]);
    pending.shift()?.();
    expect(sockets[0]?.sent).toHaveLength(1);
    vi.advanceTimersByTime(40);
    expect(sockets[0]?.sent.at(-1)).toEqual({ type: "ack", offset: 100 + 40 * 1024 + 10 });
  });

  it("does not count output from before a reset that is parsed after it", () => {
    open();
    sockets[0]?.attach(0, true);
    sockets[0]?.output("old".repeat(20_000));
    sockets[0]?.drop();
    vi.advanceTimersByTime(10);
    sockets[1]?.attach(5000, true);
    sockets[1]?.output("new");
    for (const parsed of pending.splice(0)) parsed();
    vi.advanceTimersByTime(40);
    expect(sockets[1]?.sent).toEqual([{ type: "ack", offset: 5003 }]);
  });

  it("sends its size again after a reconnect when the server has another one", () => {
    const socket = open();
    sockets[0]?.attach(0);
    socket.resize(120, 40);
    sockets[0]?.drop();
    vi.advanceTimersByTime(10);
    sockets[1]?.attach(0);
    expect(sockets[1]?.sent).toEqual([{ type: "resize", cols: 120, rows: 40 }]);
  });

  it("stops for good when the terminal is gone", () => {
    open();
    sockets[0]?.attach(0);
    sockets[0]?.drop(4404);
    vi.advanceTimersByTime(1000);
    expect(sockets).toHaveLength(1);
    expect(events.at(-1)).toBe("status:gone");
  });
});
