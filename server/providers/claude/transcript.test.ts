// Unit tests: every recorded Claude Code transcript fixture reads into valid, completed history (CONTRACTS.md sections 1-2).
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ToolCallUpsert, type UpsertObject, UpsertObjectSchema } from "../../../shared/contracts/index.js";
import { readClaudeTranscript } from "./transcript.js";
import { claudeProjectFolderName, claudeTranscriptPath } from "./transcript-path.js";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const FIXTURES = path.join(
  process.env.LIMINAL_FIXTURES_DIR ?? path.resolve(REPO_ROOT, "../shared/fixtures"),
  "claude-jsonl",
);
const fixture = (relative: string) => path.join(FIXTURES, relative);
const SESSION = "claude-code:test";

async function listJsonl(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".jsonl"))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** The few raw transcript fields the tests cross-check against. */
interface RawBlock {
  type?: string;
  id?: string;
  tool_use_id?: string;
  is_error?: boolean;
}
interface RawRecord {
  type?: string;
  isSidechain?: boolean;
  timestamp?: string;
  message?: { content?: unknown };
}
const blocksOf = (r: RawRecord): RawBlock[] =>
  Array.isArray(r.message?.content) ? (r.message.content as RawBlock[]) : [];
const toolUseIds = (r: RawRecord): string[] =>
  r.type === "assistant" ? blocksOf(r).flatMap((b) => (b.type === "tool_use" && b.id ? [b.id] : [])) : [];

async function rawRecords(file: string): Promise<RawRecord[]> {
  const text = await readFile(file, "utf8");
  return text
    .split("\n")
    .filter((l) => l.trim() && !l.trimStart().startsWith("//"))
    .map((l) => JSON.parse(l));
}

const tools = (history: UpsertObject[]) => history.filter((h): h is ToolCallUpsert => h.type === "tool_call");
const userTexts = (history: UpsertObject[]) =>
  history.filter((h) => h.type === "message" && h.origin === "user").map((h) => (h as { content: string }).content);

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "lb-transcript-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("every Claude transcript fixture", async () => {
  const files = await listJsonl(FIXTURES);
  it("finds the fixtures", () => {
    expect(files.length).toBeGreaterThan(5);
  });
  for (const file of files) {
    it(`reads ${path.relative(FIXTURES, file)} into completed, well-formed history`, async () => {
      const transcript = await readClaudeTranscript(file, { sessionId: SESSION });
      const ids = new Set<string>();
      for (const item of transcript.history) {
        expect(UpsertObjectSchema.safeParse(item).success).toBe(true);
        expect(["complete", "error"]).toContain(item.status);
        expect(item.sessionId).toBe(SESSION);
        expect(ids.has(item.itemId)).toBe(false);
        ids.add(item.itemId);
        if (item.type === "tool_call") {
          expect(item.callId).not.toBe("");
          expect(item.toolName).not.toBe("");
          if (item.status === "error") expect(item.errorCode).toBeTruthy();
          else expect(item.toolOutput).toBeDefined();
        }
      }
      // Every main-chain tool_use of the file is in history, once, with its result when the file has one.
      const records = await rawRecords(file);
      const mainChain = records.filter((r) => r.isSidechain !== true);
      const useIds = mainChain.flatMap(toolUseIds);
      const results = new Map<string, RawBlock>();
      for (const r of mainChain) {
        if (r.type !== "user") continue;
        for (const b of blocksOf(r)) if (b.type === "tool_result" && b.tool_use_id) results.set(b.tool_use_id, b);
      }
      const callIds = tools(transcript.history).map((t) => t.callId);
      expect(callIds).toEqual(expect.arrayContaining(useIds));
      expect(new Set(callIds).size).toBe(callIds.length);
      for (const tool of tools(transcript.history)) {
        const result = results.get(tool.callId);
        if (!result) continue;
        expect(tool.toolOutputIsError === true).toBe(result.is_error === true);
        expect(tool.status).toBe(result.is_error === true ? "error" : "complete");
      }
    });
  }
});

