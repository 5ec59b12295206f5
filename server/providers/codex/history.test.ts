// Unit tests: a session/load replay (as codex-acp sends it) becomes completed history upserts in order.
import type { SessionUpdate } from "@agentclientprotocol/sdk";
import { describe, expect, it } from "vitest";
import { HistoryCollector } from "./history.js";

const chunk = (
  sessionUpdate: "user_message_chunk" | "agent_message_chunk" | "agent_thought_chunk",
  text: string,
): SessionUpdate => ({ sessionUpdate, content: { type: "text", text } });

/** The replay codex-acp 0.16 sends for a tool turn, a thinking turn and a turn that failed at the API. */
const replay: SessionUpdate[] = [
  chunk("user_message_chunk", "scenario:tool-shell"),
  chunk("agent_message_chunk", "Let me run a command."),
  {
    sessionUpdate: "tool_call",
    toolCallId: "call_1",
    title: "exec_command",
    status: "completed",
    rawInput: { cmd: "echo hello-from-tool" },
  },
  {
    sessionUpdate: "tool_call_update",
    toolCallId: "call_1",
    status: "completed",
    rawOutput:
      "Chunk ID: b5\nWall time: 0.0000 seconds\nProcess exited with code 0\nOriginal token count: 4\nOutput:\nhello-from-tool\n",
  },
  chunk("agent_message_chunk", "The command printed hello-from-tool."),
  chunk("user_message_chunk", "scenario:thinking"),
  chunk("agent_thought_chunk", "Brief thought."),
  chunk("agent_message_chunk", "The answer is 42."),
  chunk("user_message_chunk", "scenario:error-500"),
];

describe("HistoryCollector", () => {
  it("turns a replay into completed items, one turn per user message, in conversation order", () => {
    const collector = new HistoryCollector({ sessionId: "s1" });
    for (const update of replay) collector.apply(update);
    const history = collector.finish();
    expect(history.map((u) => [u.itemId, u.type, u.status])).toEqual([
      ["history-1:user", "message", "complete"],
      ["history-1:1", "message", "complete"],
      ["history-1:tool:call_1", "tool_call", "complete"],
      ["history-1:2", "message", "complete"],
      ["history-2:user", "message", "complete"],
      ["history-2:1", "thinking", "complete"],
      ["history-2:2", "message", "complete"],
      ["history-3:user", "message", "complete"],
    ]);
    expect(history[0]).toMatchObject({ origin: "user", content: "scenario:tool-shell", turnId: "history-1" });
    expect(history[2]).toMatchObject({
      toolName: "exec_command",
      kind: "execute",
      title: "echo hello-from-tool",
      toolArguments: { cmd: "echo hello-from-tool" },
      toolOutput: "hello-from-tool\n",
    });
  });

  it("marks a replayed command that exited non-zero as a failed tool call", () => {
    const collector = new HistoryCollector({ sessionId: "s1" });
    collector.apply(chunk("user_message_chunk", "run it"));
    collector.apply({ sessionUpdate: "tool_call", toolCallId: "c", title: "exec_command", status: "completed" });
    collector.apply({
      sessionUpdate: "tool_call_update",
      toolCallId: "c",
      status: "completed",
      rawOutput: "Chunk ID: 1\nProcess exited with code 101\nOutput:\npanic\n",
    });
    expect(collector.finish().at(-1)).toMatchObject({
      status: "error",
      errorCode: "TOOL_FAILED",
      toolOutput: "panic\n",
      toolOutputIsError: true,
    });
  });

  it("keeps a replayed tool call whose output never came as completed with empty output", () => {
    const collector = new HistoryCollector({ sessionId: "s1" });
    collector.apply(chunk("user_message_chunk", "edit"));
    collector.apply({
      sessionUpdate: "tool_call",
      toolCallId: "e",
      title: "Edit a.txt",
      kind: "edit",
      status: "completed",
    });
    expect(collector.finish().at(-1)).toMatchObject({ status: "complete", toolOutput: "", title: "Edit a.txt" });
  });
});
