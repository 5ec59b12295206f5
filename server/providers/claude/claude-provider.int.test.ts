// Integration tests: ClaudeCodeProvider driving the real Claude Code CLI against the local Anthropic stand-in.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PermissionRequest, ToolCallUpsert, TurnEvent, UpsertObject } from "../../../shared/contracts/index.js";
import { type AnthropicServer, startAnthropicServer } from "../../../testing/anthropic/server.js";
import { SCENARIOS } from "../../../testing/scenarios/scenarios.js";
import type { ProcessExitInfo } from "../provider.js";
import { ClaudeCodeProvider } from "./claude-provider.js";
import {
  type ClaudeTestEnvironment,
  createClaudeTestEnvironment,
  findProcessesWithConfigDir,
} from "./testing/test-environment.js";

let server: AnthropicServer;
let env: ClaudeTestEnvironment;
let provider: ClaudeCodeProvider;
let providerSessionId: string;
let fixturesDir: string;

/** A recorded-stream fixture for the stand-in: one Bash call running `sleep 45` (a long-lived tool child process). */
const SLEEP_TOOL = [
  {
    type: "message_start",
    message: {
      id: "msg_sleep",
      type: "message",
      role: "assistant",
      model: "claude-opus-5-5",
      content: [],
      stop_reason: null,
      usage: { input_tokens: 10, output_tokens: 1 },
    },
  },
  {
    type: "content_block_start",
    index: 0,
    content_block: { type: "tool_use", id: "toolu_sleep01", name: "Bash", input: {} },
  },
  {
    type: "content_block_delta",
    index: 0,
    delta: {
      type: "input_json_delta",
      partial_json: '{"command":"echo started; sleep 45; echo finished","description":"Wait"}',
    },
  },
  { type: "content_block_stop", index: 0 },
  { type: "message_delta", delta: { stop_reason: "tool_use", stop_sequence: null }, usage: { output_tokens: 5 } },
  { type: "message_stop" },
];

/** Everything one session emits, with a wait that polls until a condition holds (deadline 30 s). */
function record(sessionId: string) {
  const upserts: UpsertObject[] = [];
  const turns: TurnEvent[] = [];
  const exits: ProcessExitInfo[] = [];
  const permissions: PermissionRequest[] = [];
  provider.onUpsert(sessionId, (u) => upserts.push(u));
  provider.onTurn(sessionId, (e) => turns.push(e));
  provider.onProcessExit(sessionId, (info) => exits.push(info));
  provider.onPermissionRequest(sessionId, async (request) => {
    permissions.push(request);
    return { outcome: "selected", optionId: "allow" };
  });
  const ended = (turnId: string) => turns.find((e) => e.turnId === turnId && e.type !== "turn_started");
  return {
    upserts,
    turns,
    exits,
    permissions,
    of: (turnId: string) => upserts.filter((u) => u.turnId === turnId),
    /** Sends and waits for the turn's terminal event. */
    async run(text: string): Promise<TurnEvent> {
      const { turnId } = await provider.sendMessage(sessionId, text);
      await expect.poll(() => ended(turnId), { timeout: 30_000 }).toBeDefined();
      return ended(turnId) as TurnEvent;
    },
  };
}

/** The scenario's last text block. */
function finalText(name: string): string {
  const block = SCENARIOS[name]?.steps.at(-1)?.blocks.at(-1);
  return block?.kind === "text" ? block.text : "";
}

/** The CLI process serving the transcript `id` (started with `--session-id` or `--resume`). */
async function cliProcesses(id?: string) {
  const all = await findProcessesWithConfigDir(env.configDir);
  return id === undefined ? all : all.filter((p) => p.args.includes(id));
}

beforeAll(async () => {
  fixturesDir = await mkdtemp(path.join(os.tmpdir(), "lb-claude-fixtures-"));
  await mkdir(path.join(fixturesDir, "anthropic-sse"));
  const chunks = SLEEP_TOOL.map((event) => JSON.stringify(event)).join("\n");
  await writeFile(path.join(fixturesDir, "anthropic-sse", "sleep-tool.chunks.txt"), `${chunks}\n`);
  server = await startAnthropicServer({ fixturesDir });
  env = await createClaudeTestEnvironment(server.url);
  await writeFile(path.join(env.projectDir, "README.md"), "# Demo project\nThe README of the demo project.\n");
  provider = new ClaudeCodeProvider(env.config);
});

