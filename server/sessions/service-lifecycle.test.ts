// Session lifecycle: lazy resume with one CLI process, kill, process exit, listing with disk sessions, archive, restart.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { JsonStore } from "../core/index.js";
import { fakeMessage } from "./testing/fake-provider.js";
import { createServiceHarness, type ServiceHarness } from "./testing/harness.js";

let h: ServiceHarness;
beforeEach(async () => {
  h = await createServiceHarness();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await h.cleanup();
});

describe("resuming", () => {
  it("resumes a session found on disk on the first send, with one loadSession under concurrent sends", async () => {
    h.disk.add({ providerSessionId: "disk-1", cwd: h.projectDir, title: "Earlier work" });
    await h.service.listSessions(h.project.projectId);
    const gate = h.claude.hold("loadSession");
    const first = h.service.sendMessage("claude-code:disk-1", "continue");
    const second = h.service.sendMessage("claude-code:disk-1", "and this");
    await gate.reached;
    expect(h.service.getSession("claude-code:disk-1").state).toBe("starting");
    gate.release();
    const results = await Promise.allSettled([first, second]);
    expect(h.claude.calls.loadSession).toEqual([
      {
        providerSessionId: "disk-1",
        options: { sessionId: "claude-code:disk-1", projectDir: h.projectDir, permissionMode: "default" },
      },
    ]);
    expect(results[0]).toMatchObject({ status: "fulfilled", value: { turnId: "turn-1" } });
    expect(results[1]).toMatchObject({ status: "rejected", reason: { code: "TURN_IN_PROGRESS" } });
    expect(h.service.getSession("claude-code:disk-1").title).toBe("Earlier work");
  });

  it("starts one process for concurrent loadSession calls and none for a live session", async () => {
    h.disk.add({ providerSessionId: "disk-2", cwd: h.projectDir });
    await h.service.listSessions(h.project.projectId);
    await Promise.all([h.service.loadSession("claude-code:disk-2"), h.service.loadSession("claude-code:disk-2")]);
    await h.service.loadSession("claude-code:disk-2");
    expect(h.claude.calls.loadSession).toHaveLength(1);
    expect(h.service.status("claude-code:disk-2")).toMatchObject({ isAlive: true, state: "idle" });
  });

  it("finds a disk session a browser asks for by id before any list (after a restart)", async () => {
    h.disk.add({ providerSessionId: "disk-3", cwd: h.projectDir });
    await expect(h.service.loadSession("claude-code:disk-3")).resolves.toMatchObject({
      sessionId: "claude-code:disk-3",
    });
    await expect(h.service.loadSession("claude-code:nowhere")).rejects.toMatchObject({ code: "SESSION_NOT_FOUND" });
  });

  it("answers SESSION_NOT_FOUND for an id of a CLI with no sessions on disk without reading any disk", async () => {
    h.disk.add({ providerSessionId: "disk-4", cwd: h.projectDir });
    const before = h.disk.listCalls;
    await expect(h.service.loadSession("gemini:disk-4")).rejects.toMatchObject({ code: "SESSION_NOT_FOUND" });
    await expect(h.service.openSession("not-a-cli:x")).rejects.toMatchObject({ code: "SESSION_NOT_FOUND" });
    expect(h.disk.listCalls).toBe(before);
  });

  it("resumes an app session after a server restart with its resume id, title and history", async () => {
    const created = await h.service.createSession({ projectId: h.project.projectId, cliType: "codex" });
    const { turnId } = await h.service.sendMessage(created.sessionId, "Remember me");
    h.codex.completeTurn(created.sessionId, turnId);
    h.codex.histories.set("fake-1", [
      fakeMessage({ sessionId: "x", turnId: "old", itemId: "old:user", origin: "user", content: "Remember me" }),
    ]);
    const service = await h.restart();
    expect(service.getSession(created.sessionId)).toMatchObject({ title: "Remember me", state: "idle" });
    const stream = h.stream(created.sessionId);
    await service.sendMessage(created.sessionId, "again");
    expect(h.codex.calls.loadSession.map((c) => c.providerSessionId)).toEqual(["fake-1"]);
    expect(stream[0]?.seq).toBe(1);
    const opened = await service.openSession(created.sessionId);
    if (opened.kind !== "history") throw new Error("expected history");
    expect(opened.inFlight[0]?.payload).toMatchObject({ origin: "user", content: "again" });
    expect(opened.entries).toEqual([expect.objectContaining({ content: "Remember me", sessionId: created.sessionId })]);
  });

  it("reports a resume id the CLI does not know as SESSION_NOT_FOUND", async () => {
    h.disk.add({ providerSessionId: "gone", cwd: h.projectDir });
    h.claude.knownResumeIds = new Set();
    await expect(h.service.sendMessage("claude-code:gone", "hi")).rejects.toMatchObject({
      code: "SESSION_NOT_FOUND",
      message: expect.stringContaining("gone"),
    });
    expect(h.service.getSession("claude-code:gone").state).toBe("idle");
  });
});

