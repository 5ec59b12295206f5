// Unit tests at the ACP boundary: CodexProvider against an in-process fake agent (the SDK's agent side).
import * as acp from "@agentclientprotocol/sdk";
import type { PromptResponse, SessionUpdate } from "@agentclientprotocol/sdk";
import { afterEach, describe, expect, it } from "vitest";
import type { PermissionRequest, ToolCallUpsert, TurnEvent, UpsertObject } from "../../../shared/contracts/index.js";
import type { ProcessExitInfo } from "../provider.js";
import { CodexProvider } from "./codex-provider.js";
import { FakeAgent, type FakeAgentScript, type PromptContext } from "./fake-agent.js";

const text = (sessionUpdate: "agent_message_chunk" | "agent_thought_chunk" | "user_message_chunk", t: string) =>
  ({ sessionUpdate, content: { type: "text", text: t } }) as SessionUpdate;
const toolStart: SessionUpdate = {
  sessionUpdate: "tool_call",
  toolCallId: "call_1",
  title: "echo hello-from-tool",
  kind: "execute",
  status: "in_progress",
  rawInput: { command: ["/bin/bash", "-lc", "echo hello-from-tool"], cwd: "/projects/a" },
};
const toolDone: SessionUpdate = {
  sessionUpdate: "tool_call_update",
  toolCallId: "call_1",
  status: "completed",
  rawOutput: { stdout: "hello-from-tool\n", stderr: "", exit_code: 0, formatted_output: "hello-from-tool\n" },
};
const permissionOptions = [
  { optionId: "approved", name: "Yes", kind: "allow_once" as const },
  { optionId: "approved-execpolicy-amendment", name: "Always", kind: "allow_always" as const },
  { optionId: "abort", name: "No", kind: "reject_once" as const },
];

