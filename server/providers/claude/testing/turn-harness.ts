// Test-only harness for ClaudeTurn tests: a turn (with its translator) that records every upsert and turn event.
import type { SDKMessage } from "@anthropic-ai/claude-agent-sdk";
import type { TurnEvent, UpsertObject } from "../../../../shared/contracts/index.js";
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
