// Unit tests: every recorded Codex rollout fixture reads into valid, completed history (CONTRACTS.md sections 1-2).
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ToolCallUpsert, type UpsertObject, UpsertObjectSchema } from "../../../shared/contracts/index.js";
import { fixturesDir } from "../../../testing/fixtures/index.js";
import { readCodexRollout } from "./rollout.js";

const FIXTURES = path.join(fixturesDir(), "codex-rollouts");
const AGTRACE = path.join(FIXTURES, "agtrace/codex_session.jsonl");
const SESSION_VIEW = path.join(
  FIXTURES,
  "codex-session-view/rollout-2025-11-17T15-30-28-019a93b9-f380-7600-98ff-940e6b99603c.jsonl",
);
const LOCALPUSH = path.join(
  FIXTURES,
  "localpush/rollout-2026-02-23T20-34-25-019c8bfe-ec25-79e0-97d7-bda6a9c575ff.jsonl",
);
const SESSION = "codex:test";

/** The raw record fields the tests cross-check against. */
interface RawRecord {
  type?: string;
  payload?: {
    type?: string;
    role?: string;
    call_id?: string;
    content?: { text?: string }[];
    summary?: { text?: string }[];
  };
}

async function rawRecords(file: string): Promise<RawRecord[]> {
  return (await readFile(file, "utf8"))
    .split("\n")
    .filter((l) => l.trim().startsWith("{"))
    .map((l) => JSON.parse(l) as RawRecord);
}

const tools = (history: UpsertObject[]) => history.filter((h): h is ToolCallUpsert => h.type === "tool_call");
const texts = (history: UpsertObject[], origin: string) =>
  history.filter((h) => h.type === "message" && h.origin === origin).map((h) => (h as { content: string }).content);

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "lb-rollout-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("every Codex rollout fixture", async () => {
  const entries = await readdir(FIXTURES, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && e.name.endsWith(".jsonl"))
    .map((e) => path.join(e.parentPath, e.name));
  it("finds the fixtures", () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });
  for (const file of files.sort()) {
    it(`reads ${path.relative(FIXTURES, file)} into completed, well-formed history`, async () => {
      const rollout = await readCodexRollout(file, { sessionId: SESSION });
      const ids = new Set<string>();
      for (const item of rollout.history) {
        expect(UpsertObjectSchema.safeParse(item).success).toBe(true);
        expect(["complete", "error"]).toContain(item.status);
        expect(item.sessionId).toBe(SESSION);
        expect(ids.has(item.itemId)).toBe(false);
        ids.add(item.itemId);
        if (item.type === "tool_call") {
          expect(item.callId).not.toBe("");
          expect(item.toolName).not.toBe("");
          expect(item.itemId).toBe(`${item.turnId}:tool:${item.callId}`);
        }
      }
      const records = await rawRecords(file);
      const meta = records.find((r) => r.type === "session_meta")?.payload as { id?: string; cwd?: string };
      expect(rollout.providerSessionId).toBe(meta.id);
      expect(rollout.cwd).toBe(meta.cwd);
      // Every call is there once with its output attached (none of these fixtures has an unanswered call).
      const calls = records.filter(
        (r) => r.payload?.type === "function_call" || r.payload?.type === "custom_tool_call",
      );
      expect(tools(rollout.history).map((t) => t.callId)).toEqual(calls.map((c) => c.payload?.call_id));
      for (const tool of tools(rollout.history)) expect(tool.toolOutput).toBeDefined();
      // The event_msg copies are not rendered: each assistant text and reasoning summary appears exactly once.
      const rendered = JSON.stringify(rollout.history.map((h) => (h.type === "tool_call" ? "" : h.content)));
      for (const r of records) {
        const p = r.payload;
        const text =
          p?.type === "message" && p.role === "assistant"
            ? p.content?.[0]?.text
            : p?.type === "reasoning"
              ? p.summary?.[0]?.text
              : undefined;
        if (text) expect(rendered.split(JSON.stringify(text).slice(1, -1)).length - 1).toBe(1);
      }
    });
  }
});

