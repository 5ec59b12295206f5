// Integration tests (real CLIs against the local stand-ins): the ACP baselines measure what they claim and leave
// no process behind.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type AnthropicServer, startAnthropicServer } from "../../testing/anthropic/server.js";
import { type OpenAIServer, startOpenAIServer } from "../../testing/openai/server.js";
import { recordCodexHistory } from "../fixtures/make-codex-history.js";
import { MARKER_ENV } from "../lib/check.js";
import { isolatedDirs } from "../lib/cli-env.js";
import { describeProcess, findOrphans } from "../lib/process-table.js";
import { newRunId } from "../lib/runner.js";
import { measureClaudeAcpStartup } from "./claude-acp-client.js";
import { measureCodexLoad } from "./codex-load-client.js";

const runId = newRunId();
const env = { [MARKER_ENV]: runId };
let root: string;
let anthropic: AnthropicServer;
let openai: OpenAIServer;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), `lb-baselines-${runId}-`));
  anthropic = await startAnthropicServer();
  openai = await startOpenAIServer();
});

afterEach(() => {
  for (const info of findOrphans(runId)) process.kill(info.pid, "SIGKILL");
});

afterAll(async () => {
  await anthropic?.close();
  await openai?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe("measureClaudeAcpStartup", () => {
  it("times spawn → first agent text of Claude Code through claude-agent-acp, then ends the adapter and the CLI", async () => {
    const sample = await measureClaudeAcpStartup({
      repoRoot: process.cwd(),
      baseUrl: anthropic.url,
      dirs: isolatedDirs(path.join(root, "claude")),
      env,
    });
    expect(sample.initializeMs).toBeLessThan(sample.sessionNewMs);
    expect(sample.sessionNewMs).toBeLessThan(sample.firstTokenMs);
    expect(sample.firstTokenMs).toBeLessThanOrEqual(sample.turnEndMs);
    expect(anthropic.requests.some((request) => request.kind === "turn")).toBe(true);
    expect(findOrphans(runId).map(describeProcess)).toEqual([]);
  });
});

describe("recordCodexHistory + measureCodexLoad", () => {
  it("loads a recorded session with session/load, replaying every turn before the answer, then ends codex-acp", async () => {
    const history = await recordCodexHistory(process.cwd(), path.join(root, "codex"), { turns: 3, env });
    expect(findOrphans(runId).map(describeProcess)).toEqual([]);
    const sample = await measureCodexLoad(process.cwd(), history, { env });
    expect(sample.replayed.user_message_chunk).toBe(3);
    expect(sample.replayed.agent_message_chunk).toBeGreaterThanOrEqual(3);
    expect(sample.lastUpdateMs).toBeLessThanOrEqual(sample.loadedMs);
    expect(sample.loadOnlyMs).toBeLessThan(sample.loadedMs);
    expect(findOrphans(runId).map(describeProcess)).toEqual([]);
  });

  it("fails the load of a session id codex-acp does not know", async () => {
    const history = await recordCodexHistory(process.cwd(), path.join(root, "codex-unknown"), { turns: 1, env });
    const unknown = { ...history, sessionId: "00000000-0000-7000-8000-000000000000" };
    await expect(measureCodexLoad(process.cwd(), unknown, { env })).rejects.toBeDefined();
    expect(findOrphans(runId).map(describeProcess)).toEqual([]);
  });
});
