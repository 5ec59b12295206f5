// Unit tests of ClaudeCodeProvider at the SDK boundary: a fake query() plays the CLI (CONTRACTS.md sections 3 and 5).
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { CanUseTool } from "@anthropic-ai/claude-agent-sdk";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { PermissionRequest, TurnEvent, UpsertObject } from "../../../shared/contracts/index.js";
import { isProviderError } from "../provider-error.js";
import { ClaudeCodeProvider } from "./claude-provider.js";
import { FakeClaudeSdk, type FakeQueryCall } from "./testing/fake-query.js";
import * as sdk from "./testing/sdk-script.js";
import { claudeTranscriptPath } from "./transcript-path.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
let tmp: string;
let fake: FakeClaudeSdk;
let provider: ClaudeCodeProvider;

beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "lb-claude-unit-"));
  fake = new FakeClaudeSdk();
  provider = new ClaudeCodeProvider({
    configDir: path.join(tmp, "config"),
    homeDir: tmp,
    baseUrl: "http://127.0.0.1:9",
    apiKey: "test-key",
    maxRetries: 0,
    queryFn: fake.queryFn,
    batching: { timeCapMs: 0 },
  });
});
afterEach(async () => {
  await provider.dispose();
  await rm(tmp, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}

/** Creates session `s-1` and records everything it emits. */
async function open(sessionId = "s-1") {
  const session = await provider.createSession({ sessionId, projectDir: tmp });
  const upserts: UpsertObject[] = [];
  const turns: TurnEvent[] = [];
  provider.onUpsert(sessionId, (u) => upserts.push(u));
  provider.onTurn(sessionId, (e) => turns.push(e));
  return { session, call: fake.last, upserts, turns };
}

/** Plays a finished text answer for the turn the CLI read as its `n`-th message. */
async function answer(call: FakeQueryCall, n: number, text: string) {
  const message = await call.nextMessage(n);
  call.emit(...sdk.textTurn(text, `m${n}`, { user_message_uuids: [message.uuid] }));
}

describe("session processes", () => {
  it("starts one persistent query per session with a chosen transcript UUID and a quiet environment", async () => {
    const { session, call } = await open();
    expect(fake.calls).toHaveLength(1);
    expect(session.providerSessionId).toMatch(UUID);
    expect(call.options).toMatchObject({
      sessionId: session.providerSessionId,
      cwd: tmp,
      includePartialMessages: true,
      permissionMode: "default",
    });
    expect(call.options.resume).toBeUndefined();
    expect(call.options.env).toMatchObject({
      CLAUDE_CONFIG_DIR: path.join(tmp, "config"),
      HOME: tmp,
      ANTHROPIC_BASE_URL: "http://127.0.0.1:9",
      ANTHROPIC_API_KEY: "test-key",
      CLAUDE_CODE_MAX_RETRIES: "0",
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
      DISABLE_TELEMETRY: "1",
      PATH: process.env.PATH,
    });
    expect(provider.isAlive("s-1")).toBe(true);
  });

  it("delivers sends in order to the same process, one turn at a time", async () => {
    const { call, turns } = await open();
    const first = await provider.sendMessage("s-1", "first message");
    await expect(rejection(provider.sendMessage("s-1", "too early"))).resolves.toMatchObject({
      code: "TURN_IN_PROGRESS",
    });
    await answer(call, 1, "One.");
    await expect.poll(() => turns.length).toBe(2);
    const second = await provider.sendMessage("s-1", "second message");
    await answer(call, 2, "Two.");
    await expect.poll(() => turns.length).toBe(4);
    expect(fake.calls).toHaveLength(1);
    expect(call.received.map((m) => [m.message.content, m.uuid])).toEqual([
      ["first message", first.turnId],
      ["second message", second.turnId],
    ]);
    expect(turns.filter((e) => e.type === "turn_complete").map((e) => e.turnId)).toEqual([first.turnId, second.turnId]);
  });

  it("reports a CLI that cannot start as SESSION_CREATE_FAILED and leaves nothing running", async () => {
    fake.failNextStart = new Error("Claude Code process exited with code 1");
    const error = await rejection(provider.createSession({ sessionId: "s-1", projectDir: tmp }));
    expect(isProviderError(error, "SESSION_CREATE_FAILED")).toBe(true);
    expect((error as Error).message).toContain("exited with code 1");
    expect(fake.last.closed).toBe(true);
    await expect.poll(() => fake.last.inputEnded).toBe(true);
    expect(() => provider.isAlive("s-1")).toThrow(expect.objectContaining({ code: "SESSION_NOT_FOUND" }));
  });

  it("resumes a transcript with `resume` and returns its history", async () => {
    const id = "3f0c1d2e-4b5a-4c6d-8e7f-901234567890";
    const file = claudeTranscriptPath(path.join(tmp, "config"), tmp, id);
    await mkdir(path.dirname(file), { recursive: true });
    const base = { sessionId: id, cwd: tmp, isSidechain: false, timestamp: "2026-11-21T10:00:00.000Z" };
    const lines = [
      { ...base, type: "user", uuid: "u-1", parentUuid: null, message: { role: "user", content: "What is 6 x 7?" } },
      {
        ...base,
        type: "assistant",
        uuid: "a-1",
        parentUuid: "u-1",
        message: { id: "msg_1", role: "assistant", content: [{ type: "text", text: "42." }] },
      },
    ];
    await writeFile(file, `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`);
    const loaded = await provider.loadSession(id, { sessionId: "s-9", projectDir: tmp });
    expect(fake.last.options.resume).toBe(id);
    expect(fake.last.options.sessionId).toBeUndefined();
    expect(loaded).toMatchObject({ sessionId: "s-9", providerSessionId: id, cliType: "claude-code" });
    expect(loaded.history.map((h) => [h.type, "content" in h ? h.content : "", h.status])).toEqual([
      ["message", "What is 6 x 7?", "complete"],
      ["message", "42.", "complete"],
    ]);
    expect(provider.isAlive("s-9")).toBe(true);
  });

  it("refuses to resume a transcript that another live session already serves", async () => {
    const { session } = await open();
    const file = claudeTranscriptPath(path.join(tmp, "config"), tmp, session.providerSessionId);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, "");
    const error = await rejection(
      provider.loadSession(session.providerSessionId, { sessionId: "s-2", projectDir: tmp }),
    );
    expect(isProviderError(error, "SESSION_CREATE_FAILED")).toBe(true);
    expect(fake.calls).toHaveLength(1);
  });

  it("refuses to load an unknown session without starting a process", async () => {
    const error = await rejection(provider.loadSession("no-such-id", { sessionId: "s-2", projectDir: tmp }));
    expect(isProviderError(error, "SESSION_NOT_FOUND")).toBe(true);
    expect(fake.calls).toHaveLength(0);
  });

  it("throws SESSION_NOT_FOUND for a session it does not know", async () => {
    await expect(rejection(provider.sendMessage("nope", "hi"))).resolves.toMatchObject({ code: "SESSION_NOT_FOUND" });
  });
});

describe("crash, cancel and kill", () => {
  it("turns a process that dies mid-turn into PROCESS_CRASH, flushing buffered text as error", async () => {
    const { call, upserts, turns } = await open();
    const exits: string[] = [];
    provider.onProcessExit("s-1", (info) => exits.push(info.message));
    const { turnId } = await provider.sendMessage("s-1", "hello");
    await call.nextMessage(1);
    call.emit(sdk.init(), sdk.messageStart("m1"), sdk.blockStart(0, { type: "text" }), ...sdk.textDeltas(0, "Half an"));
    call.crash(new Error("Claude Code process terminated by signal SIGKILL"));
    await expect.poll(() => turns.at(-1)?.type).toBe("turn_error");
    expect(turns.at(-1)).toMatchObject({
      turnId,
      errorCode: "PROCESS_CRASH",
      errorMessage: expect.stringMatching(/SIGKILL/),
    });
    expect(upserts.at(-1)).toMatchObject({ status: "error", errorCode: "PROCESS_CRASH", content: "Half an" });
    expect(provider.isAlive("s-1")).toBe(false);
    expect(exits).toEqual(["Claude Code process terminated by signal SIGKILL"]);
    await expect(rejection(provider.sendMessage("s-1", "again"))).resolves.toMatchObject({ code: "PROCESS_CRASH" });
  });

  it("cancels with interrupt(): the turn ends cancelled and the same process takes the next message", async () => {
    const { call, upserts, turns } = await open();
    const { turnId } = await provider.sendMessage("s-1", "write a lot");
    const message = await call.nextMessage(1);
    call.emit(
      sdk.init(),
      sdk.messageStart("m1"),
      sdk.blockStart(0, { type: "text" }),
      ...sdk.textDeltas(0, "Part one"),
    );
    call.onInterrupt = () =>
      call.emit(
        sdk.assistant("m1", { type: "text", text: "Part one" }),
        sdk.interruptedNotice(),
        sdk.blockStop(0),
        ...sdk.messageEnd(null),
        sdk.result({
          subtype: "error_during_execution",
          is_error: true,
          errors: [],
          user_message_uuids: [message.uuid],
        }),
      );
    await provider.cancelTurn("s-1");
    await expect.poll(() => turns.at(-1)?.type).toBe("turn_complete");
    expect(turns.at(-1)).toMatchObject({ turnId, status: "cancelled" });
    expect(upserts.at(-1)).toMatchObject({ status: "error", errorCode: "CANCELLED", content: "Part one" });
    expect(call.interruptCalls).toBe(1);
    await provider.sendMessage("s-1", "next");
    await answer(call, 2, "Fine.");
    await expect.poll(() => turns.at(-1)).toMatchObject({ type: "turn_complete", status: "completed" });
    expect(fake.calls).toHaveLength(1);
  });

  it("ends the turn cancelled within 5 s when a frozen CLI never answers interrupt(), and cancelTurn resolves", async () => {
    const { turns } = await open();
    const { turnId } = await provider.sendMessage("s-1", "write a lot");
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const call = fake.calls[0] as FakeQueryCall;
      call.onInterrupt = () => new Promise<void>(() => {}); // a stopped process: no answer, ever
      let resolved = false;
      const cancelling = provider.cancelTurn("s-1").then(() => {
        resolved = true;
      });
      await vi.advanceTimersByTimeAsync(4_900);
      expect(resolved).toBe(false);
      expect(turns.some((event) => event.type === "turn_complete")).toBe(false);
      await vi.advanceTimersByTimeAsync(200);
      await cancelling;
      expect(turns.at(-1)).toMatchObject({ type: "turn_complete", turnId, status: "cancelled" });
    } finally {
      vi.useRealTimers();
    }
  });

  it("does not interrupt when no turn runs", async () => {
    const { call } = await open();
    await provider.cancelTurn("s-1");
    expect(call.interruptCalls).toBe(0);
  });

  it("kills: the running turn ends cancelled, the query is closed, later sends fail with PROCESS_CRASH", async () => {
    const { call, turns } = await open();
    await provider.sendMessage("s-1", "hello");
    await call.nextMessage(1);
    await provider.killSession("s-1");
    await provider.killSession("s-1");
    expect(turns.map((e) => e.type)).toEqual(["turn_started", "turn_complete"]);
    expect(turns.at(-1)).toMatchObject({ status: "cancelled" });
    expect(call.closed).toBe(true);
    await expect.poll(() => call.inputEnded).toBe(true);
    expect(provider.isAlive("s-1")).toBe(false);
    await expect(rejection(provider.sendMessage("s-1", "again"))).resolves.toMatchObject({ code: "PROCESS_CRASH" });
  });

  it("passes permission mode changes to the CLI and reports a refused one", async () => {
    const { call } = await open();
    await provider.setPermissionMode("s-1", "acceptEdits");
    expect(call.permissionModes).toEqual(["acceptEdits"]);
    const error = await rejection(provider.setPermissionMode("s-1", "bypassPermissions"));
    expect(error).toMatchObject({ code: "PROTOCOL_ERROR", message: expect.stringContaining("bypassPermissions") });
  });
});