describe("readClaudeTranscript on known content", () => {
  it("renders a Bash call with its output, a failed call flagged, thinking, and per-message ids", async () => {
    const t = await readClaudeTranscript(fixture("agtrace/claude_session.jsonl"), { sessionId: SESSION });
    expect(t.providerSessionId).toBe("7f2abd2d-7cfc-4447-9ddd-3ca8d14e02e9");
    expect(t.cwd).toBe("/Users/test_user/agent-sample");
    expect(t.title).toBe("add myapp directory and create myapp/hoge.py which shows result of print(1+1).");
    const raw = await rawRecords(fixture("agtrace/claude_session.jsonl"));
    const stamps = raw.flatMap((r) => (r.timestamp ? [r.timestamp] : [])).sort();
    expect([t.createdAt, t.lastActiveAt]).toEqual([stamps[0], stamps.at(-1)]);
    const turn = "f370ce0f-84e8-42ab-a6c9-c5d925abd271";
    // One API message (three lines sharing message.id) → thinking, text, tool at block indexes 0, 1, 2 of message 1.
    expect(t.history.slice(0, 4).map((h) => [h.itemId, h.type])).toEqual([
      [`${turn}:user`, "message"],
      [`${turn}:1:0`, "thinking"],
      [`${turn}:1:1`, "message"],
      [`${turn}:1:2`, "tool_call"],
    ]);
    const [mkdir, write, failed] = tools(t.history);
    expect(mkdir).toMatchObject({ toolName: "Bash", toolArguments: { command: "mkdir -p myapp" }, status: "complete" });
    expect(write?.toolOutput).toContain("File created successfully");
    expect(failed).toMatchObject({
      toolName: "Bash",
      toolArguments: { command: "cd myapp && python hoge.py" },
      status: "error",
      toolOutputIsError: true,
      toolOutput: "error: target shim binary not found",
    });
    const thinking = t.history.filter((h) => h.type === "thinking");
    expect(thinking).toHaveLength(6);
    expect(thinking[0]).toMatchObject({ providerId: "claude-code" });
    expect((thinking[0] as { content: string }).content).toContain("The user wants me to");
    // The caveat (meta) and the command's output are not messages; the /exit command is.
    expect(userTexts(t.history)).toEqual([
      "add myapp directory and create myapp/hoge.py which shows result of print(1+1).",
      "cd to myapp and run python hoge.py",
      "/exit",
    ]);
    expect(t.history.every((h) => h.sourceTimestamp.endsWith("Z") && h.emittedAt === h.sourceTimestamp)).toBe(true);
  });

  it("skips sidechain (sub-agent) lines and attaches the Task results to the main chain's calls", async () => {
    const file = fixture("claude-code-viewer/5c0375b4-57a5-4f26-b12d-d022ee4e51b7.jsonl");
    const t = await readClaudeTranscript(file, { sessionId: SESSION });
    const records = await rawRecords(file);
    const sidechainUses = records.filter((r) => r.isSidechain === true).flatMap(toolUseIds);
    expect(sidechainUses.length).toBeGreaterThan(0);
    const callIds = tools(t.history).map((x) => x.callId);
    for (const id of sidechainUses) expect(callIds).not.toContain(id);
    expect(userTexts(t.history)).toEqual(["/orchestrator @CLAUDE.md を最新の状態にアップデートしてください"]);
    const tasks = tools(t.history).filter((x) => x.toolName === "Task");
    expect(tasks.map((x) => x.status)).toEqual(["error", "complete", "complete"]);
    expect(tasks[1]?.toolOutput).toContain("Package.json Analysis Summary");
  });

  it("keeps one API message's ordinal across a tool result written between its lines", async () => {
    const t = await readClaudeTranscript(fixture("spotter/tool_heavy.jsonl"), { sessionId: SESSION });
    const read = tools(t.history).find((x) => x.toolName === "Read");
    const fetch = tools(t.history).find((x) => x.toolName === "WebFetch");
    expect(read?.turnId).toBe(fetch?.turnId);
    expect(read?.itemId).toBe(`${read?.turnId}:2:0`);
    expect(fetch?.itemId).toBe(`${read?.turnId}:2:1`);
    // "[Request interrupted by user]" markers and local-command caveats/outputs are not user messages.
    expect(userTexts(t.history)).toEqual([
      "start phoenix in background",
      "/mcp",
      "scrolling back in xterm.js still does not work (maybe because outer web catches it)? websearch xterm.js tmux interactions",
    ]);
  });

  it("uses the CLI's summary as title and shows background task notices as system messages", async () => {
    const file = fixture("session-share/projects/0ccf1a04-1b4c-43b6-8aa5-79e41db43a68.jsonl");
    const t = await readClaudeTranscript(file, { sessionId: SESSION });
    expect(t.title).toBe("Spawn curry poem agents, write sushi");
    const notices = t.history.filter((h) => h.type === "message" && h.origin === "system");
    expect(notices.map((n) => (n as { content: string }).content)).toEqual([
      'Agent "Poem about Thai red curry" completed',
      'Agent "Poem about Thai yellow curry" completed',
      'Agent "Poem about Thai green curry" completed',
    ]);
    // Expanded slash-command prompts (isMeta) are not shown; the command is.
    expect(JSON.stringify(t.history)).not.toContain("Publish the current session transcript by running");
    expect(userTexts(t.history)).toContain("/publish-session");
  });

  it("flags tool uses the user rejected as errors carrying the CLI's message", async () => {
    const t = await readClaudeTranscript(fixture("spotter/short.jsonl"), { sessionId: SESSION });
    const calls = tools(t.history);
    expect(calls.map((c) => [c.toolName, c.status, c.toolOutputIsError])).toEqual([
      ["Bash", "error", true],
      ["Glob", "error", true],
    ]);
    expect(calls[0]?.toolOutput).toContain("doesn't want to proceed");
  });

  it("yields no history for a file that holds only sidechain lines", async () => {
    const t = await readClaudeTranscript(fixture("agtrace/claude_agent.jsonl"), { sessionId: SESSION });
    expect(t.history).toEqual([]);
    expect(t.title).toBeUndefined();
  });

  it("skips lines that are not JSON and a cut-off last line", async () => {
    const original = fixture("claude-reliability/coverage-test-fix.transcript.jsonl");
    const text = await readFile(original, "utf8");
    const copy = path.join(tmp, "commented.jsonl");
    await writeFile(copy, `// recorded by hand\n// second comment\n${text}\nnot json at all\n{"type":"user","mess`);
    const clean = await readClaudeTranscript(original, { sessionId: SESSION });
    const noisy = await readClaudeTranscript(copy, { sessionId: SESSION });
    expect(noisy.history).toEqual(clean.history);
    expect(noisy.providerSessionId).toBe("c64cc478-3430-40fe-8e9c-4ee9986e9754");
  });

  it("renders each duplicated record once, ends result-less tool calls as cancelled, and keeps orphan results", async () => {
    const lines = [
      {
        type: "user",
        uuid: "u1",
        sessionId: "abc",
        cwd: "/p",
        timestamp: "2026-01-01T00:00:00Z",
        message: { role: "user", content: "hi" },
      },
      {
        type: "assistant",
        uuid: "a1",
        timestamp: "2026-01-01T00:00:01Z",
        message: { id: "m1", content: [{ type: "tool_use", id: "t1", name: "Bash", input: { command: "ls" } }] },
      },
      {
        type: "assistant",
        uuid: "a1",
        timestamp: "2026-01-01T00:00:01Z",
        message: { id: "m1", content: [{ type: "tool_use", id: "t1", name: "Bash", input: { command: "ls" } }] },
      },
      {
        type: "user",
        uuid: "r1",
        timestamp: "2026-01-01T00:00:02Z",
        message: {
          content: [{ type: "tool_result", tool_use_id: "ghost", content: [{ type: "text", text: "late" }] }],
        },
      },
      { type: "custom-title", customTitle: "My renamed session", sessionId: "abc" },
      { type: "system", subtype: "compact_boundary", uuid: "c1", timestamp: "2026-01-01T00:00:03Z" },
      {
        type: "user",
        uuid: "u2",
        isCompactSummary: true,
        timestamp: "2026-01-01T00:00:04Z",
        message: { content: "This session is being continued" },
      },
    ];
    const file = path.join(tmp, "11111111-2222-4333-8444-555555555555.jsonl");
    await writeFile(file, lines.map((l) => JSON.stringify(l)).join("\n"));
    const t = await readClaudeTranscript(file, { sessionId: SESSION });
    expect(t.providerSessionId).toBe("11111111-2222-4333-8444-555555555555");
    expect(t.title).toBe("My renamed session");
    expect(t.lastActiveAt).toBe("2026-01-01T00:00:04.000Z");
    expect(t.history.map((h) => [h.itemId, h.status])).toEqual([
      ["u1:user", "complete"],
      ["u1:1:0", "error"],
      ["u1:tool:ghost", "complete"],
    ]);
    expect(t.history[1]).toMatchObject({ errorCode: "CANCELLED" });
    expect(t.history[2]).toMatchObject({ toolName: "unknown", callId: "ghost", toolOutput: "late" });
  });

  it("gives every tool_result without a tool_use_id its own unknown tool item, so none is lost", async () => {
    const result = (uuid: string, second: number, block: Record<string, unknown>) => ({
      type: "user",
      uuid,
      timestamp: `2026-01-01T00:00:0${second}Z`,
      message: { role: "user", content: [{ type: "tool_result", ...block }] },
    });
    const lines = [
      { type: "user", uuid: "u1", timestamp: "2026-01-01T00:00:00Z", message: { role: "user", content: "hi" } },
      result("r1", 1, { content: "first output" }),
      result("r2", 2, { tool_use_id: "", content: [{ type: "text", text: "second output" }] }),
      result("r3", 3, { content: "third failed", is_error: true }),
    ];
    const file = path.join(tmp, "no-tool-use-id.jsonl");
    await writeFile(file, lines.map((l) => JSON.stringify(l)).join("\n"));
    const t = await readClaudeTranscript(file, { sessionId: SESSION });
    const calls = tools(t.history);
    expect(calls.map((c) => [c.toolName, c.status, c.toolOutput])).toEqual([
      ["unknown", "complete", "first output"],
      ["unknown", "complete", "second output"],
      ["unknown", "error", "third failed"],
    ]);
    expect(new Set(calls.map((c) => c.itemId)).size).toBe(3);
    for (const c of calls) {
      expect(c.callId).not.toBe("");
      expect(UpsertObjectSchema.safeParse(c).success).toBe(true);
    }
  });
});

describe("transcript locations", () => {
  it("maps a project path to Claude Code's folder name and transcript path", () => {
    expect(claudeProjectFolderName("/Users/pete/tmp/claude-code.sessions_2")).toBe(
      "-Users-pete-tmp-claude-code-sessions-2",
    );
    expect(claudeTranscriptPath("/cfg", "/home/a b/x", "id-1")).toBe("/cfg/projects/-home-a-b-x/id-1.jsonl");
  });
});
