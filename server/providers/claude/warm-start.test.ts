// Unit tests of warm start: new sessions claim a parked spare (SDK prewarm()), with a cold query() fallback.
import type { CanUseTool } from "@anthropic-ai/claude-agent-sdk";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ClaudeCodeProvider } from "./claude-provider.js";
import { REFILL_DELAY_MS } from "./spare-pool.js";
import { FakeClaudeSdk } from "./testing/fake-query.js";

let fake: FakeClaudeSdk;
let provider: ClaudeCodeProvider;

beforeEach(() => {
  fake = new FakeClaudeSdk();
  provider = new ClaudeCodeProvider({ queryFn: fake.queryFn, prewarmFn: fake.prewarmFn, model: "claude-test" });
});
afterEach(async () => {
  await provider.dispose();
});

describe("warm start", () => {
  it("parks a spare at start-up and hands it to the next new session, then parks another a little later", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      await Promise.resolve();
      expect(fake.spares).toHaveLength(1);
      const session = await provider.createSession({
        sessionId: "s-1",
        projectDir: "/p",
        permissionMode: "acceptEdits",
      });
      const [spare] = fake.spares;
      expect(spare?.options).toMatchObject({ includePartialMessages: true, env: expect.any(Object) });
      expect(spare?.claimOptions).toEqual({ cwd: "/p", permissionMode: "acceptEdits", model: "claude-test" });
      expect(session.providerSessionId).toBe(spare?.options.sessionId);
      expect(fake.calls).toEqual([spare?.call]);
      expect(fake.spares).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(REFILL_DELAY_MS);
      expect(fake.spares).toHaveLength(2);
      await provider.sendMessage("s-1", "hello");
      await expect(spare?.call?.nextMessage(1)).resolves.toMatchObject({ message: { content: "hello" } });
    } finally {
      vi.useRealTimers();
    }
  });

  it("routes the spare's permission callback to the session that claimed it", async () => {
    await provider.createSession({ sessionId: "s-1", projectDir: "/p" });
    const spare = fake.spares[0];
    const asked: string[] = [];
    provider.onPermissionRequest("s-1", async (request) => {
      asked.push(`${request.sessionId}:${request.toolName}`);
      return { outcome: "selected", optionId: "allow" };
    });
    await provider.sendMessage("s-1", "write it");
    const canUseTool = spare?.options.canUseTool as CanUseTool;
    const answer = await canUseTool(
      "Write",
      { file_path: "/p/a" },
      { signal: new AbortController().signal, toolUseID: "t1", requestId: "r" },
    );
    expect(answer).toMatchObject({ behavior: "allow" });
    expect(asked).toEqual(["s-1:Write"]);
  });

  it("falls back to a cold query() when the spare refuses the claim, and closes the spare", async () => {
    fake.refuseNextClaim = "cwd_not_found";
    const session = await provider.createSession({ sessionId: "s-1", projectDir: "/p" });
    expect(fake.spares[0]?.closed).toBe(true);
    expect(fake.calls).toHaveLength(2);
    expect(fake.last.options).toMatchObject({ cwd: "/p", sessionId: session.providerSessionId });
    expect(provider.isAlive("s-1")).toBe(true);
  });

  it("starts bypassPermissions sessions cold, allowing the mode explicitly", async () => {
    await provider.createSession({ sessionId: "s-1", projectDir: "/p", permissionMode: "bypassPermissions" });
    expect(fake.spares.every((s) => s.claimOptions === undefined)).toBe(true);
    expect(fake.last.options).toMatchObject({
      permissionMode: "bypassPermissions",
      allowDangerouslySkipPermissions: true,
    });
  });

  it("never hands one spare to two sessions", async () => {
    await provider.createSession({ sessionId: "s-1", projectDir: "/p" });
    await provider.createSession({ sessionId: "s-2", projectDir: "/q" });
    const claimed = fake.spares.filter((s) => s.claimOptions);
    expect(claimed.map((s) => s.claimOptions?.cwd)).toEqual(["/p", "/q"]);
    expect(new Set(claimed.map((s) => s.options.sessionId)).size).toBe(2);
  });

  it("closes the parked spare on dispose", async () => {
    await expect.poll(() => fake.spares.length).toBe(1);
    await provider.dispose();
    expect(fake.spares.every((s) => s.closed)).toBe(true);
  });

  it("starts no spare when warm start is off", async () => {
    const cold = new ClaudeCodeProvider({ queryFn: fake.queryFn, prewarmFn: fake.prewarmFn, warmStart: false });
    await cold.createSession({ sessionId: "c-1", projectDir: "/p" });
    expect(fake.last.options).toMatchObject({ cwd: "/p" });
    await cold.dispose();
    expect(fake.spares.filter((s) => s.claimOptions)).toEqual([]);
  });
});