describe("ending", () => {
  it("kills the CLI: state dead, still listed, and the next send resumes it", async () => {
    const session = await h.service.createSession({ projectId: h.project.projectId, cliType: "claude-code" });
    const killed = await h.service.killSession(session.sessionId);
    expect(killed.state).toBe("dead");
    expect(h.claude.calls.killSession).toEqual([session.sessionId]);
    expect(h.service.status(session.sessionId).isAlive).toBe(false);
    expect((await h.service.listSessions(h.project.projectId)).map((s) => s.state)).toEqual(["dead"]);
    await h.service.sendMessage(session.sessionId, "back again");
    expect(h.claude.calls.loadSession.map((c) => c.providerSessionId)).toEqual(["fake-1"]);
    expect(h.claude.listenerCount(session.sessionId)).toEqual({ upsert: 1, turn: 1, exit: 1, permission: 1 });
  });

  it("closes a running turn when the session is killed", async () => {
    const session = await h.service.createSession({ projectId: h.project.projectId, cliType: "claude-code" });
    const stream = h.stream(session.sessionId);
    const { turnId } = await h.service.sendMessage(session.sessionId, "work");
    h.claude.upsert(session.sessionId, turnId, { status: "create", content: "part" });
    await h.service.killSession(session.sessionId);
    expect(stream.slice(-2).map((m) => m.payload)).toEqual([
      expect.objectContaining({ status: "error", errorCode: "CANCELLED", content: "part" }),
      { type: "turn_complete", turnId, sessionId: session.sessionId, status: "cancelled" },
    ]);
  });

  it("announces a kill of a running session once, in its final state", async () => {
    const session = await h.service.createSession({ projectId: h.project.projectId, cliType: "claude-code" });
    await h.service.sendMessage(session.sessionId, "work");
    const updates = h.updates();
    await h.service.killSession(session.sessionId);
    expect(updates).toEqual([
      expect.objectContaining({ sessionId: session.sessionId, state: "dead", archived: false }),
    ]);
  });

  it("announces the archive of a running session once, dead and archived", async () => {
    const session = await h.service.createSession({ projectId: h.project.projectId, cliType: "codex" });
    const stream = h.stream(session.sessionId);
    const { turnId } = await h.service.sendMessage(session.sessionId, "work");
    const updates = h.updates();
    await h.service.archiveSession(session.sessionId);
    expect(updates).toEqual([expect.objectContaining({ sessionId: session.sessionId, state: "dead", archived: true })]);
    expect(stream.at(-1)?.payload).toMatchObject({ type: "turn_complete", turnId, status: "cancelled" });
  });

  it("ends a running turn when the server shuts down, so no running turn is left on the dead session", async () => {
    const session = await h.service.createSession({ projectId: h.project.projectId, cliType: "claude-code" });
    const { sessionId } = session;
    const stream = h.stream(sessionId);
    const updates = h.updates();
    const { turnId } = await h.service.sendMessage(sessionId, "work");
    h.claude.upsert(sessionId, turnId, { status: "create", content: "part" });
    const decision = h.claude.requestPermission(sessionId, { requestId: "perm-1" });
    await h.service.shutdown();
    expect(stream.slice(-2).map((m) => m.payload)).toEqual([
      expect.objectContaining({ status: "error", errorCode: "SERVER_SHUTDOWN", content: "part" }),
      {
        type: "turn_error",
        turnId,
        sessionId,
        errorCode: "SERVER_SHUTDOWN",
        errorMessage: expect.stringContaining("stopped"),
      },
    ]);
    await expect(decision).resolves.toMatchObject({ outcome: "cancelled" });
    expect(h.service.getSession(sessionId).state).toBe("dead");
    expect(updates.at(-1)).toMatchObject({ sessionId, state: "dead" });
    const opened = await h.service.openSession(sessionId);
    expect(opened).toMatchObject({ kind: "history", inFlight: [] });
  });

  it("marks the session dead on an unexpected process exit and ends its turn with PROCESS_CRASH", async () => {
    const session = await h.service.createSession({ projectId: h.project.projectId, cliType: "codex" });
    const stream = h.stream(session.sessionId);
    const updates = h.updates();
    const { turnId } = await h.service.sendMessage(session.sessionId, "work");
    h.codex.crash(session.sessionId, { message: "codex-acp exited (signal SIGKILL)" });
    expect(h.service.getSession(session.sessionId)).toMatchObject({
      state: "dead",
      lastError: { code: "PROCESS_CRASH", message: "codex-acp exited (signal SIGKILL)" },
    });
    expect(updates.at(-1)?.state).toBe("dead");
    // Never a state it is not in: running, then dead (no "idle" flash between the turn's end and the death).
    expect(updates.map((u) => u.state).filter((state, i, all) => state !== all[i - 1])).toEqual(["running", "dead"]);
    expect(stream.at(-1)?.payload).toEqual({
      type: "turn_error",
      turnId,
      sessionId: session.sessionId,
      errorCode: "PROCESS_CRASH",
      errorMessage: "codex-acp exited (signal SIGKILL)",
    });
    h.codex.completeTurn(session.sessionId, turnId);
    expect(stream.filter((m) => m.payload.type !== "turn_started" && m.type === "session:turn")).toHaveLength(1);
  });

  it("reports PROCESS_CRASH when the CLI refuses a send because its process is gone", async () => {
    const session = await h.service.createSession({ projectId: h.project.projectId, cliType: "codex" });
    h.codex.failNext("sendMessage", "PROCESS_CRASH");
    await expect(h.service.sendMessage(session.sessionId, "hi")).rejects.toMatchObject({ code: "PROCESS_CRASH" });
    expect(h.service.getSession(session.sessionId).state).toBe("dead");
  });

  it("shows nothing of a message whose CLI died while it was being sent, and the next send resumes", async () => {
    const session = await h.service.createSession({ projectId: h.project.projectId, cliType: "codex" });
    const stream = h.stream(session.sessionId);
    const gate = h.codex.hold("sendMessage");
    const sending = h.service.sendMessage(session.sessionId, "hi");
    await gate.reached;
    h.codex.crash(session.sessionId);
    gate.release();
    await expect(sending).rejects.toMatchObject({ code: "PROCESS_CRASH" });
    expect(stream).toEqual([]);
    expect(h.service.getSession(session.sessionId).state).toBe("dead");
    await expect(h.service.sendMessage(session.sessionId, "again")).resolves.toMatchObject({ turnId: "turn-1" });
    expect(h.codex.calls.loadSession).toHaveLength(1);
  });

  it("goes on in a fresh CLI session when the crashed CLI never saved the conversation, and says so", async () => {
    const session = await h.service.createSession({ projectId: h.project.projectId, cliType: "claude-code" });
    const stream = h.stream(session.sessionId);
    const { turnId } = await h.service.sendMessage(session.sessionId, "first");
    h.claude.crash(session.sessionId, { message: "Claude Code exited (signal SIGKILL)" });
    expect(h.service.getSession(session.sessionId).state).toBe("dead");
    h.claude.failNext("loadSession", "SESSION_NOT_FOUND");

    await expect(h.service.sendMessage(session.sessionId, "again")).resolves.toMatchObject({
      turnId: expect.any(String),
    });
    expect(h.claude.calls.loadSession).toHaveLength(1);
    expect(h.claude.calls.createSession).toHaveLength(2);
    const notice = stream.find(
      (m) => m.type === "session:upsert" && m.payload.type === "message" && m.payload.origin === "system",
    );
    expect(notice?.payload).toMatchObject({
      status: "complete",
      content: expect.stringContaining("had not saved this conversation"),
    });
    expect(stream.some((m) => m.payload.turnId === turnId)).toBe(true);
    expect(h.service.getSession(session.sessionId).state).not.toBe("dead");
  });

  it("does not start a fresh CLI session for a session it never ran whose resume id is unknown", async () => {
    const session = await h.service.createSession({ projectId: h.project.projectId, cliType: "claude-code" });
    await h.restart();
    h.claude.failNext("loadSession", "SESSION_NOT_FOUND");
    await expect(h.service.sendMessage(session.sessionId, "hi")).rejects.toMatchObject({ code: "SESSION_NOT_FOUND" });
    expect(h.claude.calls.createSession).toHaveLength(1);
  });

  it("disposes the providers on shutdown and writes the stores", async () => {
    const session = await h.service.createSession({ projectId: h.project.projectId, cliType: "codex" });
    await h.service.shutdown();
    expect(h.codex.isAlive(session.sessionId)).toBe(false);
  });

  it("gives up waiting for a provider that never stops, after the shutdown cap", async () => {
    const service = await h.restart({ shutdownTimeoutMs: 20 });
    h.codex.dispose = () => new Promise(() => undefined);
    await expect(service.shutdown()).resolves.toBeUndefined();
    expect(h.logger.warnings.some((w) => w.includes("did not stop"))).toBe(true);
  });

  it("bounds the wait for the stores on shutdown by the cap, still starting their flush, and says so", async () => {
    const service = await h.restart({ shutdownTimeoutMs: 20 });
    const flush = vi.spyOn(JsonStore.prototype, "flush").mockReturnValue(new Promise(() => undefined));
    await expect(service.shutdown()).resolves.toBeUndefined();
    expect(flush).toHaveBeenCalled();
    expect(h.logger.warnings.some((w) => w.includes("not finished writing"))).toBe(true);
  });
});

