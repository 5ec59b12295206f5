// Session service turns: the user's message first, provider payloads untouched with seq, titles, states, errors.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { StreamMessage, UpsertObject } from "../../shared/contracts/index.js";
import { createServiceHarness, type ServiceHarness } from "./testing/harness.js";

let h: ServiceHarness;
beforeEach(async () => {
  h = await createServiceHarness();
});
afterEach(async () => {
  await h.cleanup();
});

const payloads = (messages: StreamMessage[]) => messages.map((m) => m.payload);

describe("sending a message", () => {
  it("emits the user's message first, then the provider's events unchanged, numbered 1, 2, 3…", async () => {
    const session = await h.service.createSession({ projectId: h.project.projectId, cliType: "claude-code" });
    const stream = h.stream(session.sessionId);
    const agent: UpsertObject[] = [];
    h.claude.turnIds.push("turn-from-cli");
    h.claude.onSend = ({ sessionId, turnId, provider }) => {
      agent.push(provider.upsert(sessionId, turnId, { status: "create", content: "Hel" }));
    };
    const { turnId } = await h.service.sendMessage(session.sessionId, "Say hello");
    expect(turnId).toBe("turn-from-cli");
    agent.push(h.claude.upsert(session.sessionId, turnId, { status: "complete", content: "Hello" }));
    const done = h.claude.completeTurn(session.sessionId, turnId);

    expect(stream.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(stream[0]?.payload).toMatchObject({
      type: "message",
      origin: "user",
      content: "Say hello",
      itemId: "turn-from-cli:user",
      turnId: "turn-from-cli",
      sessionId: session.sessionId,
      status: "complete",
    });
    expect(stream[1]?.payload).toMatchObject({ type: "turn_started", turnId: "turn-from-cli" });
    expect(payloads(stream.slice(2))).toEqual([...agent, done]);
    expect(stream[2]?.payload).toBe(agent[0]);
  });

  it("titles the session from the first line of its first message and keeps that title afterwards", async () => {
    const session = await h.service.createSession({ projectId: h.project.projectId, cliType: "codex" });
    expect(session.title).toBe("New session");
    const { turnId } = await h.service.sendMessage(session.sessionId, "\n  Fix   the build  \nIt fails on CI");
    h.codex.completeTurn(session.sessionId, turnId);
    await h.service.sendMessage(session.sessionId, "Now add tests");
    expect(h.service.getSession(session.sessionId).title).toBe("Fix the build");
  });

  it("cuts a long first line to at most 80 characters", async () => {
    const session = await h.service.createSession({ projectId: h.project.projectId, cliType: "codex" });
    await h.service.sendMessage(session.sessionId, "word ".repeat(40));
    const { title } = h.service.getSession(session.sessionId);
    expect([...title].length).toBeLessThanOrEqual(80);
    expect(title.endsWith("…")).toBe(true);
  });

  it("goes idle → running → idle and announces each state", async () => {
    const session = await h.service.createSession({ projectId: h.project.projectId, cliType: "claude-code" });
    expect(session.state).toBe("idle");
    const updates = h.updates();
    const { turnId } = await h.service.sendMessage(session.sessionId, "hi");
    expect(h.service.status(session.sessionId)).toMatchObject({ state: "running", isAlive: true });
    h.claude.completeTurn(session.sessionId, turnId);
    expect(h.service.getSession(session.sessionId).state).toBe("idle");
    expect(updates.map((u) => u.state)).toContain("running");
    expect(updates.at(-1)?.state).toBe("idle");
  });

  it("refuses a second message while a turn runs with TURN_IN_PROGRESS, and maps the provider's own refusal", async () => {
    const session = await h.service.createSession({ projectId: h.project.projectId, cliType: "claude-code" });
    const { turnId } = await h.service.sendMessage(session.sessionId, "one");
    await expect(h.service.sendMessage(session.sessionId, "two")).rejects.toMatchObject({ code: "TURN_IN_PROGRESS" });
    h.claude.completeTurn(session.sessionId, turnId);
    h.claude.failNext("sendMessage", "TURN_IN_PROGRESS");
    await expect(h.service.sendMessage(session.sessionId, "three")).rejects.toMatchObject({
      code: "TURN_IN_PROGRESS",
    });
  });

  it("records a turn error as the session's last error and clears it on the next turn", async () => {
    const session = await h.service.createSession({ projectId: h.project.projectId, cliType: "codex" });
    const first = await h.service.sendMessage(session.sessionId, "hi");
    h.codex.failTurn(session.sessionId, first.turnId, "AUTHENTICATION_FAILED", "Authentication failed: bad key");
    expect(h.service.getSession(session.sessionId).lastError).toEqual({
      code: "AUTHENTICATION_FAILED",
      message: "Authentication failed: bad key",
    });
    await h.service.sendMessage(session.sessionId, "again");
    expect(h.service.getSession(session.sessionId).lastError).toBeUndefined();
  });

  it("subscribes to the provider once per CLI session, however many turns run", async () => {
    const session = await h.service.createSession({ projectId: h.project.projectId, cliType: "claude-code" });
    for (const text of ["a", "b", "c"]) {
      const { turnId } = await h.service.sendMessage(session.sessionId, text);
      h.claude.completeTurn(session.sessionId, turnId);
    }
    expect(h.claude.listenerCount(session.sessionId)).toEqual({ upsert: 1, turn: 1, exit: 1, permission: 1 });
  });
});

describe("turn endings", () => {
  it("keeps exactly one terminal event when a cancel races a late error and a late completion", async () => {
    const session = await h.service.createSession({ projectId: h.project.projectId, cliType: "codex" });
    const stream = h.stream(session.sessionId);
    const { turnId } = await h.service.sendMessage(session.sessionId, "long job");
    await h.service.cancelTurn(session.sessionId);
    h.codex.failTurn(session.sessionId, turnId, "PROTOCOL_ERROR", "late");
    h.codex.completeTurn(session.sessionId, turnId, "completed");
    h.codex.upsert(session.sessionId, turnId, { itemId: `${turnId}:9`, content: "late text" });

    const terminals = payloads(stream).filter((p) => p.type === "turn_complete" || p.type === "turn_error");
    expect(terminals).toEqual([{ type: "turn_complete", turnId, sessionId: session.sessionId, status: "cancelled" }]);
    expect(payloads(stream).some((p) => "itemId" in p && p.itemId === `${turnId}:9`)).toBe(false);
    expect(h.service.getSession(session.sessionId).state).toBe("idle");

    const next = await h.service.sendMessage(session.sessionId, "next");
    expect(next.turnId).not.toBe(turnId);
  });

  it("drops events of a turn that is not running", async () => {
    const session = await h.service.createSession({ projectId: h.project.projectId, cliType: "claude-code" });
    const stream = h.stream(session.sessionId);
    h.claude.upsert(session.sessionId, "ghost-turn", { status: "create", content: "stray" });
    h.claude.completeTurn(session.sessionId, "ghost-turn");
    expect(stream).toEqual([]);
    expect(h.service.getSession(session.sessionId).state).toBe("idle");
  });

  it("ends a running turn with PROTOCOL_ERROR when the CLI starts another turn before ending it", async () => {
    const session = await h.service.createSession({ projectId: h.project.projectId, cliType: "claude-code" });
    const { sessionId } = session;
    const stream = h.stream(sessionId);
    const resolutions = h.resolutions();
    const { turnId: first } = await h.service.sendMessage(sessionId, "one");
    h.claude.upsert(sessionId, first, { status: "create", content: "half" });
    const decision = h.claude.requestPermission(sessionId, { requestId: "perm-1" });

    h.claude.startTurn(sessionId, "turn-b");
    h.claude.upsert(sessionId, first, { itemId: `${first}:9`, content: "late" });
    const endOfB = h.claude.completeTurn(sessionId, "turn-b");

    expect(payloads(stream).slice(3)).toEqual([
      expect.objectContaining({
        itemId: `${first}:1:0`,
        status: "error",
        errorCode: "PROTOCOL_ERROR",
        content: "half",
      }),
      {
        type: "turn_error",
        turnId: first,
        sessionId,
        errorCode: "PROTOCOL_ERROR",
        errorMessage: expect.stringContaining("new turn started before"),
      },
      expect.objectContaining({ type: "turn_started", turnId: "turn-b" }),
      endOfB,
    ]);
    await expect(decision).resolves.toMatchObject({ outcome: "cancelled" });
    expect(resolutions).toEqual([{ sessionId, requestId: "perm-1", outcome: "cancelled" }]);
    expect(h.logger.warnings.some((w) => w.includes(first) && w.includes("turn-b"))).toBe(true);
    expect(h.service.getSession(sessionId)).toMatchObject({ state: "idle", lastError: { code: "PROTOCOL_ERROR" } });
  });

  it("holds provider events that arrive before sendMessage resolves until the user's message is out", async () => {
    const session = await h.service.createSession({ projectId: h.project.projectId, cliType: "claude-code" });
    const stream = h.stream(session.sessionId);
    const gate = h.claude.hold("sendMessage");
    h.claude.onSend = ({ sessionId, turnId, provider }) => {
      provider.upsert(sessionId, turnId, { content: "fast answer" });
      provider.completeTurn(sessionId, turnId);
    };
    const sending = h.service.sendMessage(session.sessionId, "quick");
    await gate.reached;
    gate.release();
    const { turnId } = await sending;
    expect(stream.map((m) => [m.seq, m.payload.type])).toEqual([
      [1, "message"],
      [2, "turn_started"],
      [3, "message"],
      [4, "turn_complete"],
    ]);
    expect(stream[0]?.payload).toMatchObject({ origin: "user", itemId: `${turnId}:user` });
    expect(h.service.getSession(session.sessionId).state).toBe("idle");
  });
});

describe("creating sessions", () => {
  it("reports a CLI that cannot start as SESSION_CREATE_FAILED in words and leaves no session behind", async () => {
    h.codex.failNext("createSession", new Error("spawn codex-acp ENOENT"));
    await expect(h.service.createSession({ projectId: h.project.projectId, cliType: "codex" })).rejects.toMatchObject({
      code: "SESSION_CREATE_FAILED",
      message: "Could not start Codex: spawn codex-acp ENOENT",
    });
    expect(await h.service.listSessions(h.project.projectId)).toEqual([]);
  });

  it("refuses an unknown CLI type and an unknown project", async () => {
    await expect(h.service.createSession({ projectId: h.project.projectId, cliType: "gemini" })).rejects.toMatchObject({
      code: "UNSUPPORTED_CLI_TYPE",
    });
    await expect(h.service.createSession({ projectId: "p-nope", cliType: "codex" })).rejects.toMatchObject({
      code: "PROJECT_NOT_FOUND",
    });
  });

  it("starts the CLI in the project folder with the chosen permission mode", async () => {
    const session = await h.service.createSession({
      projectId: h.project.projectId,
      cliType: "claude-code",
      permissionMode: "acceptEdits",
    });
    expect(h.claude.calls.createSession).toEqual([
      { sessionId: session.sessionId, projectDir: h.projectDir, permissionMode: "acceptEdits" },
    ]);
    expect(session).toMatchObject({ permissionMode: "acceptEdits", source: "app", cliType: "claude-code" });
  });

  it("announces no session:updated for a session whose CLI fails to start", async () => {
    const updates = h.updates();
    h.claude.failNext("createSession", "SESSION_CREATE_FAILED");
    await expect(
      h.service.createSession({ projectId: h.project.projectId, cliType: "claude-code" }),
    ).rejects.toMatchObject({
      code: "SESSION_CREATE_FAILED",
      message: expect.stringMatching(/^Could not start Claude Code: /),
    });
    expect(updates).toEqual([]);
  });
});