describe("readCodexRollout on known content", () => {
  it("renders the response_item stream: real user turns, reasoning, shell calls with exit codes, apply_patch", async () => {
    const r = await readCodexRollout(AGTRACE, { sessionId: SESSION });
    expect(r.title).toBe("add myapp directory and create myapp/hoge.py which shows result of print(1+1).");
    expect(r.createdAt).toBe("2025-12-09T19:55:16.295Z");
    expect(texts(r.history, "user")).toEqual([
      "add myapp directory and create myapp/hoge.py which shows result of print(1+1).",
      "cd to myapp and run python hoge.py",
    ]);
    expect(JSON.stringify(r.history)).not.toContain("<environment_context>");
    const turn1 = "019b04ae-b1c6-7c72-a134-a4c2de66058c:turn:1";
    expect(r.history.slice(0, 3).map((h) => h.itemId)).toEqual([
      `${turn1}:user`,
      `${turn1}:1`,
      `${turn1}:tool:call_DyhFJrJJb2y0MiOOHVP7KaVG`,
    ]);
    expect(r.history[1]).toMatchObject({ type: "thinking", providerId: "codex" });
    const patch = tools(r.history).find((t) => t.toolName === "apply_patch");
    expect(patch?.toolArguments.patch).toContain("*** Add File: myapp/hoge.py");
    expect(patch).toMatchObject({ status: "complete", kind: "edit" });
    expect(patch?.toolOutput).toBe("Success. Updated the following files:\nA myapp/hoge.py\n");
    const shells = tools(r.history).filter((t) => t.toolName === "shell_command");
    expect(shells.map((s) => [s.toolArguments.command, s.status, s.toolOutputIsError === true])).toEqual([
      ["mkdir -p myapp", "complete", false],
      ["python hoge.py", "error", true],
      ["python hoge.py", "error", true],
      ["python3 hoge.py", "complete", false],
    ]);
    expect(shells[1]?.toolOutput).toContain("Exit code: 1");
  });

  it("parses argv shell calls and JSON outputs whose metadata carries the exit code", async () => {
    const r = await readCodexRollout(SESSION_VIEW, { sessionId: SESSION });
    const calls = tools(r.history);
    const shells = calls.filter((c) => c.toolName === "shell");
    expect(shells.length).toBe(37);
    expect(shells.every((c) => Array.isArray(c.toolArguments.command) && c.kind === "execute")).toBe(true);
    const plan = calls.find((c) => c.toolName === "update_plan");
    expect(Array.isArray(plan?.toolArguments.plan)).toBe(true);
    expect(calls[0]?.toolArguments.command).toEqual(["bash", "-lc", "ls"]);
    expect(calls[0]?.toolOutput?.startsWith("LM Studio configuration.md\n")).toBe(true);
    const failed = calls.filter((c) => c.status === "error");
    expect(failed).toHaveLength(3);
    expect(failed[0]).toMatchObject({ toolOutputIsError: true, errorMessage: "Exit code 2" });
    expect(failed[0]?.toolOutput).toContain("ls: cannot access 'lib/ai'");
    expect(texts(r.history, "user")).toHaveLength(1);
  });

  it("skips injected context even when its text is unrecognisable (only typed input has a user_message event)", async () => {
    const r = await readCodexRollout(LOCALPUSH, { sessionId: SESSION });
    expect(texts(r.history, "user")).toEqual(["[REDACTED_TEXT len=98 sha=c002ff99]"]);
    expect(r.history[0]?.itemId).toBe("019c8bfe-ec25-79e0-97d7-bda6a9c575ff:turn:1:user");
    expect(r.history.every((h) => h.turnId === "019c8bfe-ec25-79e0-97d7-bda6a9c575ff:turn:1")).toBe(true);
    expect(JSON.stringify(r.history)).not.toContain("len=4508"); // a developer message
  });

  it("skips // comment lines, compaction records and a cut-off last line", async () => {
    const text = await readFile(AGTRACE, "utf8");
    const copy = path.join(tmp, "rollout-2025-12-09T20-55-16-019b04ae-b1c6-7c72-a134-a4c2de66058c.jsonl");
    const compacted = JSON.stringify({
      timestamp: "2025-12-09T19:55:40.000Z",
      type: "compacted",
      payload: { message: "summary of the conversation", replacement_history: [] },
    });
    const lines = text.trimEnd().split("\n");
    lines.splice(24, 0, compacted);
    await writeFile(copy, `// copied from a public repo\n// second line\n${lines.join("\n")}\n{"type":"respo`);
    const clean = await readCodexRollout(AGTRACE, { sessionId: SESSION });
    const noisy = await readCodexRollout(copy, { sessionId: SESSION });
    expect(noisy.history).toEqual(clean.history);
    expect(JSON.stringify(noisy.history)).not.toContain("summary of the conversation");
  });

  it("handles exec_command, plain outputs, merged reasoning runs, a call written twice and calls that never got a result", async () => {
    const at = (s: number) => `2026-03-01T10:00:${String(s).padStart(2, "0")}.000Z`;
    const item = (s: number, payload: object) => ({ timestamp: at(s), type: "response_item", payload });
    const lines = [
      { timestamp: at(0), type: "session_meta", payload: { id: "sess-9", cwd: "/w", timestamp: at(0) } },
      item(1, {
        type: "message",
        role: "user",
        content: [{ type: "input_text", text: "# AGENTS.md instructions for /w" }],
      }),
      item(2, { type: "message", role: "user", content: [{ type: "input_text", text: "run the tests\nplease" }] }),
      item(3, { type: "reasoning", summary: [{ type: "summary_text", text: "first" }] }),
      item(4, { type: "reasoning", summary: [], content: [{ type: "reasoning_text", text: "second" }] }),
      item(5, { type: "function_call", name: "exec_command", call_id: "c1", arguments: '{"cmd":"npm test"}' }),
      item(5, { type: "function_call", name: "exec_command", call_id: "c1", arguments: '{"cmd":"npm test"}' }),
      item(6, { type: "function_call_output", call_id: "c1", output: "all green" }),
      item(7, { type: "function_call", name: "exec_command", call_id: "c2", arguments: "not json" }),
      item(8, { type: "function_call_output", call_id: "zz", output: { content: "boom", success: false } }),
    ];
    const file = path.join(tmp, "synthetic.jsonl");
    await writeFile(file, lines.map((l) => JSON.stringify(l)).join("\n"));
    const r = await readCodexRollout(file, { sessionId: SESSION });
    expect(r.title).toBe("run the tests");
    expect(r.lastActiveAt).toBe(at(8));
    expect(r.history.map((h) => [h.itemId, h.type, h.status])).toEqual([
      ["sess-9:turn:1:user", "message", "complete"],
      ["sess-9:turn:1:1", "thinking", "complete"],
      ["sess-9:turn:1:tool:c1", "tool_call", "complete"],
      ["sess-9:turn:1:tool:c2", "tool_call", "error"],
      ["sess-9:turn:1:tool:zz", "tool_call", "error"],
    ]);
    expect(r.history[1]).toMatchObject({ content: "first\n\nsecond", sourceTimestamp: at(4) });
    expect(r.history[2]).toMatchObject({
      toolArguments: { cmd: "npm test" },
      toolOutput: "all green",
      kind: "execute",
    });
    expect(r.history[3]).toMatchObject({ toolArguments: { raw: "not json" }, errorCode: "CANCELLED" });
    expect(r.history[4]).toMatchObject({ toolName: "unknown", toolOutput: "boom", toolOutputIsError: true });
  });

  it("gives every output without a call_id its own unknown tool item, so none is lost", async () => {
    const at = (s: number) => `2026-03-01T10:00:0${s}.000Z`;
    const item = (s: number, payload: object) => ({ timestamp: at(s), type: "response_item", payload });
    const lines = [
      { timestamp: at(0), type: "session_meta", payload: { id: "sess-nc", cwd: "/w" } },
      item(1, { type: "message", role: "user", content: [{ type: "input_text", text: "go" }] }),
      item(2, { type: "function_call_output", output: "first output" }),
      item(3, { type: "custom_tool_call_output", call_id: "", output: "second output" }),
      item(4, { type: "function_call_output", output: { content: "third failed", success: false } }),
    ];
    const file = path.join(tmp, "no-call-id.jsonl");
    await writeFile(file, lines.map((l) => JSON.stringify(l)).join("\n"));
    const r = await readCodexRollout(file, { sessionId: SESSION });
    const calls = tools(r.history);
    expect(calls.map((c) => [c.toolName, c.status, c.toolOutput])).toEqual([
      ["unknown", "complete", "first output"],
      ["unknown", "complete", "second output"],
      ["unknown", "error", "third failed"],
    ]);
    expect(new Set(calls.map((c) => c.itemId)).size).toBe(3);
    for (const c of calls) {
      expect(c.callId).not.toBe("");
      expect(c.itemId).toBe(`${c.turnId}:tool:${c.callId}`);
      expect(UpsertObjectSchema.safeParse(c).success).toBe(true);
    }
  });

  it("starts a turn for a message that holds only an image", async () => {
    const at = "2026-03-01T10:00:00.000Z";
    const lines = [
      { timestamp: at, type: "session_meta", payload: { id: "sess-img", cwd: "/w" } },
      {
        timestamp: at,
        type: "response_item",
        payload: { type: "message", role: "user", content: [{ type: "input_text", text: "hello" }] },
      },
      { timestamp: at, type: "event_msg", payload: { type: "user_message", message: "hello", images: [] } },
      {
        timestamp: at,
        type: "response_item",
        payload: { type: "message", role: "assistant", content: [{ type: "output_text", text: "hi" }] },
      },
      {
        timestamp: at,
        type: "response_item",
        payload: {
          type: "message",
          role: "user",
          content: [{ type: "input_image", image_url: "data:image/png;base64,AA" }],
        },
      },
      {
        timestamp: at,
        type: "event_msg",
        payload: { type: "user_message", message: "", images: ["data:image/png;base64,AA"] },
      },
      {
        timestamp: at,
        type: "response_item",
        payload: { type: "message", role: "assistant", content: [{ type: "output_text", text: "a cat" }] },
      },
    ];
    const file = path.join(tmp, "image.jsonl");
    await writeFile(file, lines.map((l) => JSON.stringify(l)).join("\n"));
    const r = await readCodexRollout(file, { sessionId: SESSION });
    expect(r.history.map((h) => [h.itemId, h.type === "tool_call" ? "" : h.content])).toEqual([
      ["sess-img:turn:1:user", "hello"],
      ["sess-img:turn:1:1", "hi"],
      ["sess-img:turn:2:user", "[image]"], // "AA" is no image: shown as unreadable (real ones: user-content.test.ts)
      ["sess-img:turn:2:1", "a cat"],
    ]);
  });
});