afterAll(async () => {
  await provider?.dispose();
  const left = env ? await cliProcesses() : [];
  await server?.close();
  await env?.cleanup();
  await rm(fixturesDir, { recursive: true, force: true });
  expect(left).toEqual([]);
});

describe("one session on one warm process", () => {
  let s: ReturnType<typeof record>;

  it("creates a session on a warm spare; its first turn streams text (several upserts, one complete)", async () => {
    const session = await provider.createSession({ sessionId: "app-1", projectDir: env.projectDir });
    providerSessionId = session.providerSessionId;
    s = record("app-1");
    expect(provider.isAlive("app-1")).toBe(true);
    const served = await cliProcesses(providerSessionId);
    expect(served).toHaveLength(1);
    expect(served[0]?.args).toContain("--await-claim");
    const end = await s.run("Show me code. scenario:markdown");
    expect(end).toMatchObject({ type: "turn_complete", status: "completed" });
    expect(end.type === "turn_complete" && end.usage?.inputTokens).toBeGreaterThan(0);
    const started = s.turns.find((e) => e.turnId === end.turnId && e.type === "turn_started");
    expect(started).toMatchObject({ providerId: "claude-code", modelId: expect.stringMatching(/\S/) });
    const text = s.of(end.turnId).filter((u) => u.type === "message");
    expect(text.length).toBeGreaterThanOrEqual(3);
    expect(text.filter((u) => u.status === "complete")).toHaveLength(1);
    expect(text.at(-1)).toMatchObject({ status: "complete", content: finalText("markdown") });
  });

  it("runs Bash echo and Read for real, with their output on the completed tool calls", async () => {
    const end = await s.run("scenario:multi-step");
    expect(end).toMatchObject({ type: "turn_complete", status: "completed" });
    const tools = s.of(end.turnId).filter((u): u is ToolCallUpsert => u.type === "tool_call" && u.status !== "create");
    const bash = tools.find((u) => u.toolName === "Bash" && u.status === "complete");
    const read = tools.find((u) => u.toolName === "Read" && u.status === "complete");
    expect(bash).toMatchObject({
      toolArguments: { command: "echo step-one" },
      toolOutput: expect.stringContaining("step-one"),
    });
    expect(read?.toolOutput).toContain("The README of the demo project.");
    expect(new Set(s.of(end.turnId).map((u) => u.itemId.split(":")[1]))).toEqual(new Set(["1", "2", "3"]));
  });

  it("streams thinking before the answer", async () => {
    const end = await s.run("scenario:thinking");
    const thinking = s.of(end.turnId).filter((u) => u.type === "thinking");
    expect(thinking.at(-1)).toMatchObject({ status: "complete", content: expect.stringContaining("think briefly") });
  });

  it("asks before writing a file and writes it once allowed", async () => {
    const end = await s.run("scenario:tool-write");
    expect(end).toMatchObject({ type: "turn_complete", status: "completed" });
    const file = path.join(env.projectDir, "hello.txt");
    expect(s.permissions).toEqual([
      expect.objectContaining({
        turnId: end.turnId,
        toolName: "Write",
        callId: expect.stringMatching(/^toolu_/),
        diff: { path: file, newText: "Hello from Liminal Builder\n" },
      }),
    ]);
    expect(await readFile(file, "utf8")).toBe("Hello from Liminal Builder\n");
  });

  it("cancels mid-stream; the same process then answers the next message", async () => {
    const before = await cliProcesses(providerSessionId);
    const { turnId } = await provider.sendMessage("app-1", "scenario:slow");
    await expect.poll(() => s.of(turnId).length, { timeout: 30_000 }).toBeGreaterThan(0);
    await provider.cancelTurn("app-1");
    await expect.poll(() => s.turns.at(-1), { timeout: 10_000 }).toMatchObject({ turnId, status: "cancelled" });
    const text = s.of(turnId);
    const last = text.at(-1);
    expect(text.some((u) => u.status === "complete")).toBe(false);
    expect(last).toMatchObject({
      status: "error",
      errorCode: "CANCELLED",
      content: expect.stringMatching(/^Sentence/),
    });
    expect(finalText("slow").startsWith(last && "content" in last ? last.content : "-")).toBe(true);
    expect(await s.run("scenario:text")).toMatchObject({ status: "completed" });
    expect((await cliProcesses(providerSessionId)).map((p) => p.pid)).toEqual(before.map((p) => p.pid));
  });

  it("kills the session while a tool runs: the CLI and the tool's child process are gone", async () => {
    const { turnId } = await provider.sendMessage("app-1", "fixture:sleep-tool");
    const sleeping = async () => (await cliProcesses()).filter((p) => p.args === "sleep 45");
    await expect.poll(sleeping, { timeout: 30_000 }).toHaveLength(1);
    await provider.killSession("app-1");
    expect(provider.isAlive("app-1")).toBe(false);
    expect(s.turns.at(-1)).toMatchObject({ turnId, type: "turn_complete", status: "cancelled" });
    expect(s.of(turnId).at(-1)).toMatchObject({ type: "tool_call", status: "error", errorCode: "CANCELLED" });
    const spare = (p: { args: string }) => p.args.includes("--await-claim");
    expect((await cliProcesses()).filter((p) => !spare(p))).toEqual([]);
    expect(s.exits).toEqual([]);
  });
});

