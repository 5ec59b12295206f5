// Unit tests: Claude SDK text and tool sequences become well-formed upserts and turn events (CONTRACTS.md 1-4).
import { describe, expect, it, vi } from "vitest";
import type { MessageUpsert, ToolCallUpsert } from "../../../shared/contracts/index.js";
import { expectWellFormed } from "../testing/lifecycle.js";
import * as sdk from "./testing/sdk-script.js";
import { setup, TURN } from "./testing/turn-harness.js";

const LONG = Array.from({ length: 40 }, (_, i) => `word${i}`).join(" ");

describe("text turns", () => {
  it("streams text: create at the first word, batched updates, one complete with the full text, usage at the end", () => {
    const { upserts, turns, feed, of } = setup();
    feed(sdk.textTurn(LONG));
    const item = of(`${TURN}:1:0`) as MessageUpsert[];
    expect(item[0]).toMatchObject({ status: "create", content: "word0 ", origin: "agent", type: "message" });
    expect(item.filter((u) => u.status === "update").length).toBeGreaterThanOrEqual(1);
    expect(item.filter((u) => u.status === "update").length).toBeLessThan(10);
    expect(item.at(-1)).toMatchObject({ status: "complete", content: LONG });
    expect(turns[0]).toEqual({
      type: "turn_started",
      turnId: TURN,
      sessionId: "s-1",
      modelId: "claude-opus-5-5",
      providerId: "claude-code",
    });
    expect(turns.at(-1)).toEqual({
      type: "turn_complete",
      turnId: TURN,
      sessionId: "s-1",
      status: "completed",
      usage: {
        inputTokens: 100,
        outputTokens: 20,
        cacheReadInputTokens: 7,
        cacheCreationInputTokens: 3,
        costUsd: 0.05,
      },
    });
    expectWellFormed(upserts, turns);
  });

  it("stamps sourceTimestamp with the arrival of the CLI event and emittedAt with the emission", () => {
    const { turn, upserts } = setup();
    turn.apply(sdk.init(), Date.parse("2026-01-01T00:00:00.000Z"));
    turn.apply(sdk.messageStart("m1"), Date.parse("2026-01-01T00:00:01.000Z"));
    turn.apply(sdk.blockStart(0, { type: "text" }), Date.parse("2026-01-01T00:00:01.000Z"));
    for (const d of sdk.textDeltas(0, "Hello there")) turn.apply(d, Date.parse("2026-01-01T00:00:02.500Z"));
    expect(upserts[0]?.sourceTimestamp).toBe("2026-01-01T00:00:02.500Z");
    expect(Date.parse(upserts[0]?.emittedAt ?? "")).toBeGreaterThan(Date.parse("2026-01-02T00:00:00Z"));
  });

  it("uses the last known model when output arrives before system:init", () => {
    const { turns, feed } = setup({ fallback: "claude-sonnet-x" });
    feed(sdk.textTurn("Hi").slice(2));
    expect(turns[0]).toMatchObject({ type: "turn_started", modelId: "claude-sonnet-x" });
  });

  it("turns a non-streamed assistant message into complete items", () => {
    const { upserts, turns, feed } = setup();
    feed(sdk.init(), sdk.assistant("m1", { type: "text", text: "Whole answer." }), sdk.result());
    expect(upserts.map((u) => [u.itemId, u.status])).toEqual([
      [`${TURN}:1:0`, "create"],
      [`${TURN}:1:0`, "complete"],
    ]);
    expect((upserts[1] as MessageUpsert).content).toBe("Whole answer.");
    expectWellFormed(upserts, turns);
  });
});

