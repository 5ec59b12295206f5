// What of the attention state survives a reload, in localStorage: each session's last turn end and what was seen.
import { AttentionTurnSchema } from "../../shared/contracts/index.js";
import { type AttentionState, EMPTY_ATTENTION } from "./attention.js";
import type { KeyValueStorage } from "./persist.js";

const KEY = "liminal:v1:attention";
/** At most this many sessions' turn ends are kept (the newest), so the entry stays small. */
export const ATTENTION_KEEP = 200;

/**
 * Reads the saved turn ends and seen marks (approvals are not saved: the server's snapshot is their truth). A
 * missing or corrupt entry gives the empty state; an invalid turn end is dropped.
 */
export function loadAttention(storage: KeyValueStorage): AttentionState {
  let raw: unknown;
  try {
    raw = JSON.parse(storage.getItem(KEY) ?? "null");
  } catch {
    return EMPTY_ATTENTION;
  }
  if (typeof raw !== "object" || raw === null) return EMPTY_ATTENTION;
  const { turns: turnsRaw, seen: seenRaw } = raw as { turns?: unknown; seen?: unknown };
  const turns: AttentionState["turns"] = {};
  if (Array.isArray(turnsRaw)) {
    for (const value of turnsRaw) {
      const parsed = AttentionTurnSchema.safeParse(value);
      if (parsed.success) turns[parsed.data.sessionId] = parsed.data;
    }
  }
  const seen: AttentionState["seen"] = {};
  if (typeof seenRaw === "object" && seenRaw !== null) {
    for (const [id, at] of Object.entries(seenRaw)) if (typeof at === "string") seen[id] = at;
  }
  return { approvals: {}, turns, seen };
}

/** Saves the newest `ATTENTION_KEEP` turn ends and their seen marks (storage full or disabled: forgotten). */
export function saveAttention(storage: KeyValueStorage, state: AttentionState): void {
  const turns = Object.values(state.turns)
    .sort((a, b) => b.endedAt.localeCompare(a.endedAt))
    .slice(0, ATTENTION_KEEP);
  const seen: Record<string, string> = {};
  for (const turn of turns) {
    const at = state.seen[turn.sessionId];
    if (at !== undefined) seen[turn.sessionId] = at;
  }
  try {
    storage.setItem(KEY, JSON.stringify({ turns, seen }));
  } catch {
    // The app still works; it forgets on reload.
  }
}
