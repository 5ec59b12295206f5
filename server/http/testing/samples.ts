// Upsert samples for HTTP-layer tests.
import type { UpsertObject } from "../../../shared/contracts/index.js";

/** The timestamp every sample carries. */
export const NOW = "2026-11-21T18:00:00.000Z";

/** An agent text upsert (`itemId` defaults to `${turnId}:1:0`, the first text item of the turn). */
export function agentText(
  sessionId: string,
  turnId: string,
  content: string,
  status: UpsertObject["status"] = "update",
  itemId = `${turnId}:1:0`,
): UpsertObject {
  const base = { turnId, sessionId, sourceTimestamp: NOW, emittedAt: NOW };
  return { ...base, itemId, status, type: "message", content, origin: "agent" };
}
