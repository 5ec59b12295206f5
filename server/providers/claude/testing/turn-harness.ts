// Test-only harness for ClaudeTurn tests: a recording turn (with its translator) and the upsert/turn invariants.
import type { SDKMessage } from "@anthropic-ai/claude-agent-sdk";
import { expect } from "vitest";
import {
  type TurnEvent,
  TurnEventSchema,
  type UpsertObject,
  UpsertObjectSchema,
} from "../../../../shared/contracts/index.js";
import { type Logger, silentLogger } from "../../../../shared/util/index.js";
import type { BatchingOptions } from "../../batching.js";
import { ClaudeTurn } from "../turn.js";

/** The turn id every harness turn uses. */
export const TURN = "turn-1";

/** Options of {@link setup}: batching (default: no time cap), the earlier cumulative cost, the fallback model. */
export interface TurnSetupOptions {
  batching?: BatchingOptions;
  previousTotalCostUsd?: number;
  fallback?: string;
  /** Receives the translator's reports of unknown event types; default silent. */
  logger?: Logger;
}

/** A turn {@link TURN} of session `s-1` that records what it emits; `feed` applies messages and nested arrays to it. */
export function setup(options: TurnSetupOptions = {}) {
  const upserts: UpsertObject[] = [];
  const turns: TurnEvent[] = [];
  const turn = new ClaudeTurn({
    turnId: TURN,
    sessionId: "s-1",
    fallbackModelId: options.fallback ?? "claude-fallback",
    previousTotalCostUsd: "previousTotalCostUsd" in options ? options.previousTotalCostUsd : 0,
    batching: options.batching ?? { timeCapMs: 0 },
    emitUpsert: (u) => upserts.push(u),
    emitTurn: (e) => turns.push(e),
    logger: options.logger ?? silentLogger,
  });
  const feed = (...messages: unknown[]) => {
    for (const m of messages.flat(3) as SDKMessage[]) turn.apply(m);
  };
  const of = (itemId: string) => upserts.filter((u) => u.itemId === itemId);
  return { turn, upserts, turns, feed, of };
}

/** Every item: one `create` first, one terminal last; every upsert and event valid; one start, one terminal. */
export function expectWellFormed(upserts: UpsertObject[], turns: TurnEvent[]): void {
  for (const u of upserts) expect(UpsertObjectSchema.parse(u)).toEqual(u);
  for (const e of turns) expect(TurnEventSchema.parse(e)).toEqual(e);
  const ids = [...new Set(upserts.map((u) => u.itemId))];
  for (const id of ids) {
    const statuses = upserts.filter((u) => u.itemId === id).map((u) => u.status);
    expect(statuses[0], id).toBe("create");
    expect(
      statuses.filter((s) => s === "create"),
      id,
    ).toHaveLength(1);
    expect(
      statuses.filter((s) => s === "complete" || s === "error"),
      id,
    ).toHaveLength(1);
    expect(["complete", "error"], id).toContain(statuses.at(-1));
  }
  expect(turns[0]?.type).toBe("turn_started");
  expect(turns.filter((e) => e.type !== "turn_started")).toHaveLength(1);
  expect(turns.at(-1)?.type).not.toBe("turn_started");
}