/** A deferred promise, to hold a scripted prompt open until the test lets it go. */
function gate<T = void>() {
  let open: (value: T) => void = () => undefined;
  const promise = new Promise<T>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

let provider: CodexProvider | undefined;
afterEach(async () => {
  await provider?.dispose();
  provider = undefined;
});

async function setup(script: FakeAgentScript = {}, extra: { cancelTimeoutMs?: number } = {}) {
  const fake = new FakeAgent(script);
  provider = new CodexProvider({ spawnAgent: fake.spawn, batching: { timeCapMs: 0 }, ...extra });
  const p = provider;
  const upserts: UpsertObject[] = [];
  const turns: TurnEvent[] = [];
  const ended = new Map<string, (e: TurnEvent) => void>();
  const open = async (sessionId = "app-1", projectDir = "/projects/a") => {
    const session = await p.createSession({ sessionId, projectDir });
    p.onUpsert(sessionId, (u) => upserts.push(u));
    p.onTurn(sessionId, (e) => {
      turns.push(e);
      if (e.type !== "turn_started") ended.get(e.turnId)?.(e);
    });
    return session;
  };
  /** Sends a message and returns its turnId plus a promise of its terminal event. */
  const send = async (message: string, sessionId = "app-1") => {
    const { turnId } = await p.sendMessage(sessionId, message);
    const already = turns.find((e) => e.turnId === turnId && e.type !== "turn_started");
    const end = already ? Promise.resolve(already) : new Promise<TurnEvent>((resolve) => ended.set(turnId, resolve));
    return { turnId, end };
  };
  const finals = () => {
    const byId = new Map<string, UpsertObject>();
    for (const u of upserts) byId.set(u.itemId, u);
    return [...byId.values()];
  };
  return { fake, provider: p, upserts, turns, open, send, finals };
}

describe("CodexProvider sessions and agent processes", () => {
  it("creates a session with session/new in the project folder and shares one agent per folder", async () => {
    const { fake, provider: p, open } = await setup();
    const first = await open("app-1", "/projects/a");
    await open("app-2", "/projects/a");
    await open("app-3", "/projects/b");
    expect(first).toMatchObject({
      sessionId: "app-1",
      cliType: "codex",
      providerSessionId: "fake-session-1",
      modelId: "gpt-5.4",
    });
    expect(fake.newSessions.map((s) => [s.cwd, s.mcpServers])).toEqual([
      ["/projects/a", []],
      ["/projects/a", []],
      ["/projects/b", []],
    ]);
    expect(fake.processes.map((proc) => proc.cwd)).toEqual(["/projects/a", "/projects/b"]);
    expect(p.isAlive("app-1")).toBe(true);

    await p.killSession("app-1");
    expect(p.isAlive("app-1")).toBe(false);
    expect(fake.running.map((proc) => proc.cwd)).toEqual(["/projects/a", "/projects/b"]);
    await p.killSession("app-2");
    expect(fake.running.map((proc) => proc.cwd)).toEqual(["/projects/b"]);
    expect(fake.closedSessions).toEqual(["fake-session-1", "fake-session-2"]);
    await p.killSession("app-2");
    await p.dispose();
    expect(fake.running).toEqual([]);
  });

  it("loads a session: the replayed updates become completed history upserts", async () => {
    const { fake, provider: p } = await setup({
      load: async (_id, send) => {
        await send(text("user_message_chunk", "run it"));
        await send(text("agent_message_chunk", "Let me run a command."));
        await send({
          sessionUpdate: "tool_call",
          toolCallId: "c1",
          title: "exec_command",
          status: "completed",
          rawInput: { cmd: "echo hi" },
        });
        await send({
          sessionUpdate: "tool_call_update",
          toolCallId: "c1",
          status: "completed",
          rawOutput: "Exit code: 0\nOutput:\nhi\n",
        });
        await send(text("agent_message_chunk", "It printed hi."));
      },
    });
    const loaded = await p.loadSession("codex-uuid", { sessionId: "app-9", projectDir: "/projects/a" });
    expect(loaded).toMatchObject({ sessionId: "app-9", providerSessionId: "codex-uuid", cliType: "codex" });
    expect(loaded.history.map((u) => [u.type, u.status, u.type === "tool_call" ? u.toolOutput : u.content])).toEqual([
      ["message", "complete", "run it"],
      ["message", "complete", "Let me run a command."],
      ["tool_call", "complete", "hi\n"],
      ["message", "complete", "It printed hi."],
    ]);
    expect(p.isAlive("app-9")).toBe(true);
    expect(fake.processes).toHaveLength(1);
  });

  it("reloads a killed session under the same app id on a shared agent and streams its next turn", async () => {
    const {
      fake,
      provider: p,
      open,
    } = await setup({
      prompt: async (ctx) => {
        await ctx.send(text("agent_message_chunk", "Back again."));
        return { stopReason: "end_turn" };
      },
    });
    const first = await open("app-1");
    await open("app-2");
    await p.killSession("app-1");
    await p.loadSession(first.providerSessionId, { sessionId: "app-1", projectDir: "/projects/a" });
    const seen: UpsertObject[] = [];
    p.onUpsert("app-1", (u) => seen.push(u));
    const ended = new Promise((resolve) => p.onTurn("app-1", (e) => e.type !== "turn_started" && resolve(e)));
    await p.sendMessage("app-1", "hello");
    expect(await ended).toMatchObject({ type: "turn_complete", status: "completed" });
    expect(seen.at(-1)).toMatchObject({ sessionId: "app-1", status: "complete", content: "Back again." });
    expect(fake.processes).toHaveLength(1);
  });

  it("rejects loading an id the agent does not know with SESSION_NOT_FOUND and leaves nothing running", async () => {
    const { fake, provider: p } = await setup({
      load: async () => {
        throw acp.RequestError.resourceNotFound("nope");
      },
    });
    await expect(p.loadSession("nope", { sessionId: "app-1", projectDir: "/projects/a" })).rejects.toMatchObject({
      code: "SESSION_NOT_FOUND",
    });
    expect(fake.running).toEqual([]);
    expect(() => p.isAlive("app-1")).toThrow(/No Codex session/);
  });
});

describe("CodexProvider turns", () => {
  it("returns the turnId once the prompt is written, before the turn ends, and refuses a second message", async () => {
    const release = gate<PromptResponse>();
    const { open, send, turns, provider: p } = await setup({ prompt: () => release.promise });
    await open();
    const { turnId, end } = await send("hello");
    expect(turns).toEqual([
      { type: "turn_started", turnId, sessionId: "app-1", modelId: "gpt-5.4", providerId: "codex" },
    ]);
    await expect(p.sendMessage("app-1", "again")).rejects.toMatchObject({ code: "TURN_IN_PROGRESS" });
    release.open({ stopReason: "end_turn" });
    expect(await end).toEqual({ type: "turn_complete", turnId, sessionId: "app-1", status: "completed" });
  });

  it("maps chunks, thoughts, a tool call with arguments and output, and text after the tool as a new item", async () => {
    const { open, send, finals, upserts } = await setup({
      prompt: async ({ send: emit }) => {
        await emit(text("agent_thought_chunk", "Thinking first."));
        await emit(text("agent_message_chunk", "Let me run "));
        await emit(text("agent_message_chunk", "a command."));
        await emit(toolStart);
        await emit(toolDone);
        await emit({ sessionUpdate: "usage_update", used: 6056, size: 258400 });
        await emit(text("agent_message_chunk", "It printed hello-from-tool."));
        return { stopReason: "end_turn" };
      },
    });
    await open();
    const { turnId, end } = await send("scenario:tool-shell");
    expect(await end).toMatchObject({
      type: "turn_complete",
      status: "completed",
      usage: { inputTokens: 6056, outputTokens: 0 },
    });
    expect(finals().map((u) => [u.itemId, u.type, u.status])).toEqual([
      [`${turnId}:1`, "thinking", "complete"],
      [`${turnId}:2`, "message", "complete"],
      [`${turnId}:tool:call_1`, "tool_call", "complete"],
      [`${turnId}:3`, "message", "complete"],
    ]);
    const tool = finals()[2] as ToolCallUpsert;
    expect(tool).toMatchObject({
      callId: "call_1",
      title: "echo hello-from-tool",
      kind: "execute",
      toolArguments: { command: ["/bin/bash", "-lc", "echo hello-from-tool"] },
      toolOutput: "hello-from-tool\n",
    });
    expect(upserts.filter((u) => u.itemId === `${turnId}:2`).map((u) => u.status)).toEqual(["create", "complete"]);
    expect(finals()[1]).toMatchObject({ content: "Let me run a command." });
  });

  it("cancels: the running tool ends CANCELLED, a pending permission request is answered cancelled", async () => {
    const answer = gate<unknown>();
    const {
      open,
      send,
      finals,
      fake,
      provider: p,
    } = await setup({
      prompt: async (ctx: PromptContext) => {
        if (ctx.text === "second") return { stopReason: "end_turn" };
        await ctx.send(toolStart);
        void ctx
          .requestPermission({ toolCall: { toolCallId: "call_1" }, options: permissionOptions })
          .then(answer.open);
        await ctx.cancelled;
        return { stopReason: "cancelled" };
      },
    });
    await open();
    const asked = gate<PermissionRequest>();
    p.onPermissionRequest("app-1", (request) => {
      asked.open(request);
      return new Promise(() => undefined);
    });
    const { turnId, end } = await send("go");
    expect(await asked.promise).toMatchObject({ turnId, callId: "call_1", options: permissionOptions });
    await p.cancelTurn("app-1");
    expect(await end).toMatchObject({ type: "turn_complete", status: "cancelled" });
    expect(await answer.promise).toEqual({ outcome: { outcome: "cancelled" } });
    expect(fake.cancels).toEqual(["fake-session-1"]);
    expect(finals().at(-1)).toMatchObject({ itemId: `${turnId}:tool:call_1`, status: "error", errorCode: "CANCELLED" });
    const next = await send("second");
    expect(await next.end).toMatchObject({ type: "turn_complete", status: "completed" });
  });

  it("ends a cancelled turn itself when the agent does not return, and ignores the late answer", async () => {
    const release = gate<PromptResponse>();
    const { open, send, turns, provider: p } = await setup({ prompt: () => release.promise }, { cancelTimeoutMs: 20 });
    await open();
    const { turnId, end } = await send("go");
    await p.cancelTurn("app-1");
    expect(await end).toMatchObject({ status: "cancelled" });
    release.open({ stopReason: "end_turn" });
    const next = await send("next");
    await next.end;
    expect(turns.filter((e) => e.turnId === turnId).map((e) => e.type)).toEqual(["turn_started", "turn_complete"]);
  });

  it("answers a permission request with the option the user picked, and denies when no handler is set", async () => {
    const answers: unknown[] = [];
    const {
      open,
      send,
      provider: p,
    } = await setup({
      prompt: async (ctx) => {
        answers.push(
          await ctx.requestPermission({
            toolCall: {
              toolCallId: "call_9",
              title: "rm -rf build",
              kind: "execute",
              rawInput: { cmd: "rm -rf build" },
            },
            options: permissionOptions,
          }),
        );
        return { stopReason: "end_turn" };
      },
    });
    await open();
    await (await send("no handler yet")).end;
    const seen: PermissionRequest[] = [];
    p.onPermissionRequest("app-1", async (request) => {
      seen.push(request);
      return { outcome: "selected", optionId: "approved" };
    });
    await (await send("with handler")).end;
    expect(answers).toEqual([
      { outcome: { outcome: "cancelled" } },
      { outcome: { outcome: "selected", optionId: "approved" } },
    ]);
    expect(seen[0]).toMatchObject({
      callId: "call_9",
      toolName: "exec_command",
      title: "rm -rf build",
      input: { cmd: "rm -rf build" },
    });
  });

  it("reports a refusal as turn_error REFUSAL", async () => {
    const { open, send } = await setup({
      prompt: async (ctx) => {
        await ctx.send(text("agent_message_chunk", "I can't"));
        return { stopReason: "refusal" };
      },
    });
    await open();
    expect(await (await send("bad")).end).toMatchObject({ type: "turn_error", errorCode: "REFUSAL" });
  });

  it("turns a JSON-RPC error from session/prompt into turn_error with the agent's message; the session stays usable", async () => {
    let calls = 0;
    const { open, send, finals } = await setup({
      prompt: async (ctx) => {
        calls += 1;
        if (calls > 1) return { stopReason: "end_turn" };
        await ctx.send(text("agent_message_chunk", "Partial"));
        throw new acp.RequestError(-32603, "Internal error", {
          message: "unexpected status 401 Unauthorized: Incorrect API key provided.",
          codex_error_info: "other",
        });
      },
    });
    await open();
    const first = await send("hi");
    expect(await first.end).toEqual({
      type: "turn_error",
      turnId: first.turnId,
      sessionId: "app-1",
      errorCode: "AUTHENTICATION_FAILED",
      errorMessage: "unexpected status 401 Unauthorized: Incorrect API key provided.",
    });
    expect(finals().at(-1)).toMatchObject({ content: "Partial", status: "error", errorCode: "AUTHENTICATION_FAILED" });
    expect(await (await send("again")).end).toMatchObject({ type: "turn_complete", status: "completed" });
  });

  it("reports an agent crash as PROCESS_CRASH for every running turn of that process", async () => {
    const {
      open,
      send,
      finals,
      fake,
      provider: p,
    } = await setup({
      prompt: async (ctx) => {
        await ctx.send(toolStart);
        return new Promise(() => undefined);
      },
    });
    await open("app-1");
    await open("app-2");
    const exits: ProcessExitInfo[] = [];
    p.onProcessExit("app-1", (info) => exits.push(info));
    const one = await send("go", "app-1");
    const two = await send("go", "app-2");
    await waitUntil(() => finals().length === 2);
    fake.processes[0]?.crash();
    expect(await one.end).toMatchObject({ type: "turn_error", errorCode: "PROCESS_CRASH" });
    expect(await two.end).toMatchObject({ type: "turn_error", errorCode: "PROCESS_CRASH" });
    expect(finals().map((u) => [u.status, u.errorCode])).toEqual([
      ["error", "PROCESS_CRASH"],
      ["error", "PROCESS_CRASH"],
    ]);
    expect(exits).toEqual([{ exitCode: null, signal: "SIGKILL", message: "codex-acp exited (signal SIGKILL)" }]);
    expect(p.isAlive("app-1")).toBe(false);
    await expect(p.sendMessage("app-1", "hello?")).rejects.toMatchObject({ code: "PROCESS_CRASH" });
    await p.createSession({ sessionId: "app-3", projectDir: "/projects/a" });
    expect(fake.running).toHaveLength(1);
  });
});

describe("CodexProvider permission modes", () => {
  const modes = {
    currentModeId: "auto",
    availableModes: ["read-only", "auto", "full-access"].map((id) => ({ id, name: id })),
  };

  it("sets the mapped codex-acp mode with session/set_mode", async () => {
    const { fake, provider: p } = await setup({ modes });
    await p.createSession({ sessionId: "app-1", projectDir: "/p", permissionMode: "plan" });
    await p.setPermissionMode("app-1", "acceptEdits");
    await p.setPermissionMode("app-1", "bypassPermissions");
    expect(fake.setModes.map((m) => m.modeId)).toEqual(["read-only", "auto", "full-access"]);
  });

  it("answers requests itself in bypassPermissions and plan when the agent offers no modes", async () => {
    const answers: unknown[] = [];
    const {
      open,
      send,
      provider: p,
      fake,
    } = await setup({
      prompt: async (ctx) => {
        answers.push(
          await ctx.requestPermission({ toolCall: { toolCallId: "c", kind: "edit" }, options: permissionOptions }),
        );
        return { stopReason: "end_turn" };
      },
    });
    await open();
    let asked = 0;
    p.onPermissionRequest("app-1", async () => {
      asked += 1;
      return { outcome: "cancelled" };
    });
    await p.setPermissionMode("app-1", "bypassPermissions");
    await (await send("one")).end;
    await p.setPermissionMode("app-1", "plan");
    await (await send("two")).end;
    expect(answers).toEqual([
      { outcome: { outcome: "selected", optionId: "approved" } },
      { outcome: { outcome: "selected", optionId: "abort" } },
    ]);
    expect(asked).toBe(0);
    expect(fake.setModes).toEqual([]);
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
