// Integration tests: CodexProvider drives the real codex-acp against the local OpenAI Responses stand-in.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PermissionRequest, ToolCallUpsert, TurnEvent, UpsertObject } from "../../../shared/contracts/index.js";
import { writeCodexConfig } from "../../../testing/openai/codex-config.js";
import { type OpenAIServer, startOpenAIServer } from "../../../testing/openai/server.js";
import type { ProcessExitInfo } from "../provider.js";
import { CodexProvider } from "./codex-provider.js";
import { resolveCodexExecutable } from "./executable.js";

let server: OpenAIServer;
let root: string;
let project: string;
let codexHome: string;
let provider: CodexProvider;
/** The ACP session id of the first session, loaded again after the crash. */
let firstProviderSessionId: string | undefined;

beforeAll(async () => {
  server = await startOpenAIServer();
  root = mkdtempSync(path.join(os.tmpdir(), "codex-provider-int-"));
  project = path.join(root, "project");
  codexHome = path.join(root, "codex-home");
  const home = path.join(root, "home");
  mkdirSync(project);
  mkdirSync(home);
  writeFileSync(path.join(project, "README.md"), "# Test project\n");
  writeCodexConfig(codexHome, { baseUrl: server.baseUrl });
  provider = new CodexProvider({
    codexHome,
    homeDir: home,
    extraEnv: { LOCAL_MODEL_API_KEY: "test-key" },
    killGraceMs: 1000,
  });
});