describe("tool turns", () => {
  const twoStepTurn = () => [
    sdk.init(),
    sdk.messageStart("m1"),
    sdk.blockStart(0, { type: "text" }),
    sdk.textDeltas(0, "Let me run a command."),
    sdk.assistant("m1", { type: "text", text: "Let me run a command." }),
    sdk.blockStop(0),
    sdk.toolUseBlock("m1", 1, "toolu_1", "Bash", { command: "echo hi", description: "Say hi" }),
    sdk.messageEnd("tool_use"),
    sdk.toolResult("toolu_1", [{ type: "text", text: "hi" }]),
    sdk.messageStart("m2"),
    sdk.blockStart(0, { type: "text" }),
    sdk.textDeltas(0, "It printed hi."),
    sdk.assistant("m2", { type: "text", text: "It printed hi." }),
    sdk.blockStop(0),
    sdk.messageEnd("end_turn"),
    sdk.result(),
  ];

  it("numbers the API messages of a tool turn and follows the tool call from create to its result", () => {
    const { upserts, turns, feed, of } = setup();
    feed(twoStepTurn());
    expect([...new Set(upserts.map((u) => u.itemId))]).toEqual([`${TURN}:1:0`, `${TURN}:1:1`, `${TURN}:2:0`]);
    const tool = of(`${TURN}:1:1`) as ToolCallUpsert[];
    expect(tool.map((u) => u.status)).toEqual(["create", "update", "complete"]);
    expect(tool[0]).toMatchObject({ toolName: "Bash", callId: "toolu_1", toolArguments: {} });
    expect(tool[1]?.toolArguments).toEqual({ command: "echo hi", description: "Say hi" });
    expect(tool[2]).toMatchObject({ toolOutput: "hi", toolArguments: { command: "echo hi", description: "Say hi" } });
    expect(tool[2]?.toolOutputIsError).toBeUndefined();
    expect((of(`${TURN}:2:0`).at(-1) as MessageUpsert).content).toBe("It printed hi.");
    expectWellFormed(upserts, turns);
  });

  it("gives interleaved thinking, text and two tool calls distinct ids and matches results by callId", () => {
    const { upserts, turns, feed, of } = setup();
    feed(
      sdk.init(),
      sdk.messageStart("m1"),
      sdk.blockStart(0, { type: "thinking" }),
      sdk.thinkingDeltas(0, "I should read both files."),
      sdk.assistant("m1", { type: "thinking", thinking: "I should read both files.", signature: "sig" }),
      sdk.blockStop(0),
      sdk.blockStart(1, { type: "text" }),
      sdk.textDeltas(1, "Reading."),
      sdk.assistant("m1", { type: "text", text: "Reading." }),
      sdk.blockStop(1),
      sdk.toolUseBlock("m1", 2, "toolu_a", "Read", { file_path: "/p/a.txt" }),
      sdk.toolUseBlock("m1", 3, "toolu_b", "Read", { file_path: "/p/b.txt" }),
      sdk.messageEnd("tool_use"),
      sdk.toolResult("toolu_b", "content of b"),
      sdk.toolResult("toolu_a", "content of a"),
      sdk.result(),
    );
    expect(of(`${TURN}:1:0`).at(-1)).toMatchObject({
      type: "thinking",
      providerId: "claude-code",
      content: "I should read both files.",
    });
    expect(of(`${TURN}:1:1`).at(-1)).toMatchObject({ type: "message", content: "Reading.", status: "complete" });
    expect(of(`${TURN}:1:2`).at(-1)).toMatchObject({ callId: "toolu_a", toolOutput: "content of a" });
    expect(of(`${TURN}:1:3`).at(-1)).toMatchObject({ callId: "toolu_b", toolOutput: "content of b" });
    expectWellFormed(upserts, turns);
  });

  it("ends a tool call whose result failed as error with toolOutputIsError", () => {
    const { upserts, turns, feed, of } = setup();
    feed(
      sdk.init(),
      sdk.messageStart("m1"),
      sdk.toolUseBlock("m1", 0, "toolu_1", "Bash", { command: "false" }),
      sdk.messageEnd("tool_use"),
      sdk.toolResult("toolu_1", "Exit code 1\nboom", true),
      sdk.result(),
    );
    expect(of(`${TURN}:1:0`).at(-1)).toMatchObject({
      status: "error",
      toolOutput: "Exit code 1\nboom",
      toolOutputIsError: true,
      errorCode: "TOOL_ERROR",
      errorMessage: "Exit code 1",
    });
    expectWellFormed(upserts, turns);
  });

  it("marks sub-agent output with the parent call's id", () => {
    const { upserts, turns, feed } = setup();
    feed(
      sdk.init(),
      sdk.messageStart("m1"),
      sdk.toolUseBlock("m1", 0, "toolu_task", "Task", { prompt: "look around" }),
      sdk.messageEnd("tool_use"),
      sdk.assistant(
        "sub1",
        { type: "tool_use", id: "toolu_sub", name: "Bash", input: { command: "ls" } },
        "toolu_task",
      ),
      sdk.toolResult("toolu_sub", "README.md", false, "toolu_task"),
      sdk.toolResult("toolu_task", "Found a README."),
      sdk.result(),
    );
    const sub = upserts.filter((u) => u.type === "tool_call" && u.callId === "toolu_sub");
    expect(sub.map((u) => u.status)).toEqual(["create", "update", "complete"]);
    expect(sub.every((u) => u.parentCallId === "toolu_task" && u.itemId === `${TURN}:2:0`)).toBe(true);
    expect(
      upserts.filter((u) => u.type === "tool_call" && u.callId === "toolu_task").every((u) => !u.parentCallId),
    ).toBe(true);
    expectWellFormed(upserts, turns);
  });
});

describe("unknown event types", () => {
  it("logs each unknown SDK message, stream event, block and delta type once, with its type (not the untyped command_lifecycle), and the turn goes on", () => {
    const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const { upserts, turns, feed, of } = setup({ logger });
    const later = { type: "brand_new_message", session_id: "x" };
    const lifecycle = { type: "command_lifecycle", state: "started", session_id: "x" };
    const [init, status, start, blockStart, ...rest] = sdk.textTurn("Still answered.", "m1");
    feed(init, later, later, lifecycle, status, start);
    feed(sdk.rawStreamEvent({ type: "brand_new_event" }), sdk.rawStreamEvent({ type: "brand_new_event" }));
    feed(sdk.rawBlockStart(7, { type: "brand_new_block" }), sdk.rawBlockStart(8, { type: "brand_new_block" }));
    feed(blockStart, sdk.rawStreamEvent({ type: "content_block_delta", index: 0, delta: { type: "brand_new_delta" } }));
    feed(rest);
    expect(logger.warn.mock.calls.map((call) => call[1])).toEqual([
      { what: "Claude SDK message", type: "brand_new_message" },
      { what: "Claude stream event", type: "brand_new_event" },
      { what: "Claude content block", type: "brand_new_block" },
      { what: "Claude content block delta", type: "brand_new_delta" },
    ]);
    expect(logger.warn.mock.calls[0]?.[0]).toContain("brand_new_message");
    expect(of(`${TURN}:1:0`).at(-1)).toMatchObject({ status: "complete", content: "Still answered." });
    expect(turns.at(-1)).toMatchObject({ type: "turn_complete", status: "completed" });
    expectWellFormed(upserts, turns);
  });
});
