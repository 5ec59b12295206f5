// Idle sleep (issue 18 §2): an idle session's CLI is closed after `idleTimeoutMs`, shows `sleeping`, and the next
// message resumes it by its provider session id and is delivered exactly once.
import { afterEach, describe, expect, it, vi } from "vitest";
import { createServiceHarness, type ServiceHarness } from "./testing/harness.js";

const IDLE_MS = 60_000;

let h: ServiceHarness;
afterEach(async () => {
  vi.useRealTimers();
  await h.cleanup();
});

/** A harness whose sessions sleep after `IDLE_MS`, with fake timers (only the idle timer's `setTimeout` matters). */
async function sleepyHarness(idleTimeoutMs = IDLE_MS): Promise<ServiceHarness> {
  h = await createServiceHarness({ idleTimeoutMs });
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  return h;
}

/** A session with one completed turn, its CLI live and idle. */
async function idleSession(cli: "claude" | "codex" = "claude") {
  const created = await h.service.createSession({
    projectId: h.project.projectId,
    cliType: cli === "claude" ? "claude-code" : "codex",
  });
  const provider = cli === "claude" ? h.claude : h.codex;
  const { turnId } = await h.service.sendMessage(created.sessionId, "first");
  provider.completeTurn(created.sessionId, turnId);
  return { sessionId: created.sessionId, provider };
}

describe("idle sleep", () => {
  it("closes the CLI of a session idle for idleTimeoutMs and announces it sleeping once", async () => {
    await sleepyHarness();
    const { sessionId, provider } = await idleSession();
    const updates = h.updates();
    await vi.advanceTimersByTimeAsync(IDLE_MS - 1);
    expect(provider.calls.killSession).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(provider.calls.killSession).toEqual([sessionId]);
    expect(h.service.status(sessionId)).toMatchObject({ isAlive: false, state: "sleeping" });
    expect(updates.map((s) => s.state)).toEqual(["sleeping"]);
    expect(h.service.getSession(sessionId).state).toBe("sleeping");
  });

  it("wakes on the next message: resumed by its provider session id, the message sent exactly once", async () => {
    await sleepyHarness();
    const { sessionId, provider } = await idleSession("codex");
    await vi.advanceTimersByTimeAsync(IDLE_MS);
    expect(h.service.status(sessionId).state).toBe("sleeping");
    const stream = h.stream(sessionId);
    const updates = h.updates();
    const { turnId } = await h.service.sendMessage(sessionId, "wake up");
    expect(provider.calls.loadSession.map((c) => c.providerSessionId)).toEqual(["fake-1"]);
    expect(provider.calls.sendMessage.map((c) => c.message)).toEqual(["first", "wake up"]);
    expect(updates.map((s) => s.state)).toEqual(["starting", "idle", "running"]);
    const userMessages = stream.filter((m) => m.type === "session:upsert" && m.payload.type === "message");
    expect(userMessages.map((m) => m.payload)).toMatchObject([{ origin: "user", content: "wake up", turnId }]);
    provider.completeTurn(sessionId, turnId);
    expect(h.service.status(sessionId)).toMatchObject({ isAlive: true, state: "idle" });
  });

  it("a message arriving while the CLI is being closed waits for it and then resumes it, sent once", async () => {
    await sleepyHarness();
    const { sessionId, provider } = await idleSession();
    const closing = provider.hold("killSession");
    await vi.advanceTimersByTimeAsync(IDLE_MS);
    await closing.reached;
    const sent = h.service.sendMessage(sessionId, "right now");
    closing.release();
    const { turnId } = await sent;
    expect(provider.calls.loadSession).toHaveLength(1);
    expect(provider.calls.sendMessage.map((c) => c.message)).toEqual(["first", "right now"]);
    expect(h.service.status(sessionId)).toMatchObject({ isAlive: true, state: "running" });
    provider.completeTurn(sessionId, turnId);
  });

  it("never sleeps during a turn or while a permission request waits; the countdown starts when the turn ends", async () => {
    await sleepyHarness();
    const { sessionId, provider } = await idleSession();
    const { turnId } = await h.service.sendMessage(sessionId, "long one");
    const decision = provider.requestPermission(sessionId, { requestId: "perm-1" });
    await vi.advanceTimersByTimeAsync(IDLE_MS * 5);
    expect(provider.calls.killSession).toEqual([]);
    expect(h.service.pendingPermissions(sessionId)).toHaveLength(1);
    h.service.respondToPermission(sessionId, "perm-1", "allow");
    await decision;
    await vi.advanceTimersByTimeAsync(IDLE_MS * 5);
    expect(provider.calls.killSession).toEqual([]);
    provider.completeTurn(sessionId, turnId);
    await vi.advanceTimersByTimeAsync(IDLE_MS - 1);
    expect(provider.calls.killSession).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(provider.calls.killSession).toEqual([sessionId]);
  });

  it("ending the session while its CLI is being closed leaves it dead, with one close", async () => {
    await sleepyHarness();
    const { sessionId, provider } = await idleSession("codex");
    const closing = provider.hold("killSession");
    await vi.advanceTimersByTimeAsync(IDLE_MS);
    await closing.reached;
    const updates = h.updates();
    const killing = h.service.killSession(sessionId);
    closing.release();
    await killing;
    await vi.advanceTimersByTimeAsync(0);
    expect(provider.calls.killSession).toEqual([sessionId]);
    expect(h.service.getSession(sessionId).state).toBe("dead");
    expect(updates.map((s) => s.state).at(-1)).toBe("dead");
  });

  it("with idleTimeoutMs 0 a session never sleeps", async () => {
    await sleepyHarness(0);
    const { sessionId, provider } = await idleSession();
    await vi.advanceTimersByTimeAsync(24 * 60 * 60_000);
    expect(provider.calls.killSession).toEqual([]);
    expect(h.service.status(sessionId)).toMatchObject({ isAlive: true, state: "idle" });
  });

  it("ending a sleeping session makes it dead without another close of its CLI", async () => {
    await sleepyHarness();
    const { sessionId, provider } = await idleSession();
    await vi.advanceTimersByTimeAsync(IDLE_MS);
    await h.service.killSession(sessionId);
    expect(provider.calls.killSession).toEqual([sessionId]);
    expect(h.service.getSession(sessionId).state).toBe("dead");
  });

  it("a session that slept before its first message, unknown to its CLI, wakes in a fresh CLI session without a notice", async () => {
    await sleepyHarness();
    const created = await h.service.createSession({ projectId: h.project.projectId, cliType: "claude-code" });
    await vi.advanceTimersByTimeAsync(IDLE_MS);
    expect(h.service.status(created.sessionId).state).toBe("sleeping");
    h.claude.failNext("loadSession", "SESSION_NOT_FOUND");
    const stream = h.stream(created.sessionId);
    await h.service.sendMessage(created.sessionId, "hello");
    expect(h.claude.calls.createSession).toHaveLength(2);
    const messages = stream.filter((m) => m.type === "session:upsert" && m.payload.type === "message");
    expect(messages.map((m) => m.payload)).toMatchObject([{ origin: "user", content: "hello" }]);
  });
});
