// Upsert samples for HTTP-layer tests, and the completed-items view a fake history is cut from.
import { isTerminalStatus, type StreamMessage, type UpsertObject } from "../../../shared/contracts/index.js";

/** The timestamp every sample carries. */
export const NOW = "2026-11-21T18:00:00.000Z";

/** The user's own message upsert of a turn. */
export function userMessage(sessionId: string, turnId: string, content: string): UpsertObject {
  const base = { turnId, sessionId, sourceTimestamp: NOW, emittedAt: NOW };
  return { ...base, itemId: `${turnId}:user`, status: "complete", type: "message", content, origin: "user" };
}

/** An agent text upsert. */
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

/** The latest terminal state of every item in `log`, in order of first completion. */
export function completedItems(log: StreamMessage[]): UpsertObject[] {
  const items = new Map<string, UpsertObject>();
  for (const message of log) {
    if (message.type === "session:upsert" && isTerminalStatus(message.payload.status)) {
      items.set(message.payload.itemId, message.payload);
    }
  }
  return [...items.values()];
}