describe("listing", () => {
  it("lists app and disk sessions once each, newest first, dropping a disk entry the app already owns", async () => {
    const app = await h.service.createSession({ projectId: h.project.projectId, cliType: "claude-code" });
    h.disk.add({ providerSessionId: "fake-1", cwd: h.projectDir, lastActiveAt: "2020-01-01T00:00:00.000Z" });
    h.disk.add({
      providerSessionId: "other",
      cwd: h.projectDir,
      title: "Old",
      lastActiveAt: "2021-01-01T00:00:00.000Z",
    });
    h.disk.add({ providerSessionId: "elsewhere", cwd: "/somewhere/else" });
    const list = await h.service.listSessions(h.project.projectId);
    expect(list.map((s) => [s.sessionId, s.source])).toEqual([
      [app.sessionId, "app"],
      ["claude-code:other", "disk"],
    ]);
  });

  it("still lists app sessions when discovery fails", async () => {
    const app = await h.service.createSession({ projectId: h.project.projectId, cliType: "codex" });
    h.disk.failList = new Error("EACCES");
    expect((await h.service.listSessions(h.project.projectId)).map((s) => s.sessionId)).toEqual([app.sessionId]);
  });

  it("hides an archived session, app-made or found on disk, and keeps it hidden after a restart", async () => {
    const app = await h.service.createSession({ projectId: h.project.projectId, cliType: "codex" });
    h.disk.add({ providerSessionId: "d", cwd: h.projectDir });
    await h.service.listSessions(h.project.projectId);
    await h.service.archiveSession(app.sessionId);
    await h.service.archiveSession("claude-code:d");
    expect(h.codex.isAlive(app.sessionId)).toBe(false);
    expect(await h.service.listSessions(h.project.projectId)).toEqual([]);
    await h.restart();
    expect(await h.service.listSessions(h.project.projectId)).toEqual([]);
  });

  it("keeps a removed project's sessions and brings them back when the folder is added again", async () => {
    const app = await h.service.createSession({ projectId: h.project.projectId, cliType: "codex" });
    await h.service.removeProject(h.project.projectId);
    expect(h.codex.isAlive(app.sessionId)).toBe(false);
    await expect(h.service.listSessions(h.project.projectId)).rejects.toMatchObject({ code: "PROJECT_NOT_FOUND" });
    const again = await h.service.addProject(h.projectDir);
    expect(again.projectId).toBe(h.project.projectId);
    expect((await h.service.listSessions(again.projectId)).map((s) => s.sessionId)).toEqual([app.sessionId]);
  });
});

describe("settings and stores", () => {
  it("changes the permission mode of a live session through the CLI and keeps it after a restart", async () => {
    const session = await h.service.createSession({ projectId: h.project.projectId, cliType: "claude-code" });
    const updated = await h.service.setPermissionMode(session.sessionId, "plan");
    expect(updated.permissionMode).toBe("plan");
    expect(h.claude.calls.setPermissionMode).toEqual([{ sessionId: session.sessionId, mode: "plan" }]);
    await h.restart();
    expect(h.service.getSession(session.sessionId).permissionMode).toBe("plan");
  });

  it("starts with a corrupt sessions.json moved aside and reports it", async () => {
    await h.service.shutdown();
    await writeFile(join(h.dataDir, "sessions.json"), "{{{");
    const service = await h.restart();
    const [problem] = service.storeErrors();
    expect(problem).toMatchObject({ kind: "corrupt", file: join(h.dataDir, "sessions.json") });
    expect(problem?.movedTo).toContain("sessions.json.corrupt-");
    expect(service.listProjects()).toEqual([h.project]);
    await expect(service.createSession({ projectId: h.project.projectId, cliType: "codex" })).resolves.toBeTruthy();
  });
});