describe("a resumed session", () => {
  let s: ReturnType<typeof record>;

  it("loads the killed session's history and resumes its conversation", async () => {
    const loaded = await provider.loadSession(providerSessionId, { sessionId: "app-2", projectDir: env.projectDir });
    s = record("app-2");
    const history = loaded.history.map((h) => `${h.type}:${h.status}:${"content" in h ? h.content : h.toolName}`);
    expect(history).toContain("message:complete:Show me code. scenario:markdown");
    expect(history).toContain(`message:complete:${finalText("markdown")}`);
    expect(history.some((h) => h.startsWith("tool_call:complete:Bash"))).toBe(true);
    expect(loaded.history.every((h) => h.status === "complete" || h.status === "error")).toBe(true);
    const seen = server.requests.length;
    expect(await s.run("scenario:text")).toMatchObject({ status: "completed" });
    const sent = JSON.stringify(server.requests.slice(seen).find((r) => r.kind === "turn")?.body);
    expect(sent).toContain("Show me code. scenario:markdown");
    expect(sent).toContain("step-one");
  });

  it("reports an HTTP 500 from the model as a turn error within seconds", async () => {
    const started = Date.now();
    const end = await s.run("scenario:error-500");
    expect(end).toMatchObject({
      type: "turn_error",
      errorCode: "PROVIDER_API_ERROR",
      errorMessage: expect.stringMatching(/500/),
    });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(await s.run("scenario:error-401")).toMatchObject({ errorCode: "AUTHENTICATION_FAILED" });
  });

  it("turns a SIGKILL of the CLI mid-turn into PROCESS_CRASH, a dead session and no leftover tool process", async () => {
    const { turnId } = await provider.sendMessage("app-2", "fixture:sleep-tool");
    const sleeping = async () => (await cliProcesses()).filter((p) => p.args === "sleep 45");
    await expect.poll(sleeping, { timeout: 30_000 }).toHaveLength(1);
    const [cli] = await cliProcesses(providerSessionId);
    process.kill(cli?.pid as number, "SIGKILL");
    await expect.poll(() => s.turns.at(-1), { timeout: 5_000 }).toMatchObject({ turnId, errorCode: "PROCESS_CRASH" });
    expect(s.of(turnId).at(-1)).toMatchObject({ type: "tool_call", status: "error", errorCode: "PROCESS_CRASH" });
    expect(provider.isAlive("app-2")).toBe(false);
    expect(s.exits).toEqual([expect.objectContaining({ signal: "SIGKILL" })]);
    await expect(provider.sendMessage("app-2", "again")).rejects.toMatchObject({ code: "PROCESS_CRASH" });
    await expect.poll(sleeping).toEqual([]);
    await expect.poll(() => cliProcesses(providerSessionId)).toEqual([]);
  });
});
