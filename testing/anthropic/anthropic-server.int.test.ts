// Integration tests: the real Claude Code CLI (through the Claude Agent SDK) talking to the Anthropic stand-in.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Query, SDKMessage, SDKResultMessage } from "@anthropic-ai/claude-agent-sdk";
import { query } from "@anthropic-ai/claude-agent-sdk";
import { afterEach, beforeEach, expect, it } from "vitest";
import { SCENARIOS } from "../scenarios/scenarios.js";
import type { AnthropicServer } from "./server.js";
import { startAnthropicServer } from "./server.js";

let server: AnthropicServer;
let home: string;
let cwd: string;
let running: Query | undefined;

beforeEach(async () => {
  server = await startAnthropicServer();
  home = await mkdtemp(path.join(os.tmpdir(), "lb-anthropic-home-"));
  cwd = await mkdtemp(path.join(os.tmpdir(), "lb-anthropic-cwd-"));
});

afterEach(async () => {
  running?.close();
  running = undefined;
  await server.close();
  await rm(home, { recursive: true, force: true });
  await rm(cwd, { recursive: true, force: true });
});

/** Runs one single-message turn of the real CLI against the stand-in and returns every SDK message. */
async function runTurn(prompt: string): Promise<{ messages: SDKMessage[]; result: SDKResultMessage }> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    ANTHROPIC_BASE_URL: server.url,
    ANTHROPIC_API_KEY: "test",
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
    DISABLE_TELEMETRY: "1",
    DISABLE_AUTOUPDATER: "1",
    DISABLE_ERROR_REPORTING: "1",
    CLAUDE_CODE_MAX_RETRIES: "0",
    CLAUDE_CONFIG_DIR: path.join(home, ".claude"),
    HOME: home,
    CLAUDE_CODE_TMPDIR: home,
  };
  running = query({
    prompt,
    options: {
      cwd,
      env,
      permissionMode: "default",
      canUseTool: async (_tool, input) => ({ behavior: "allow", updatedInput: input }),
    },
  });
  const messages: SDKMessage[] = [];
  for await (const message of running) {
    messages.push(message);
    if (message.type === "result") return { messages, result: message };
  }
  throw new Error(`The CLI ended without a result: ${JSON.stringify(messages.map((m) => m.type))}`);
}

function resultText(result: SDKResultMessage): string | undefined {
  return result.subtype === "success" ? result.result : undefined;
}

function finalText(name: string): string {
  const last = SCENARIOS[name]?.steps.at(-1)?.blocks[0];
  return last?.kind === "text" ? last.text : "";
}

it("answers a plain Claude Code turn with the scenario text", async () => {
  const { result } = await runTurn("Say hello. scenario:text");
  expect(result.is_error).toBe(false);
  expect(resultText(result)).toBe(finalText("text"));
  expect(server.requests.filter((r) => r.kind === "turn")).toHaveLength(1);
});

it("makes Claude Code run Bash and answers the follow-up request that carries the tool result", async () => {
  const { messages, result } = await runTurn("scenario:tool-shell");
  expect(resultText(result)).toBe(finalText("tool-shell"));
  const toolUse = messages.some(
    (m) => m.type === "assistant" && m.message.content.some((b) => b.type === "tool_use" && b.name === "Bash"),
  );
  expect(toolUse).toBe(true);
  const turns = server.requests.filter((r) => r.kind === "turn");
  expect(turns).toHaveLength(2);
  const lastBody = turns[1]?.body as { messages?: { role: string; content: unknown }[] } | undefined;
  const lastMessages = lastBody?.messages ?? [];
  const toolResults = lastMessages
    .filter((m) => m.role === "user" && Array.isArray(m.content))
    .flatMap((m) => m.content as { type: string }[])
    .filter((b) => b.type === "tool_result");
  expect(JSON.stringify(toolResults.at(-1))).toContain("hello-from-tool");
});

it("resolves a relative Write path against the working directory Claude Code states", async () => {
  const { result } = await runTurn("scenario:tool-write");
  expect(resultText(result)).toBe(finalText("tool-write"));
  expect(await readFile(path.join(cwd, "hello.txt"), "utf8")).toBe("Hello from Liminal Builder\n");
});
