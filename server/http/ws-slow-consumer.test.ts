// A browser that stops reading (paused TCP socket) neither stalls another browser nor grows the server's queue.
import type { Socket } from "node:net";
import { afterEach, beforeEach, expect, it } from "vitest";
import { createTestApp, listen, type TestApp, TestClient, textOf } from "./testing/harness.js";

let t: TestApp;
let wsUrl: string;
const clients: TestClient[] = [];

beforeEach(async () => {
  t = await createTestApp({
    webSocket: { limits: { highWaterBytes: 256 * 1024, lowWaterBytes: 64 * 1024, drainPollMs: 10, maxBacklog: 8 } },
  });
  wsUrl = (await listen(t.app)).wsUrl;
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await t.close();
});

function tcpSocket(client: TestClient): Socket {
  return (client.socket as unknown as { _socket: Socket })._socket;
}

it("keeps streaming to a fast browser while a paused one is resynchronised with history once it reads again", async () => {
  const live = await t.session((await t.project()).projectId, "codex");
  const { sessionId } = live;
  const fast = await TestClient.connect(wsUrl);
  const slow = await TestClient.connect(wsUrl);
  clients.push(fast, slow);
  await fast.request({ type: "session:open", sessionId, afterSeq: 0 });
  await slow.request({ type: "session:open", sessionId, afterSeq: 0 });

  tcpSocket(slow).pause();
  const big = "x".repeat(64 * 1024);
  live.startTurn("t1");
  // 25 MiB in pairs of 64 KiB upserts, each pair once the fast browser has read the previous one (a paced stream).
  for (let i = 0; i < 400; i += 2) {
    live.text("t1", `${i} ${big}`);
    const seq = live.text("t1", `${i + 1} ${big}`);
    await fast.waitFor((m) => m.type === "session:upsert" && m.seq === seq, `upsert ${seq} on the fast browser`);
  }
  live.text("t1", "final", "complete");
  const head = live.completeTurn("t1");
  await fast.waitFor((m) => m.type === "session:turn" && m.seq === head, "the whole stream on the fast browser");
  expect(fast.stream(sessionId).map((m) => m.seq)).toEqual(Array.from({ length: head }, (_, i) => i + 1));
  expect(fast.messages.filter((m) => m.type === "session:history")).toEqual([]);

  tcpSocket(slow).resume();
  const resync = await slow.waitFor((m) => m.type === "session:history" && m.seq === head, "the resync history");
  expect(resync.type === "session:history" && resync.entries.map(textOf)).toEqual(["final"]);
  const before = slow.stream(sessionId).map((m) => m.seq);
  expect(before.length).toBeLessThan(head);
  expect(before).toEqual(Array.from({ length: before.length }, (_, i) => i + 1));

  live.startTurn("t2");
  const next = live.text("t2", "after", "complete");
  await slow.waitFor((m) => m.type === "session:upsert" && m.seq === next, "live stream after the resync");
  expect(
    slow
      .stream(sessionId)
      .slice(-2)
      .map((m) => m.seq),
  ).toEqual([head + 1, head + 2]);
});
