// Unit tests at the ACP boundary: CodexProvider sessions, agent processes and permission modes (in-process fake agent).
import * as acp from "@agentclientprotocol/sdk";
import { describe, expect, it } from "vitest";
import type { UpsertObject } from "../../../shared/contracts/index.js";
import { permissionOptions, setup, text } from "./testing/provider-harness.js";

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
