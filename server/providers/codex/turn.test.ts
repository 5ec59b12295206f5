// Unit tests: a Codex turn has one turn_started and exactly one terminal event, whatever order the ends arrive in.
import { describe, expect, it } from "vitest";
import type { TurnEvent, UpsertObject } from "../../../shared/contracts/index.js";
import { CodexTurn } from "./turn.js";

function makeTurn() {
  const events: TurnEvent[] = [];
  const upserts: UpsertObject[] = [];
  let ends = 0;
  const turn = new CodexTurn({
    sessionId: "s1",
    turnId: "t1",
    emitUpsert: (u) => upserts.push(u),
    emitTurn: (e) => events.push(e),
    onEnd: () => {
      ends += 1;
    },
    batching: { timeCapMs: 0 },
  });
  return { turn, events, upserts, ends: () => ends };
}

describe("CodexTurn", () => {
  it("holds updates that arrive before turn_started and applies them right after it", () => {
    const { turn, events, upserts } = makeTurn();
    turn.apply({ sessionUpdate: "agent_message_chunk", content: { type: "text", text: "Early" } }, 1);
    expect(upserts).toEqual([]);
    turn.start("gpt-5.4");
    expect(events).toEqual([
      { type: "turn_started", turnId: "t1", sessionId: "s1", modelId: "gpt-5.4", providerId: "codex" },
    ]);
    expect(upserts).toMatchObject([{ status: "create", content: "Early" }]);
  });

  it("keeps the first end: a late answer after a cancel changes nothing", () => {
    const { turn, events, ends } = makeTurn();
    turn.start("m");
    turn.endCancelled();
    turn.endCompleted({ stopReason: "end_turn" });
    turn.endFailed("PROCESS_CRASH", "gone");
    expect(events.map((e) => e.type)).toEqual(["turn_started", "turn_complete"]);
    expect(events[1]).toMatchObject({ status: "cancelled" });
    expect(ends()).toBe(1);
  });

  it("runs a cancel that came before the start right after turn_started", () => {
    const { turn, events } = makeTurn();
    turn.endCancelled();
    expect(events).toEqual([]);
    turn.start("m");
    expect(events.map((e) => e.type)).toEqual(["turn_started", "turn_complete"]);
  });

  it("emits nothing for a dropped turn (the prompt never reached the agent)", () => {
    const { turn, events } = makeTurn();
    turn.endCancelled();
    turn.drop();
    turn.start("m");
    expect(events).toEqual([]);
    expect(turn.isOver).toBe(true);
  });
});