describe("permission requests", () => {
  const input = { file_path: "/p/hello.txt", content: "hi\n" };
  const suggestions = [{ type: "setMode", mode: "acceptEdits", destination: "session" }];

  async function ask(call: FakeQueryCall, signal = new AbortController().signal) {
    const canUseTool = call.options.canUseTool as CanUseTool;
    return canUseTool("Write", input, {
      signal,
      toolUseID: "toolu_9",
      requestId: "req-1",
      suggestions: suggestions as never,
    });
  }

  async function running() {
    const opened = await open();
    const { turnId } = await provider.sendMessage("s-1", "write hello.txt");
    return { ...opened, turnId };
  }

  it("asks the handler with the tool call's details and allows once", async () => {
    const { call, turnId } = await running();
    const requests: PermissionRequest[] = [];
    provider.onPermissionRequest("s-1", async (request) => {
      requests.push(request);
      return { outcome: "selected", optionId: "allow" };
    });
    await expect(ask(call)).resolves.toEqual({ behavior: "allow", updatedInput: input, toolUseID: "toolu_9" });
    expect(requests[0]).toMatchObject({
      sessionId: "s-1",
      turnId,
      callId: "toolu_9",
      toolName: "Write",
      input,
      diff: { path: "/p/hello.txt", newText: "hi\n" },
    });
    expect(requests[0]?.options.map((o) => [o.optionId, o.kind])).toEqual([
      ["allow", "allow_once"],
      ["allow_always", "allow_always"],
      ["deny", "reject_once"],
    ]);
    // The CLI's suggestion for a Write switches the session to acceptEdits: allow always says so.
    expect(requests[0]?.options[1]).toMatchObject({ name: "Allow all edits this session", setsMode: "acceptEdits" });
  });

  it("allows always with the CLI's suggested rules, and denies", async () => {
    const { call } = await running();
    let choice = "allow_always";
    provider.onPermissionRequest("s-1", async () => ({ outcome: "selected", optionId: choice }));
    await expect(ask(call)).resolves.toMatchObject({ behavior: "allow", updatedPermissions: suggestions });
    choice = "deny";
    await expect(ask(call)).resolves.toMatchObject({ behavior: "deny", message: "The user denied this tool call." });
  });

  it("denies without a handler", async () => {
    const { call } = await running();
    await expect(ask(call)).resolves.toMatchObject({ behavior: "deny" });
  });

  it("denies a request still unanswered when the turn ends, and one the SDK aborts", async () => {
    const { call } = await running();
    provider.onPermissionRequest("s-1", () => new Promise(() => {}));
    const aborted = new AbortController();
    const first = ask(call, aborted.signal);
    aborted.abort();
    await expect(first).resolves.toMatchObject({ behavior: "deny" });
    const second = ask(call);
    await answer(call, 1, "Gave up.");
    await expect(second).resolves.toMatchObject({ behavior: "deny" });
  });

  it("denies a pending request when the turn is cancelled", async () => {
    const { call } = await running();
    provider.onPermissionRequest("s-1", () => new Promise(() => {}));
    const pending = ask(call);
    await new Promise<void>((resolve) => setImmediate(resolve));
    call.onInterrupt = () => call.emit(sdk.result({ subtype: "error_during_execution", is_error: true, errors: [] }));
    await provider.cancelTurn("s-1");
    await expect(pending).resolves.toMatchObject({ behavior: "deny" });
  });
});