afterAll(async () => {
  await provider?.dispose();
  await server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** Pids of running codex-acp binaries started with `home` as CODEX_HOME (from the process table in /proc). */
function codexAcpPids(home = codexHome): number[] {
  const binary = resolveCodexExecutable();
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/exe`).replace(/ \(deleted\)$/, "") !== binary) continue;
      const environ = readFileSync(`/proc/${entry}/environ`, "utf8").split("\0");
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (environ.includes(`CODEX_HOME=${home}`) && !/\) Z /.test(stat)) pids.push(Number(entry));
    } catch {
      // The process ended while we looked, or is not ours to read.
    }
  }
  return pids;
}

/** Subscribes to a session and offers a way to send a message and await its terminal turn event. */
function watch(sessionId: string, on: CodexProvider = provider) {
  const upserts: UpsertObject[] = [];
  const turns: TurnEvent[] = [];
  const waiters: { test: () => boolean; resolve: () => void }[] = [];
  const check = () => {
    for (const waiter of [...waiters]) {
      if (waiter.test()) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  on.onUpsert(sessionId, (u) => {
    upserts.push(u);
    check();
  });
  on.onTurn(sessionId, (e) => {
    turns.push(e);
    check();
  });
  const until = (test: () => boolean) =>
    test() ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ test, resolve }));
  const send = async (message: string) => {
    const { turnId } = await on.sendMessage(sessionId, message);
    const end = until(() => turns.some((e) => e.turnId === turnId && e.type !== "turn_started")).then(
      () => turns.find((e) => e.turnId === turnId && e.type !== "turn_started") as TurnEvent,
    );
    return { turnId, end };
  };
  const itemsOf = (turnId: string) => {
    const byId = new Map<string, UpsertObject>();
    for (const u of upserts) if (u.turnId === turnId) byId.set(u.itemId, u);
    return [...byId.values()];
  };
  return { upserts, turns, until, send, itemsOf };
}

describe("CodexProvider with the real codex-acp", () => {
  it("streams a text answer, runs exec_command, and reports reasoning", async () => {
    const session = await provider.createSession({ sessionId: "int-1", projectDir: project });
    expect(session).toMatchObject({ cliType: "codex", modelId: "gpt-5.4" });
    expect(session.providerSessionId).toMatch(/\S/);
    firstProviderSessionId = session.providerSessionId;
    const w = watch("int-1");

    const plain = await w.send("scenario:text");
    expect(await plain.end).toMatchObject({ type: "turn_complete", status: "completed" });
    expect(w.turns[0]).toMatchObject({ type: "turn_started", modelId: "gpt-5.4", providerId: "codex" });
    expect(w.itemsOf(plain.turnId).map((u) => [u.type, u.status, u.type === "message" && u.content])).toEqual([
      ["message", "complete", "Hello! I am the local model. This is a plain text answer."],
    ]);
    expect(w.upserts.find((u) => u.turnId === plain.turnId)?.status).toBe("create");

    const tool = await w.send("scenario:tool-shell");
    expect(await tool.end).toMatchObject({
      type: "turn_complete",
      status: "completed",
      usage: { contextUsedTokens: expect.any(Number), contextWindowTokens: expect.any(Number) },
    });
    const items = w.itemsOf(tool.turnId);
    expect(items.map((u) => [u.type, u.status])).toEqual([
      ["message", "complete"],
      ["tool_call", "complete"],
      ["message", "complete"],
    ]);
    expect(items[1] as ToolCallUpsert).toMatchObject({
      toolName: "exec_command",
      kind: "execute",
      title: "echo hello-from-tool",
      toolOutput: "hello-from-tool\n",
    });
    expect(JSON.stringify((items[1] as ToolCallUpsert).toolArguments)).toContain("echo hello-from-tool");
    expect(items[2]).toMatchObject({ content: "The command printed hello-from-tool." });

    const thinking = await w.send("scenario:thinking");
    await thinking.end;
    expect(w.itemsOf(thinking.turnId).map((u) => [u.type, u.type !== "tool_call" && u.content.trim()])).toEqual([
      ["thinking", "The user wants a short answer. I will think briefly, then reply in one sentence."],
      ["message", "After thinking it over: the answer is 42."],
    ]);
  });

  it("cancels a streaming answer, then answers the next message", async () => {
    const w = watch("int-1");
    const slow = await w.send("scenario:slow");
    await w.until(() => w.upserts.some((u) => u.turnId === slow.turnId && u.type === "message"));
    await provider.cancelTurn("int-1");
    expect(await slow.end).toMatchObject({ type: "turn_complete", status: "cancelled" });
    const [partial] = w.itemsOf(slow.turnId);
    expect(partial).toMatchObject({ type: "message", status: "error", errorCode: "CANCELLED" });
    const content = partial?.type === "message" ? partial.content : "";
    expect(content).toMatch(/^Sentence/);
    expect(content.length).toBeLessThan(200);

    const next = await w.send("scenario:text");
    expect(await next.end).toMatchObject({ type: "turn_complete", status: "completed" });
  });

  it("reports an HTTP 500 from the model as turn_error with the agent's message", async () => {
    const w = watch("int-1");
    const failing = await w.send("scenario:error-500");
    const end = await failing.end;
    expect(end).toMatchObject({ type: "turn_error", errorCode: "PROVIDER_API_ERROR" });
    expect(end.type === "turn_error" && end.errorMessage).toMatch(/high demand/);
    expect(provider.isAlive("int-1")).toBe(true);
  });

  it("after the agent is SIGKILLed, loadSession in a fresh process replays the history with the tool call", async () => {
    const exits: ProcessExitInfo[] = [];
    const exited = new Promise<void>((resolve) =>
      provider.onProcessExit("int-1", (info) => {
        exits.push(info);
        resolve();
      }),
    );
    const [pid, ...others] = codexAcpPids();
    expect(pid).toBeDefined();
    expect(others).toEqual([]);
    process.kill(pid as number, "SIGKILL");
    await exited;
    expect(exits[0]).toMatchObject({ signal: "SIGKILL" });
    expect(provider.isAlive("int-1")).toBe(false);
    await expect(provider.sendMessage("int-1", "hello?")).rejects.toMatchObject({ code: "PROCESS_CRASH" });

    const loaded = await provider.loadSession(firstProviderSessionId as string, {
      sessionId: "int-1",
      projectDir: project,
    });
    expect(codexAcpPids()).toHaveLength(1);
    expect(codexAcpPids()[0]).not.toBe(pid);
    const history = loaded.history;
    expect(history.every((u) => u.status === "complete" || u.status === "error")).toBe(true);
    const userTexts = history.flatMap((u) => (u.type === "message" && u.origin === "user" ? [u.content] : []));
    expect(userTexts.slice(0, 3)).toEqual(["scenario:text", "scenario:tool-shell", "scenario:thinking"]);
    const tool = history.find((u): u is ToolCallUpsert => u.type === "tool_call");
    expect(tool).toMatchObject({ toolName: "exec_command", status: "complete", toolOutput: "hello-from-tool\n" });
    expect(history.some((u) => u.type === "thinking")).toBe(true);

    const w = watch("int-1");
    const after = await w.send("scenario:text");
    expect(await after.end).toMatchObject({ type: "turn_complete", status: "completed" });
  });

  it("leaves no codex-acp process once the last session is killed", async () => {
    await provider.createSession({ sessionId: "int-2", projectDir: project });
    expect(codexAcpPids()).toHaveLength(1);
    await provider.killSession("int-1");
    expect(codexAcpPids()).toHaveLength(1);
    await provider.killSession("int-2");
    expect(codexAcpPids()).toEqual([]);
  });
});

describe("CodexProvider permission requests with the real codex-acp", () => {
  it("asks before apply_patch under approval_policy untrusted; the user's choice decides", async () => {
    const askingHome = path.join(root, "codex-home-untrusted");
    writeCodexConfig(askingHome, { baseUrl: server.baseUrl, approvalPolicy: "untrusted" });
    const asking = new CodexProvider({
      codexHome: askingHome,
      homeDir: path.join(root, "home"),
      extraEnv: { LOCAL_MODEL_API_KEY: "test-key" },
    });
    try {
      await asking.createSession({ sessionId: "ask-1", projectDir: project });
      const w = watch("ask-1", asking);
      const requests: PermissionRequest[] = [];
      let choice = "abort";
      asking.onPermissionRequest("ask-1", async (request) => {
        requests.push(request);
        return { outcome: "selected", optionId: choice };
      });

      const denied = await w.send("scenario:tool-write");
      expect(await denied.end).toMatchObject({ type: "turn_complete", status: "cancelled" });
      expect(requests[0]).toMatchObject({
        toolName: "apply_patch",
        turnId: denied.turnId,
        diff: { newText: "Hello from Liminal Builder\n" },
      });
      expect(requests[0]?.options.map((o) => o.optionId)).toEqual(expect.arrayContaining(["approved", "abort"]));
      expect(existsSync(path.join(project, "hello.txt"))).toBe(false);

      choice = "approved";
      const allowed = await w.send("scenario:tool-write");
      expect(await allowed.end).toMatchObject({ type: "turn_complete", status: "completed" });
      expect(readFileSync(path.join(project, "hello.txt"), "utf8")).toBe("Hello from Liminal Builder\n");
      expect(w.itemsOf(allowed.turnId).find((u) => u.type === "tool_call")).toMatchObject({
        status: "complete",
        toolArguments: { diffs: [{ path: path.join(project, "hello.txt"), newText: "Hello from Liminal Builder\n" }] },
      });
    } finally {
      await asking.dispose();
    }
    expect(codexAcpPids(askingHome)).toEqual([]);
  });
});
