// The WebSocket connection: visible state, reconnect with growing backoff, replies matched by requestId, bad messages.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MAX_SEND_BODY_BYTES, type ServerMessage } from "../../shared/contracts/index.js";
import type { ConnectionInfo } from "../state/connection.js";
import { FakeSocket } from "../test-helpers.js";
import { backoffDelay } from "./backoff.js";
import { CommandError, Connection } from "./connection.js";

function setup() {
  const sockets: FakeSocket[] = [];
  const statuses: ConnectionInfo["status"][] = [];
  const messages: ServerMessage[] = [];
  const invalid: string[] = [];
  const warnings: unknown[][] = [];
  let opens = 0;
  const connection = new Connection({
    url: "ws://test/ws",
    createSocket: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
    onMessage: (m) => messages.push(m),
    onOpen: () => {
      opens++;
    },
    onStatus: (info) => statuses.push(info.status),
    onInvalid: (p) => invalid.push(p),
    logger: { info: () => {}, warn: (...args) => warnings.push(args), error: () => {} },
    random: () => 0.5,
  });
  return { connection, sockets, statuses, messages, invalid, warnings, opens: () => opens };
}

const last = <T>(list: T[]): T => list[list.length - 1] as T;

describe("Connection", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("reconnects after a drop with growing waits (0.5 s, 1 s, 2 s …) and calls onOpen on every connect", () => {
    const t = setup();
    t.connection.start();
    last(t.sockets).open();
    expect(t.statuses).toEqual(["connected"]);
    last(t.sockets).drop();
    expect(last(t.statuses)).toBe("reconnecting");
    vi.advanceTimersByTime(499);
    expect(t.sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(t.sockets).toHaveLength(2);
    last(t.sockets).drop();
    vi.advanceTimersByTime(999);
    expect(t.sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(t.sockets).toHaveLength(3);
    last(t.sockets).open();
    expect(last(t.statuses)).toBe("connected");
    expect(t.opens()).toBe(2);
  });

  it("reads offline after several failed attempts, and the wait stops growing at 8 s", () => {
    const t = setup();
    t.connection.start();
    for (let i = 0; i < 6; i++) {
      last(t.sockets).drop();
      vi.advanceTimersByTime(8000);
    }
    expect(last(t.statuses)).toBe("offline");
    expect(backoffDelay(10, undefined, () => 1)).toBe(8000);
    expect(backoffDelay(0, undefined, () => 0)).toBe(400);
  });

  it("resolves a request with the reply that echoes its requestId and still dispatches the reply", async () => {
    const t = setup();
    t.connection.start();
    last(t.sockets).open();
    const reply = t.connection.request({ type: "project:list" });
    const { requestId } = last(last(t.sockets).sent) as { requestId: string };
    last(t.sockets).receive({ type: "project:list", requestId: "someone-else", projects: [] });
    last(t.sockets).receive({ type: "project:list", requestId, projects: [] });
    await expect(reply).resolves.toMatchObject({ type: "project:list", requestId });
    expect(t.messages).toHaveLength(2);
  });

  it("rejects with the server's code and message for an error reply", async () => {
    const t = setup();
    t.connection.start();
    last(t.sockets).open();
    const reply = t.connection.request({ type: "project:add", path: "/nope" });
    const { requestId } = last(last(t.sockets).sent) as { requestId: string };
    last(t.sockets).receive({ type: "error", requestId, code: "INVALID_PATH", message: "No such folder: /nope" });
    await expect(reply).rejects.toEqual(new CommandError("INVALID_PATH", "No such folder: /nope"));
  });

  it("keeps the files a merge conflict names", async () => {
    const t = setup();
    t.connection.start();
    last(t.sockets).open();
    const reply = t.connection.request({ type: "session:merge", sessionId: "s1" });
    const { requestId } = last(last(t.sockets).sent) as { requestId: string };
    last(t.sockets).receive({
      type: "error",
      requestId,
      code: "MERGE_CONFLICT",
      message: "Merging lb/x conflicts in a.ts, b.ts",
      files: ["a.ts", "b.ts"],
    });
    await expect(reply).rejects.toMatchObject({ code: "MERGE_CONFLICT", files: ["a.ts", "b.ts"] });
  });

  it("fails a command at once when not connected, and pending ones when the socket drops", async () => {
    const t = setup();
    t.connection.start();
    await expect(t.connection.request({ type: "project:list" })).rejects.toMatchObject({ code: "NOT_CONNECTED" });
    last(t.sockets).open();
    const pending = t.connection.request({ type: "project:list" });
    last(t.sockets).drop();
    await expect(pending).rejects.toMatchObject({ code: "CONNECTION_LOST" });
  });

  it("refuses a message over the server's frame limit in words and sends nothing, then sends the next one", async () => {
    const t = setup();
    t.connection.start();
    const socket = last(t.sockets);
    socket.open();
    const huge = "x".repeat(MAX_SEND_BODY_BYTES);
    const refused = t.connection.request({ type: "session:send", sessionId: "s1", content: huge });
    await expect(refused).rejects.toMatchObject({ code: "MESSAGE_TOO_LARGE" });
    await expect(refused).rejects.toThrow(/80 MB/);
    expect(socket.sent).toEqual([]);
    void t.connection.request({ type: "session:send", sessionId: "s1", content: "small" });
    expect(socket.sent).toHaveLength(1);
  });

  it("reports a message that breaks the contract instead of dispatching it", () => {
    const t = setup();
    t.connection.start();
    last(t.sockets).open();
    last(t.sockets).receive({ type: "session:upsert", sessionId: "s1", seq: 0, payload: {} });
    last(t.sockets).receive({ type: "session:history", sessionId: "s1", entries: [], seq: 0, hasMore: false });
    expect(t.messages.map((m) => m.type)).toEqual(["session:history"]);
    expect(t.invalid[0]).toMatch(/^session:upsert \(/);
  });

  it("logs a message of a type it does not know once, shows no error, and goes on with the next message", () => {
    const t = setup();
    t.connection.start();
    last(t.sockets).open();
    last(t.sockets).receive({ type: "session:teleported", sessionId: "s1" });
    last(t.sockets).receive({ type: "session:teleported", sessionId: "s2" });
    last(t.sockets).receive({ type: "session:history", sessionId: "s1", entries: [], seq: 0, hasMore: false });
    expect(t.invalid).toEqual([]);
    expect(t.warnings).toEqual([
      [
        'Ignored an unknown server message type "session:teleported"',
        { what: "server message", type: "session:teleported" },
      ],
    ]);
    expect(t.messages.map((m) => m.type)).toEqual(["session:history"]);
  });
});
