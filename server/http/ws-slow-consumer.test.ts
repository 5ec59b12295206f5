// A browser that stops reading (paused TCP socket) neither stalls another browser nor grows the server's queue.
import type { Socket } from "node:net";
import { afterEach, beforeEach, expect, it } from "vitest";
import { agentText } from "./testing/fake-session-service.js";
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
  const service = t.service;
  const sessionId = service.seedSession(service.seedProject().projectId).sessionId;
  const fast = await TestClient.connect(wsUrl);
  const slow = await TestClient.connect(wsUrl);
  clients.push(fast, slow);
  await fast.request({ type: "session:open", sessionId, afterSeq: 0 });
  await slow.request({ type: "session:open", sessionId, afterSeq: 0 });

  tcpSocket(slow).pause();
  const big = "x".repeat(64 * 1024);
  service.emitTurn(sessionId, { type: "turn_started", turnId: "t1", sessionId, modelId: "m", providerId: "codex" });
  // 25 MiB in pairs of 64 KiB upserts, each pair once the fast browser has read the previous one (a paced stream).
  for (let i = 0; i < 400; i += 2) {
    service.emitUpsert(sessionId, agentText(sessionId, "t1", `${i} ${big}`));
    const seq = service.emitUpsert(sessionId, agentText(sessionId, "t1", `${i + 1} ${big}`));
    await fast.waitFor((m) => m.type === "session:upsert" && m.seq === seq, `upsert ${seq} on the fast browser`);
  }
  service.emitUpsert(sessionId, agentText(sessionId, "t1", "final", "complete"));
  const head = service.emitTurn(sessionId, { type: "turn_complete", turnId: "t1", sessionId, status: "completed" });
  await fast.waitFor((m) => m.type === "session:turn" && m.seq === head, "the whole stream on the fast browser");
  expect(fast.stream(sessionId).map((m) => m.seq)).toEqual(Array.from({ length: head }, (_, i) => i + 1));
  expect(fast.messages.filter((m) => m.type === "session:history")).toEqual([]);

  tcpSocket(slow).resume();
  const resync = await slow.waitFor((m) => m.type === "session:history" && m.seq === head, "the resync history");
  expect(resync.type === "session:history" && resync.entries.map(textOf)).toEqual(["final"]);
  const before = slow.stream(sessionId).map((m) => m.seq);
  expect(before.length).toBeLessThan(head);
  expect(before).toEqual(Array.from({ length: before.length }, (_, i) => i + 1));

  const next = service.emitUpsert(sessionId, agentText(sessionId, "t2", "after", "complete"));
  await slow.waitFor((m) => m.type === "session:upsert" && m.seq === next, "live stream after the resync");
  expect(slow.stream(sessionId).at(-1)?.seq).toBe(head + 1);
});
