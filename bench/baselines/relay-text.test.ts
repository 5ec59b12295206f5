// The direct relay's text: batched by the providers' ItemBatcher (CONTRACTS.md section 4) or forwarded raw.
import type { SessionNotification } from "@agentclientprotocol/sdk";
import type { SDKMessage } from "@anthropic-ai/claude-agent-sdk";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_BATCHING } from "../../server/providers/batching.js";
import { type RelayTextMessage, RelayTextBatcher, relaySink } from "./relay-text.js";

/** A Claude SDK `stream_event` of the main agent (or of a sub-agent when `parent` is set). */
function streamEvent(event: Record<string, unknown>, parent: string | null = null): SDKMessage {
  return {
    type: "stream_event",
    event,
    parent_tool_use_id: parent,
    uuid: "u",
    session_id: "s",
  } as unknown as SDKMessage;
}

const claude = {
  messageStart: () => streamEvent({ type: "message_start", message: { id: "m" } }),
  textStart: (index: number, text = "") =>
    streamEvent({ type: "content_block_start", index, content_block: { type: "text", text } }),
  text: (index: number, text: string, parent: string | null = null) =>
    streamEvent({ type: "content_block_delta", index, delta: { type: "text_delta", text } }, parent),
  stop: (index: number) => streamEvent({ type: "content_block_stop", index }),
  assistant: (text: string) =>
    ({
      type: "assistant",
      message: { id: "m", content: [{ type: "text", text }] },
      parent_tool_use_id: null,
    }) as unknown as SDKMessage,
};

function codexUpdate(update: Record<string, unknown>): SessionNotification {
  return { sessionId: "s", update } as unknown as SessionNotification;
}
const chunk = (text: string) => codexUpdate({ sessionUpdate: "agent_message_chunk", content: { type: "text", text } });

function setup() {
  const sent: RelayTextMessage[] = [];
  const batcher = new RelayTextBatcher((message) => sent.push(message));
  const summary = () => sent.map((message) => `${message.block} ${message.status} ${message.content}`);
  return { sent, batcher, summary };
}

describe("RelayTextBatcher", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("sends a Claude block's first text at once, then what came since after the default time cap", () => {
    const { batcher, summary, sent } = setup();
    batcher.claude(claude.messageStart());
    batcher.claude(claude.textStart(0));
    batcher.claude(claude.text(0, "One "));
    expect(summary()).toEqual(["1:0 create One "]);
    vi.advanceTimersByTime(20);
    batcher.claude(claude.text(0, "two "));
    vi.advanceTimersByTime(DEFAULT_BATCHING.timeCapMs - 1);
    expect(summary()).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(summary()).toEqual(["1:0 create One ", "1:0 update One two "]);
    expect(sent[1]).toMatchObject({
      sourceTimestamp: new Date(1_000_020).toISOString(),
      emittedAt: new Date(1_000_020 + DEFAULT_BATCHING.timeCapMs).toISOString(),
    });
  });

  it("completes a Claude block at its assistant message, before content_block_stop, and ignores sub-agents", () => {
    const { batcher, summary } = setup();
    batcher.claude(claude.messageStart());
    batcher.claude(claude.textStart(0, "Hi"));
    batcher.claude(claude.text(0, " there", "toolu_1"));
    batcher.claude(claude.text(0, " you"));
    batcher.claude(claude.assistant("Hi you"));
    batcher.claude(claude.stop(0));
    vi.advanceTimersByTime(1000);
    expect(summary()).toEqual(["1:0 create Hi", "1:0 complete Hi you"]);
  });

  it("keeps Claude blocks of different messages apart and completes what is open when the turn ends", () => {
    const { batcher, summary } = setup();
    batcher.claude(claude.messageStart());
    batcher.claude(claude.text(0, "first"));
    batcher.claude(claude.stop(0));
    batcher.claude(claude.messageStart());
    batcher.claude(claude.text(0, "second"));
    batcher.claude(claude.text(0, " part"));
    batcher.endTurn();
    expect(summary()).toEqual([
      "1:0 create first",
      "1:0 complete first",
      "2:0 create second",
      "2:0 complete second part",
    ]);
  });

  it("batches a Codex run of message chunks as one block, which a tool event ends", () => {
    const { batcher, summary } = setup();
    batcher.codex(chunk("Let me look. "));
    batcher.codex(codexUpdate({ sessionUpdate: "usage_update", used: 1, size: 2 }));
    batcher.codex(chunk("Now."));
    batcher.codex(codexUpdate({ sessionUpdate: "tool_call", toolCallId: "t", title: "ls" }));
    batcher.codex(chunk("Done."));
    batcher.endTurn();
    batcher.codex(chunk("Next turn."));
    expect(summary()).toEqual([
      "0 create Let me look. ",
      "0 complete Let me look. Now.",
      "1 create Done.",
      "1 complete Done.",
      "0 create Next turn.",
    ]);
  });
});

describe("relaySink", () => {
  it("unbatched, forwards every raw event as it comes, then the end", () => {
    const emitted: Record<string, unknown>[] = [];
    const sink = relaySink((message) => emitted.push(message), false);
    const first = chunk("a");
    sink.codex(first);
    sink.codex(chunk("b"));
    sink.end();
    expect(emitted).toEqual([
      { type: "raw", cli: "codex", event: first },
      { type: "raw", cli: "codex", event: chunk("b") },
      { type: "end" },
    ]);
  });

  it("batched, sends the pending text as complete before the end", () => {
    const emitted: Record<string, unknown>[] = [];
    const sink = relaySink((message) => emitted.push(message), {});
    sink.codex(chunk("a "));
    sink.codex(chunk("b"));
    sink.end();
    expect(emitted.map((message) => [message.type, message.status, message.content])).toEqual([
      ["text", "create", "a "],
      ["text", "complete", "a b"],
      ["end", undefined, undefined],
    ]);
  });
});
