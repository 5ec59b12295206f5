// Integration test: the real Codex CLI (codex-acp over ACP) talks to the OpenAI Responses stand-in.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable, Writable } from "node:stream";
import * as acp from "@agentclientprotocol/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCENARIOS } from "../scenarios/scenarios.js";
import { writeCodexConfig } from "./codex-config.js";
import { type OpenAIServer, startOpenAIServer } from "./server.js";

const CODEX_ACP = path.resolve("node_modules/@zed-industries/codex-acp-linux-x64/bin/codex-acp");

function scenarioText(name: string, step: number): string {
  const block = SCENARIOS[name]?.steps[step]?.blocks.find((b) => b.kind === "text");
  if (block?.kind !== "text") throw new Error(`no text in ${name} step ${step}`);
  return block.text;
}

let server: OpenAIServer;
let root: string;
let project: string;
let child: ChildProcess;
let childExited: Promise<void>;
let connection: acp.ClientConnection;
const updates = new Map<string, acp.SessionUpdate[]>();
let stderr = "";

beforeAll(async () => {
  server = await startOpenAIServer();
  root = mkdtempSync(path.join(os.tmpdir(), "openai-standin-int-"));
  project = path.join(root, "project");
  const home = path.join(root, "home");
  const codexHome = path.join(root, "codex-home");
  mkdirSync(project);
  mkdirSync(home);
  writeFileSync(path.join(project, "README.md"), "# Test project\n");
  writeCodexConfig(codexHome, {
    baseUrl: server.baseUrl,
    approvalPolicy: "on-request",
  });
  // The binary directly, in its own process group: codex-acp ignores stdin close, so it is ended with SIGTERM.
  child = spawn(CODEX_ACP, [], {
    cwd: project,
    detached: true,
    stdio: ["pipe", "pipe", "pipe"],
    env: { CODEX_HOME: codexHome, HOME: home, LOCAL_MODEL_API_KEY: "test", PATH: process.env.PATH ?? "/usr/bin:/bin" },
  });
  childExited = new Promise((resolve) => child.once("exit", () => resolve()));
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  if (!child.stdin || !child.stdout) throw new Error("codex-acp has no stdio");
  connection = acp
    .client({ name: "openai-standin-test" })
    .onNotification("session/update", ({ params }) => {
      const list = updates.get(params.sessionId) ?? [];
      list.push(params.update);
      updates.set(params.sessionId, list);
    })
    .onRequest("session/request_permission", () => ({ outcome: { outcome: "selected", optionId: "approved" } }))
    .connect(acp.ndJsonStream(Writable.toWeb(child.stdin), Readable.toWeb(child.stdout) as ReadableStream<Uint8Array>));
  await connection.agent.request("initialize", { protocolVersion: acp.PROTOCOL_VERSION, clientCapabilities: {} });
});

afterAll(async () => {
  connection?.close();
  if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
    process.kill(-child.pid, "SIGTERM");
    const killer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, "SIGKILL"), 5000);
    await childExited;
    clearTimeout(killer);
  }
  await server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

async function newSession(): Promise<string> {
  const session = await connection.agent.request("session/new", { cwd: project, mcpServers: [] });
  return session.sessionId;
}

function prompt(sessionId: string, text: string): Promise<acp.PromptResponse> {
  return connection.agent.request("session/prompt", { sessionId, prompt: [{ type: "text", text }] });
}

function messageText(sessionId: string): string {
  return (updates.get(sessionId) ?? [])
    .map((update) =>
      update.sessionUpdate === "agent_message_chunk" && update.content.type === "text" ? update.content.text : "",
    )
    .join("");
}

describe("codex-acp against the OpenAI stand-in", () => {
  it("streams the scenario text as agent_message_chunk and ends the turn", async () => {
    const sessionId = await newSession();
    const result = await prompt(sessionId, "Say hello scenario:text");
    expect(result.stopReason, stderr).toBe("end_turn");
    expect(messageText(sessionId)).toBe(scenarioText("text", 0));
  });

  it("runs the exec_command of tool-shell and reports its output in a tool_call_update", async () => {
    const sessionId = await newSession();
    const result = await prompt(sessionId, "scenario:tool-shell");
    expect(result.stopReason, stderr).toBe("end_turn");
    const seen = updates.get(sessionId) ?? [];
    const call = seen.find((update) => update.sessionUpdate === "tool_call");
    expect(call).toMatchObject({ kind: "execute", title: "echo hello-from-tool" });
    const done = seen.filter((update) => update.sessionUpdate === "tool_call_update" && update.status === "completed");
    expect(done.some((update) => JSON.stringify(update).includes("hello-from-tool"))).toBe(true);
    expect(messageText(sessionId)).toBe(scenarioText("tool-shell", 0) + scenarioText("tool-shell", 1));
  });

  it("applies the apply_patch of tool-write to a file in the session folder", async () => {
    const sessionId = await newSession();
    const result = await prompt(sessionId, "scenario:tool-write");
    expect(result.stopReason, stderr).toBe("end_turn");
    expect(readFileSync(path.join(project, "hello.txt"), "utf8")).toBe("Hello from Liminal Builder\n");
    expect(messageText(sessionId)).toBe(scenarioText("tool-write", 1));
  });

  it("turns an HTTP 500 into a JSON-RPC error on session/prompt without retrying", async () => {
    const sessionId = await newSession();
    const before = server.requests.length;
    await expect(prompt(sessionId, "scenario:error-500")).rejects.toMatchObject({ code: -32603 });
    expect(server.requests.length - before).toBe(1);
    const after = await prompt(sessionId, "scenario:text");
    expect(after.stopReason).toBe("end_turn");
  });
});
