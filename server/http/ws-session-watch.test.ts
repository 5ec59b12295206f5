// SessionWatch with a fake socket: the open race, replay, and the slow-socket backlog / stall / resync policy.
import { beforeEach, describe, expect, it } from "vitest";
import type { PermissionRequest, ServerMessage } from "../../shared/contracts/index.js";
import { agentText, FakeSessionService } from "./testing/fake-session-service.js";
import { textOf, waitUntil } from "./testing/harness.js";
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

let service: FakeSessionService;
let sessionId: string;

function watcher(socket = new FakeSocket()) {
  const watch = new SessionWatch(sessionId, service, new SocketOutbox(socket, LIMITS));
  return { socket, watch };
}

/** Starts a turn and emits `count` agent text updates; returns the seqs. */
function emitText(count: number, turnId = "turn-x"): number[] {
  return Array.from({ length: count }, (_, i) => service.emitUpsert(sessionId, agentText(sessionId, turnId, `t${i}`)));
}

beforeEach(() => {
  service = new FakeSessionService();
  sessionId = service.seedSession(service.seedProject().projectId).sessionId;
});

describe("opening", () => {
  it("sends history, then the running turn, then live messages in seq order", async () => {
    service.emitTurn(sessionId, { type: "turn_started", turnId: "t1", sessionId, modelId: "m", providerId: "codex" });
    service.emitUpsert(sessionId, agentText(sessionId, "t1", "done", "complete"));
    service.emitTurn(sessionId, { type: "turn_complete", turnId: "t1", sessionId, status: "completed" });
    service.emitTurn(sessionId, { type: "turn_started", turnId: "t2", sessionId, modelId: "m", providerId: "codex" });
    const { socket, watch } = watcher();
    await watch.open({ requestId: "r1" });
    emitText(2, "t2");
    expect(socket.sent[0]).toMatchObject({ type: "session:history", requestId: "r1", seq: 4, hasMore: false });
    expect(socket.sent[0]?.type === "session:history" && socket.sent[0].entries.map(textOf)).toEqual(["done"]);
    expect(socket.trace()).toEqual(["H4", 4, 5, 6]);
  });

  it("loses and doubles nothing when messages arrive while the service reads the log", async () => {
    emitText(2);
    const gate = service.holdOpen("before-read");
    const { socket, watch } = watcher();
    const opening = watch.open({ afterSeq: 1 });
    await gate.reached;
    emitText(2); // seq 3, 4: both in the replay and on the live stream
    gate.release();
    await opening;
    emitText(1);
    expect(socket.trace()).toEqual([2, 3, 4, 5]);
  });

  it("loses nothing that arrives after the service read the log but before the reply was sent", async () => {
    emitText(2);
    const gate = service.holdOpen("after-read");
    const { socket, watch } = watcher();
    const opening = watch.open({ afterSeq: 2 });
    await gate.reached;
    emitText(2); // seq 3, 4: only on the live stream
    gate.release();
    await opening;
    expect(socket.trace()).toEqual([3, 4]);
  });

  it("replays exactly what followed afterSeq", async () => {
    emitText(5);
    const { socket, watch } = watcher();
    await watch.open({ afterSeq: 3 });
    expect(socket.trace()).toEqual([4, 5]);
  });

  it("sends fresh history when afterSeq is no longer held", async () => {
    service.logCapacity = 2;
    emitText(5);
    const { socket, watch } = watcher();
    await watch.open({ afterSeq: 1 });
    expect(socket.sent[0]).toMatchObject({ type: "session:history", seq: 5 });
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
    service.requestPermission(request);
    const { socket, watch } = watcher();
    await watch.open();
    watch.sendPermissionRequest(request);
    expect(socket.sent.filter((m) => m.type === "permission:request")).toEqual([
      { type: "permission:request", sessionId, request },
    ]);
  });

  it("closes itself and drops its subscription when the service refuses", async () => {
    const { watch } = watcher();
    const unknown = new SessionWatch("s-unknown", service, new SocketOutbox(new FakeSocket(), LIMITS));
    await expect(unknown.open()).rejects.toMatchObject({ code: "SESSION_NOT_FOUND" });
    expect(unknown.currentState).toBe("closed");
    expect(service.streamListenerCount("s-unknown")).toBe(0);
    await watch.open();
    watch.close();
    expect(service.streamListenerCount(sessionId)).toBe(0);
  });
});

describe("slow sockets", () => {
  it("holds messages back while the socket is congested and sends them in order once it drains", async () => {
    const { socket, watch } = watcher();
    await watch.open({ afterSeq: 0 });
    emitText(1);
    socket.bufferedAmount = 5000;
    emitText(3);
    expect(socket.trace()).toEqual([1]);
    socket.bufferedAmount = 0;
    await waitUntil(() => socket.trace().length === 4, "the backlog to flush");
    emitText(1);
    expect(socket.trace()).toEqual([1, 2, 3, 4, 5]);
  });

  it("stops streaming when the backlog overflows, then resyncs with fresh history and goes on from there", async () => {
    const { socket, watch } = watcher();
    await watch.open({ afterSeq: 0 });
    emitText(1);
    socket.bufferedAmount = 5000;
    emitText(10);
    expect(watch.currentState).toBe("stalled");
    expect(socket.trace()).toEqual([1]);
    socket.bufferedAmount = 0;
    await waitUntil(() => watch.currentState === "live", "the resync");
    emitText(1);
    const trace = socket.trace();
    // The running turn's messages come with the history, then the stream goes on after the log head.
    expect(trace[1]).toBe("H11");
    expect(trace.slice(-1)).toEqual([12]);
    const history = socket.sent.find((m, i) => i > 0 && m.type === "session:history");
    expect(history).toMatchObject({ sessionId, seq: 11 });
  });

  it("never makes another socket on the same session wait", async () => {
    const slow = watcher();
    const fast = watcher();
    await slow.watch.open({ afterSeq: 0 });
    await fast.watch.open({ afterSeq: 0 });
    slow.socket.bufferedAmount = 1_000_000;
    const seqs = emitText(20);
    expect(fast.socket.trace()).toEqual(seqs);
    expect(slow.socket.trace()).toEqual([]);
    expect(slow.watch.currentState).toBe("stalled");
  });

  it("does not resync a watch closed while stalled", async () => {
    const socket = new FakeSocket();
    const outbox = new SocketOutbox(socket, LIMITS);
    const other = service.seedSession(service.seedProject("/work/b").projectId).sessionId;
    const closed = new SessionWatch(sessionId, service, outbox);
    const open = new SessionWatch(other, service, outbox);
    await closed.open({ afterSeq: 0 });
    await open.open({ afterSeq: 0 });
    socket.bufferedAmount = 5000;
    emitText(10);
    for (let i = 0; i < 10; i += 1) service.emitUpsert(other, agentText(other, "t", `o${i}`));
    closed.close();
    socket.bufferedAmount = 0;
    await waitUntil(() => open.currentState === "live", "the other session's resync");
    expect(socket.sent.filter((m) => m.type === "session:history").map((m) => "sessionId" in m && m.sessionId)).toEqual(
      [other],
    );
    expect(service.streamListenerCount(sessionId)).toBe(0);
  });
});
