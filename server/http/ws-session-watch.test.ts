// SessionWatch on the real session service with a fake socket: the open race, replay, and the slow-socket policy.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PermissionRequest, ServerMessage } from "../../shared/contracts/index.js";
import { textOf } from "./testing/harness.js";
import { createTestService, type TestService, type TestServiceOptions } from "./testing/service.js";
import { probeService, type ServiceProbe } from "./testing/service-probe.js";
import type { SessionScript } from "./testing/session-script.js";
import { type OutboxLimits, type OutboxSocket, SocketOutbox } from "./ws-outbox.js";
import { SessionWatch } from "./ws-session-watch.js";

/** A socket whose queued bytes the test sets by hand. */
class FakeSocket implements OutboxSocket {
  bufferedAmount = 0;
  readyState = 1;
  readonly sent: ServerMessage[] = [];
  send(data: string): void {
    this.sent.push(JSON.parse(data) as ServerMessage);
  }
  /** The `seq`s of the stream messages sent, in order; a history shows as `H<seq>`. */
  trace(): (number | string)[] {
    return this.sent.flatMap<number | string>((m) =>
      m.type === "session:history"
        ? [`H${m.seq}`]
        : m.type === "session:upsert" || m.type === "session:turn"
          ? [m.seq]
          : [],
    );
  }
}

const LIMITS: OutboxLimits = { highWaterBytes: 1000, lowWaterBytes: 100, drainPollMs: 2, maxBacklog: 3 };

let tested: TestService;
/** The service the watches get: the real one, with its stream subscriptions counted and `openSession` holdable. */
let probe: ServiceProbe;
let live: SessionScript;
let sessionId: string;

/** A fresh real service with one live session (`live`, `sessionId`), no turn running yet. */
async function start(options: TestServiceOptions = {}): Promise<void> {
  tested = await createTestService(options);
  probe = probeService(tested.service);
  live = await tested.session((await tested.project()).projectId);
  sessionId = live.sessionId;
}

function watcher(socket = new FakeSocket()) {
  const watch = new SessionWatch(sessionId, probe.service, new SocketOutbox(socket, LIMITS));
  return { socket, watch };
}

/** Emits `count` agent text updates of the running turn (`turn-x` unless given); returns their seqs. */
function emitText(count: number, turnId = "turn-x"): number[] {
  return live.texts(count, turnId);
}

beforeEach(async () => {
  await start();
});
afterEach(async () => {
  await tested.close();
});

describe("opening", () => {
  it("sends history, then the running turn, then live messages in seq order", async () => {
    live.startTurn("t1");
    live.text("t1", "done", "complete");
    live.completeTurn("t1");
    live.startTurn("t2");
    const { socket, watch } = watcher();
    await watch.open({ requestId: "r1" });
    emitText(2, "t2");
    expect(socket.sent[0]).toMatchObject({ type: "session:history", requestId: "r1", seq: 4, hasMore: false });
    expect(socket.sent[0]?.type === "session:history" && socket.sent[0].entries.map(textOf)).toEqual(["done"]);
    expect(socket.trace()).toEqual(["H4", 4, 5, 6]);
  });

  it("loses and doubles nothing when messages arrive while the service reads the log", async () => {
    live.startTurn("turn-x"); // seq 1
    emitText(2); // seq 2, 3
    const gate = probe.holdOpen("before-read");
    const { socket, watch } = watcher();
    const opening = watch.open({ afterSeq: 2 });
    await gate.reached;
    emitText(2); // seq 4, 5: both in the replay and on the live stream
    gate.release();
    await opening;
    emitText(1);
    expect(socket.trace()).toEqual([3, 4, 5, 6]);
  });

  it("loses nothing that arrives after the service read the log but before the reply was sent", async () => {
    live.startTurn("turn-x"); // seq 1
    emitText(2); // seq 2, 3
    const gate = probe.holdOpen("after-read");
    const { socket, watch } = watcher();
    const opening = watch.open({ afterSeq: 3 });
    await gate.reached;
    emitText(2); // seq 4, 5: only on the live stream
    gate.release();
    await opening;
    expect(socket.trace()).toEqual([4, 5]);
  });

  it("replays exactly what followed afterSeq", async () => {
    live.startTurn("turn-x"); // seq 1
    emitText(5); // seq 2 … 6
    const { socket, watch } = watcher();
    await watch.open({ afterSeq: 4 });
    expect(socket.trace()).toEqual([5, 6]);
  });

  it("sends fresh history when afterSeq is no longer held", async () => {
    await tested.close();
    await start({ eventLogLimit: 2 });
    live.startTurn("turn-x"); // seq 1
    emitText(5); // seq 2 … 6; the log holds 5 and 6
    const { socket, watch } = watcher();
    await watch.open({ afterSeq: 2 });
    expect(socket.sent[0]).toMatchObject({ type: "session:history", seq: 6 });
  });

  it("re-sends pending permission requests once, even when the hub forwards the same request", async () => {
    const request: PermissionRequest = {
      requestId: "perm-1",
      sessionId,
      turnId: "t1",
      toolName: "Write",
      input: { file_path: "a.txt" },
      options: [{ optionId: "allow", name: "Allow", kind: "allow_once" }],
    };
    void live.provider.requestPermission(sessionId, request);
    const { socket, watch } = watcher();
    await watch.open();
    watch.sendPermissionRequest(request);
    expect(socket.sent.filter((m) => m.type === "permission:request")).toEqual([
      { type: "permission:request", sessionId, request },
    ]);
  });

  it("closes itself and drops its subscription when the service refuses", async () => {
    const { watch } = watcher();
    const unknown = new SessionWatch("s-unknown", probe.service, new SocketOutbox(new FakeSocket(), LIMITS));
    await expect(unknown.open()).rejects.toMatchObject({ code: "SESSION_NOT_FOUND" });
    expect(unknown.currentState).toBe("closed");
    expect(probe.streamListenerCount("s-unknown")).toBe(0);
    await watch.open();
    expect(probe.streamListenerCount(sessionId)).toBe(1);
    watch.close();
    expect(probe.streamListenerCount(sessionId)).toBe(0);
  });
});

