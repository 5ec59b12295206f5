// Unit tests: the turn contract both providers keep (CONTRACTS.md sections 2-3), one describe.each over their turns.
import { describe, expect, it, vi } from "vitest";
import type { MessageUpsert, ToolCallUpsert, UpsertObject } from "../../shared/contracts/index.js";
import { silentLogger } from "../../shared/util/index.js";
import { claudeTurnDriver } from "./claude/testing/turn-driver.js";
import { codexTurnDriver } from "./codex/testing/turn-driver.js";
import { expectWellFormed } from "./testing/lifecycle.js";
import type { TurnDriver } from "./testing/turn-driver.js";

/** Holds text back (one update only past 100 tokens, no time cap): what streamed may still be unsent at the end. */
const HOLD_BACK = { gradient: [100], timeCapMs: 0 };

const agentText = (upserts: UpsertObject[]) =>
  upserts.filter((u): u is MessageUpsert => u.type === "message" && u.origin === "agent");
const toolCall = (upserts: UpsertObject[], callId: string) =>
  upserts.filter((u): u is ToolCallUpsert => u.type === "tool_call" && u.callId === callId);

describe.each<TurnDriver>([claudeTurnDriver, codexTurnDriver])("a $cliType turn", (driver) => {
  const ids = { turnId: driver.turnId, sessionId: driver.sessionId };

  it("streams text: create with the first words, complete with the full text; turn_started, then turn_complete", () => {
    const turn = driver.start({ batching: { timeCapMs: 0 }, logger: silentLogger });
    turn.streamText("Hello there, ");
    turn.streamText("this is the answer.");
    turn.finish();
    const text = agentText(turn.upserts);
    expect(text[0]).toMatchObject({ ...ids, status: "create", content: "Hello " });
    expect(text.at(-1)).toMatchObject({ ...ids, status: "complete", content: "Hello there, this is the answer." });
    expect(turn.turns[0]).toMatchObject({ type: "turn_started", ...ids, providerId: driver.cliType });
    expect(turn.turns.at(-1)).toMatchObject({ type: "turn_complete", ...ids, status: "completed" });
    expectWellFormed(turn.upserts, turn.turns);
  });

  it("cancels: open text keeps all it streamed and a running tool ends, both error CANCELLED; turn ends cancelled", () => {
    const turn = driver.start({ batching: HOLD_BACK, logger: silentLogger });
    turn.startTool("call_1");
    turn.streamText("Sentence one of");
    turn.cancel();
    expect(agentText(turn.upserts).at(-1)).toMatchObject({
      status: "error",
      errorCode: "CANCELLED",
      content: "Sentence one of",
    });
    expect(toolCall(turn.upserts, "call_1").at(-1)).toMatchObject({ status: "error", errorCode: "CANCELLED" });
    expect(turn.upserts.filter((u) => u.status === "complete")).toEqual([]);
    expect(turn.turns.at(-1)).toMatchObject({ type: "turn_complete", ...ids, status: "cancelled" });
    expectWellFormed(turn.upserts, turn.turns);
  });

  it("crashes: buffered text and a running tool end as error PROCESS_CRASH, the turn as turn_error", () => {
    const turn = driver.start({ batching: HOLD_BACK, logger: silentLogger });
    turn.startTool("call_1");
    turn.streamText("Half of an answer");
    turn.crash("The CLI exited (signal SIGKILL)");
    expect(agentText(turn.upserts).at(-1)).toMatchObject({
      status: "error",
      errorCode: "PROCESS_CRASH",
      content: "Half of an answer",
    });
    expect(toolCall(turn.upserts, "call_1").at(-1)).toMatchObject({ status: "error", errorCode: "PROCESS_CRASH" });
    expect(turn.turns.at(-1)).toEqual({
      type: "turn_error",
      ...ids,
      errorCode: "PROCESS_CRASH",
      errorMessage: "The CLI exited (signal SIGKILL)",
    });
    expectWellFormed(turn.upserts, turn.turns);
  });

  it("keeps the first end: a crash or a cancel after the turn ended emits nothing", () => {
    const turn = driver.start({ batching: { timeCapMs: 0 }, logger: silentLogger });
    turn.streamText("Done.");
    turn.finish();
    const emitted = turn.upserts.length;
    turn.crash("late");
    turn.cancel();
    expect(turn.turns.map((e) => e.type)).toEqual(["turn_started", "turn_complete"]);
    expect(turn.upserts).toHaveLength(emitted);
  });

  it("ends a result for a call it never saw as one create and one terminal tool call named unknown, and goes on", () => {
    const turn = driver.start({ batching: { timeCapMs: 0 }, logger: silentLogger });
    turn.orphanResult("ghost", "orphan output");
    turn.streamText("Still fine.");
    turn.finish();
    const ghost = toolCall(turn.upserts, "ghost");
    expect(ghost.map((u) => u.status)).toEqual(["create", "complete"]);
    expect(ghost[1]).toMatchObject({ toolName: "unknown", toolOutput: "orphan output" });
    expect(agentText(turn.upserts).at(-1)).toMatchObject({ status: "complete", content: "Still fine." });
    expect(turn.turns.at(-1)).toMatchObject({ type: "turn_complete", status: "completed" });
    expectWellFormed(turn.upserts, turn.turns);
  });

  it("logs an event type it does not know once, with the type, and the turn goes on", () => {
    const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const turn = driver.start({ batching: { timeCapMs: 0 }, logger });
    turn.streamText("Still ");
    turn.unknownEvent("brand_new_event");
    turn.unknownEvent("brand_new_event");
    turn.streamText("answered.");
    turn.finish();
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0]?.[0]).toContain('"brand_new_event"');
    expect(logger.warn.mock.calls[0]?.[1]).toMatchObject({ type: "brand_new_event" });
    expect(agentText(turn.upserts).at(-1)).toMatchObject({ status: "complete", content: "Still answered." });
    expect(turn.turns.at(-1)).toMatchObject({ type: "turn_complete", status: "completed" });
    expectWellFormed(turn.upserts, turn.turns);
  });
});
