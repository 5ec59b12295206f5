// Unit tests: codex-acp session/update sequences (shaped like CLI-NOTES.md) become the right upserts; the lifecycle
// both providers share (cancel, crash, orphan results, unknown kinds) is in ../turn-contract.test.ts.
import type { SessionUpdate } from "@agentclientprotocol/sdk";
import { describe, expect, it } from "vitest";
import type { ToolCallUpsert, UpsertObject } from "../../../shared/contracts/index.js";
import { TurnTranslator } from "./translator.js";

const text = (sessionUpdate: "agent_message_chunk" | "agent_thought_chunk", t: string): SessionUpdate => ({
  sessionUpdate,
  content: { type: "text", text: t },
});
const shellCall: SessionUpdate = {
  sessionUpdate: "tool_call",
  toolCallId: "call_1",
  title: "echo hi",
  kind: "execute",
  status: "in_progress",
  rawInput: { command: ["/bin/bash", "-lc", "echo hi"], cwd: "/p" },
};
const shellDone: SessionUpdate = {
  sessionUpdate: "tool_call_update",
  toolCallId: "call_1",
  status: "completed",
  rawOutput: { stdout: "hi\n", stderr: "", exit_code: 0, formatted_output: "hi\n" },
};

function translate(updates: SessionUpdate[], end: (t: TurnTranslator) => void = (t) => t.complete()) {
  const out: UpsertObject[] = [];
  const translator = new TurnTranslator({
    sessionId: "s1",
    turnId: "t1",
    emit: (u) => out.push(u),
    batching: { timeCapMs: 0 },
  });
  for (const update of updates) translator.apply(update);
  end(translator);
  return { out, translator };
}

/** The terminal upsert of each item, in first-appearance order. */
function finals(out: UpsertObject[]): UpsertObject[] {
  const byId = new Map<string, UpsertObject>();
  for (const u of out) byId.set(u.itemId, u);
  return [...byId.values()];
}

describe("TurnTranslator", () => {
  it("streams message chunks as one item that creates early and completes with the full text", () => {
    const { out } = translate([text("agent_message_chunk", "Hello "), text("agent_message_chunk", "world.")]);
    expect(out.map((u) => [u.itemId, u.status, u.type === "message" ? u.content : ""])).toEqual([
      ["t1:1", "create", "Hello "],
      ["t1:1", "complete", "Hello world."],
    ]);
    expect(out[0]).toMatchObject({ type: "message", origin: "agent", sessionId: "s1", turnId: "t1" });
  });

  it("makes thoughts a thinking item and a new item whenever the kind changes", () => {
    const { out } = translate([
      text("agent_thought_chunk", "Let me think."),
      text("agent_message_chunk", "Answer."),
      text("agent_thought_chunk", "More thought."),
    ]);
    expect(finals(out).map((u) => [u.itemId, u.type, u.status])).toEqual([
      ["t1:1", "thinking", "complete"],
      ["t1:2", "message", "complete"],
      ["t1:3", "thinking", "complete"],
    ]);
    expect(out[0]).toMatchObject({ type: "thinking", providerId: "codex", content: "Let me think." });
  });

  it("runs a tool call from create to complete with its arguments and output, and starts new text after it", () => {
    const { out } = translate([
      text("agent_message_chunk", "Running."),
      shellCall,
      shellDone,
      text("agent_message_chunk", "Done."),
    ]);
    expect(out.map((u) => [u.itemId, u.status])).toEqual([
      ["t1:1", "create"],
      ["t1:1", "complete"],
      ["t1:tool:call_1", "create"],
      ["t1:tool:call_1", "complete"],
      ["t1:2", "create"],
      ["t1:2", "complete"],
    ]);
    const tool = out[3] as ToolCallUpsert;
    expect(tool).toMatchObject({
      type: "tool_call",
      callId: "call_1",
      toolName: "exec_command",
      title: "echo hi",
      kind: "execute",
      toolArguments: { command: ["/bin/bash", "-lc", "echo hi"], cwd: "/p" },
      toolOutput: "hi\n",
    });
    expect(tool.toolOutputIsError).toBeUndefined();
  });

  it("keeps edit diffs in toolArguments.diffs", () => {
    const { out } = translate([
      {
        sessionUpdate: "tool_call",
        toolCallId: "e1",
        title: "Edit /p/hello.txt",
        kind: "edit",
        status: "in_progress",
        content: [{ type: "diff", path: "/p/hello.txt", oldText: "Hello", newText: "Goodbye" }],
        rawInput: { changes: {} },
      },
      {
        sessionUpdate: "tool_call_update",
        toolCallId: "e1",
        status: "completed",
        rawOutput: { stdout: "Success. Updated the following files:\nM hello.txt\n", success: true },
      },
    ]);
    expect(out.at(-1)).toMatchObject({
      status: "complete",
      toolName: "apply_patch",
      toolArguments: { changes: {}, diffs: [{ path: "/p/hello.txt", oldText: "Hello", newText: "Goodbye" }] },
      toolOutput: "Success. Updated the following files:\nM hello.txt\n",
    });
  });

  it("ends a failed tool call with error, TOOL_FAILED and its output marked as an error", () => {
    const { out } = translate([
      shellCall,
      {
        sessionUpdate: "tool_call_update",
        toolCallId: "call_1",
        status: "failed",
        content: [{ type: "content", content: { type: "text", text: "```sh\nboom\n```" } }],
      },
    ]);
    expect(out.at(-1)).toMatchObject({
      status: "error",
      errorCode: "TOOL_FAILED",
      toolOutput: "boom",
      toolOutputIsError: true,
    });
  });

  it("emits nothing after an item's terminal upsert", () => {
    const { out } = translate([
      shellCall,
      shellDone,
      { ...shellDone, rawOutput: { stdout: "again" } } as SessionUpdate,
    ]);
    expect(out.filter((u) => u.itemId === "t1:tool:call_1").map((u) => u.status)).toEqual(["create", "complete"]);
  });

  it("keeps the latest usage_update and ignores other updates", () => {
    const { out, translator } = translate([
      { sessionUpdate: "available_commands_update", availableCommands: [] },
      { sessionUpdate: "usage_update", used: 100, size: 1000 },
      { sessionUpdate: "usage_update", used: 150, size: 1000 },
    ]);
    expect(out).toEqual([]);
    expect(translator.usage).toMatchObject({ used: 150, size: 1000 });
  });

  it("batches a long message into create, updates past the gradient, and complete", () => {
    const words = Array.from({ length: 40 }, (_, i) => `w${i} `);
    const { out } = translate(words.map((w) => text("agent_message_chunk", w)));
    expect(out.map((u) => u.status)).toEqual(["create", "update", "update", "complete"]);
    expect(out.at(-1)).toMatchObject({ content: words.join("") });
  });
});
