// The text and thinking items of one Claude turn as upserts, batched (CONTRACTS.md sections 2 and 4), and their context.
import type { UpsertObject } from "../../../shared/contracts/index.js";
import { type BatchingOptions, ItemBatcher } from "../batching.js";

/** What every item of a turn shares: ids, the clock, the sink, the batching tuning. */
export interface ItemContext {
  turnId: string;
  sessionId: string;
  /** Epoch milliseconds now (for `emittedAt`). */
  now: () => number;
  emit: (upsert: UpsertObject) => void;
  batching?: BatchingOptions;
}

/** ISO 8601 UTC of epoch milliseconds. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * A streamed text (`message`, origin `agent`) or `thinking` item: an {@link ItemBatcher} whose emissions become
 * upserts with `itemId`. `sourceTimestamp` is when the CLI event behind each emission arrived.
 */
export function createContentItem(
  ctx: ItemContext,
  kind: "text" | "thinking",
  itemId: string,
  parentCallId: string | undefined,
): ItemBatcher {
  return new ItemBatcher((emission) => {
    const base = {
      turnId: ctx.turnId,
      sessionId: ctx.sessionId,
      itemId,
      sourceTimestamp: iso(emission.sourceTime || ctx.now()),
      emittedAt: iso(ctx.now()),
      status: emission.status,
      ...(emission.errorCode === undefined ? {} : { errorCode: emission.errorCode }),
      ...(emission.errorMessage === undefined ? {} : { errorMessage: emission.errorMessage }),
      ...(parentCallId === undefined ? {} : { parentCallId }),
    };
    ctx.emit(
      kind === "text"
        ? { ...base, type: "message", content: emission.content, origin: "agent" }
        : { ...base, type: "thinking", content: emission.content, providerId: "claude-code" },
    );
  }, ctx.batching);
}