describe("setTitle (the CLI's own session title)", () => {
  const id = "0b0f6a53-8d1e-4b8e-9a51-1f2f3c4d5e6f";
  async function transcript(projectDir: string): Promise<string> {
    const file = claudeTranscriptPath(path.join(tmp, "config"), projectDir, id);
    await mkdir(path.dirname(file), { recursive: true });
    const record = {
      type: "user",
      uuid: "7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
      parentUuid: null,
      sessionId: id,
      cwd: projectDir,
      timestamp: "2026-12-03T10:00:00.000Z",
      message: { role: "user", content: "Fix the tests" },
    };
    await writeFile(file, `${JSON.stringify(record)}\n`);
    return file;
  }

  it("appends Claude Code's custom-title record through the SDK when the SDK's config folder is this provider's", async () => {
    vi.stubEnv("CLAUDE_CONFIG_DIR", path.join(tmp, "config"));
    try {
      const projectDir = path.join(tmp, "project");
      await mkdir(projectDir, { recursive: true });
      const file = await transcript(projectDir);
      expect(await provider.setTitle(id, "Renamed by the user", projectDir)).toBe(true);
      const records = (await readFile(file, "utf8"))
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as { type: string; customTitle?: string });
      expect(records.at(-1)).toMatchObject({ type: "custom-title", customTitle: "Renamed by the user" });
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("writes nothing when the SDK would look in another config folder, or before the transcript exists", async () => {
    const projectDir = path.join(tmp, "project");
    await mkdir(projectDir, { recursive: true });
    vi.stubEnv("CLAUDE_CONFIG_DIR", path.join(tmp, "config"));
    try {
      expect(await provider.setTitle(id, "Too early", projectDir)).toBe(false);
    } finally {
      vi.unstubAllEnvs();
    }
    const file = await transcript(projectDir);
    const before = await readFile(file, "utf8");
    vi.stubEnv("CLAUDE_CONFIG_DIR", path.join(tmp, "elsewhere"));
    try {
      expect(await provider.setTitle(id, "Elsewhere", projectDir)).toBe(false);
    } finally {
      vi.unstubAllEnvs();
    }
    expect(await readFile(file, "utf8")).toBe(before);
  });
});