describe("slow sockets", () => {
  it("holds messages back while the socket is congested and sends them in order once it drains", async () => {
    const { socket, watch } = watcher();
    await watch.open({ afterSeq: 0 });
    live.startTurn("turn-x"); // seq 1
    socket.bufferedAmount = 5000;
    emitText(3);
    expect(socket.trace()).toEqual([1]);
    socket.bufferedAmount = 0;
    await expect.poll(() => socket.trace(), { message: "the backlog to flush", interval: 2 }).toHaveLength(4);
    emitText(1);
    expect(socket.trace()).toEqual([1, 2, 3, 4, 5]);
  });

  it("stops streaming when the backlog overflows, then resyncs with fresh history and goes on from there", async () => {
    const { socket, watch } = watcher();
    await watch.open({ afterSeq: 0 });
    live.startTurn("turn-x"); // seq 1
    socket.bufferedAmount = 5000;
    emitText(10); // seq 2 … 11
    expect(watch.currentState).toBe("stalled");
    expect(socket.trace()).toEqual([1]);
    socket.bufferedAmount = 0;
    await expect.poll(() => watch.currentState, { message: "the resync", interval: 2 }).toBe("live");
    emitText(1);
    const trace = socket.trace();
    // The running turn's messages come with the history (its turn_started and the latest state of its one item),
    // then the stream goes on after the log head.
    expect(trace).toEqual([1, "H11", 1, 11, 12]);
    const history = socket.sent.find((m, i) => i > 0 && m.type === "session:history");
    expect(history).toMatchObject({ sessionId, seq: 11, entries: [] });
  });

  it("never makes another socket on the same session wait", async () => {
    const slow = watcher();
    const fast = watcher();
    await slow.watch.open({ afterSeq: 0 });
    await fast.watch.open({ afterSeq: 0 });
    slow.socket.bufferedAmount = 1_000_000;
    const seqs = [live.startTurn("turn-x"), ...emitText(20)];
    expect(fast.socket.trace()).toEqual(seqs);
    expect(slow.socket.trace()).toEqual([]);
    expect(slow.watch.currentState).toBe("stalled");
  });

  it("does not resync a watch closed while stalled", async () => {
    const socket = new FakeSocket();
    const outbox = new SocketOutbox(socket, LIMITS);
    const otherLive = await tested.session((await tested.project("b")).projectId, "codex");
    const other = otherLive.sessionId;
    const closed = new SessionWatch(sessionId, probe.service, outbox);
    const open = new SessionWatch(other, probe.service, outbox);
    await closed.open({ afterSeq: 0 });
    await open.open({ afterSeq: 0 });
    socket.bufferedAmount = 5000;
    live.startTurn("turn-x");
    emitText(10);
    otherLive.startTurn("t");
    for (let i = 0; i < 10; i += 1) otherLive.text("t", `o${i}`);
    closed.close();
    socket.bufferedAmount = 0;
    await expect.poll(() => open.currentState, { message: "the other session's resync", interval: 2 }).toBe("live");
    expect(socket.sent.filter((m) => m.type === "session:history").map((m) => "sessionId" in m && m.sessionId)).toEqual(
      [other],
    );
    expect(probe.streamListenerCount(sessionId)).toBe(0);
  });
});
