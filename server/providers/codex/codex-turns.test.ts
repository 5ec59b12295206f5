// Unit tests at the ACP boundary: CodexProvider turns (start, mapping, cancel, permissions, errors, crash) on a fake agent.

import type { PromptResponse } from "@agentclientprotocol/sdk";
import * as acp from "@agentclientprotocol/sdk";
import { describe, expect, it } from "vitest";
import type { PermissionRequest, ToolCallUpsert } from "../../../shared/contracts/index.js";
import type { ProcessExitInfo } from "../provider.js";
import type { PromptContext } from "./testing/fake-agent.js";
import { gate, permissionOptions, setup, text, toolDone, toolStart } from "./testing/provider-harness.js";

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
      usage: { inputTokens: 0, outputTokens: 0, contextUsedTokens: 6056, contextWindowTokens: 258400 },
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
    await expect.poll(() => finals().length).toBe(2);
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
