// "Needs attention" across every session (issue 17 §1–2): waiting approvals, failed turns, turns finished unseen.
// Pure functions over plain data; the server's `attention:*` messages feed it, looking at a session clears it.
import type { AttentionApproval, AttentionTurn } from "../../shared/contracts/index.js";

/** Why a session wants the user: an approval waits, its last turn failed, or it finished a turn since last looked. */
export type AttentionKind = "approval" | "failed" | "finished";

/**
 * `approvals`: every waiting permission request, by request id. `turns`: each session's last turn end. `seen`: per
 * session, the `endedAt` of the last turn end the user has looked at (server clock, ISO 8601, so comparable).
 */
export interface AttentionState {
  approvals: Record<string, AttentionApproval>;
  turns: Record<string, AttentionTurn>;
  seen: Record<string, string>;
}

/** Nothing needs attention. */
export const EMPTY_ATTENTION: AttentionState = { approvals: {}, turns: {}, seen: {} };

/** One row of the attention inbox: the session, why, since when (`at`, ISO 8601), and its waiting approvals. */
export interface AttentionEntry {
  sessionId: string;
  kind: AttentionKind;
  at: string;
  /** The session's waiting approvals, oldest first (empty unless `kind` is `approval`). */
  approvals: AttentionApproval[];
  /** The last turn end, for `failed` / `finished`. */
  turn?: AttentionTurn;
}

/** The session the user is looking at: the active tab while the page is visible, else none. */
export function lookingAt(tabs: { active: string | null }, pageVisible: boolean): string | null {
  return pageVisible ? tabs.active : null;
}

/** The user has looked at `sessionId`: its last turn end counts as seen (a waiting approval stays until answered). */
export function markSeen(state: AttentionState, sessionId: string | null): AttentionState {
  if (!sessionId) return state;
  const turn = state.turns[sessionId];
  if (!turn || state.seen[sessionId] === turn.endedAt) return state;
  return { ...state, seen: { ...state.seen, [sessionId]: turn.endedAt } };
}

/** A new waiting approval (the same request again is a no-op). */
export function addApproval(state: AttentionState, approval: AttentionApproval): AttentionState {
  if (state.approvals[approval.request.requestId]) return state;
  return { ...state, approvals: { ...state.approvals, [approval.request.requestId]: approval } };
}

/** An approval answered or closed (unknown ids are a no-op). */
export function removeApproval(state: AttentionState, requestId: string): AttentionState {
  if (!(requestId in state.approvals)) return state;
  const { [requestId]: _gone, ...approvals } = state.approvals;
  return { ...state, approvals };
}

/**
 * A session's turn ended; an older end than the one held is ignored. When the user is `looking` at that session the
 * end is seen at once (so it never counts).
 */
export function addTurn(state: AttentionState, turn: AttentionTurn, looking: string | null): AttentionState {
  const held = state.turns[turn.sessionId];
  if (held && held.endedAt > turn.endedAt) return state;
  const next = { ...state, turns: { ...state.turns, [turn.sessionId]: turn } };
  return looking === turn.sessionId ? markSeen(next, turn.sessionId) : next;
}

/**
 * The server's `attention:snapshot` (as a socket connects): its approvals replace the held ones (they are the truth
 * of this server run); each turn end is merged (the later one wins), and seen at once for the session `looking`.
 */
export function applySnapshot(
  state: AttentionState,
  snapshot: { approvals: readonly AttentionApproval[]; turns: readonly AttentionTurn[] },
  looking: string | null,
): AttentionState {
  let next: AttentionState = { ...state, approvals: {} };
  for (const approval of snapshot.approvals) next = addApproval(next, approval);
  for (const turn of snapshot.turns) next = addTurn(next, turn, looking);
  return next;
}

/** Forgets everything about `sessionId` (archived or removed). */
export function forgetSession(state: AttentionState, sessionId: string): AttentionState {
  const approvals = Object.fromEntries(Object.entries(state.approvals).filter(([, a]) => a.sessionId !== sessionId));
  const { [sessionId]: _turn, ...turns } = state.turns;
  const { [sessionId]: _seen, ...seen } = state.seen;
  return { approvals, turns, seen };
}

/** What `sessionId` needs, if anything: a waiting approval first, then a failed or finished turn not yet seen. */
export function attentionOf(state: AttentionState, sessionId: string): AttentionKind | null {
  for (const approval of Object.values(state.approvals)) if (approval.sessionId === sessionId) return "approval";
  const turn = state.turns[sessionId];
  if (!turn) return null;
  const seen = state.seen[sessionId];
  if (seen !== undefined && seen >= turn.endedAt) return null;
  return turn.outcome === "error" ? "failed" : "finished";
}

/** Every session that needs attention, newest first (by the latest approval asked, else the turn's end). */
export function attentionEntries(state: AttentionState): AttentionEntry[] {
  const ids = new Set([...Object.values(state.approvals).map((a) => a.sessionId), ...Object.keys(state.turns)]);
  const entries: AttentionEntry[] = [];
  for (const sessionId of ids) {
    const kind = attentionOf(state, sessionId);
    if (!kind) continue;
    if (kind === "approval") {
      const approvals = Object.values(state.approvals)
        .filter((a) => a.sessionId === sessionId)
        .sort((a, b) => a.askedAt.localeCompare(b.askedAt));
      entries.push({ sessionId, kind, at: approvals.at(-1)?.askedAt ?? "", approvals });
    } else {
      const turn = state.turns[sessionId] as AttentionTurn;
      entries.push({ sessionId, kind, at: turn.endedAt, approvals: [], turn });
    }
  }
  return entries.sort((a, b) => b.at.localeCompare(a.at) || a.sessionId.localeCompare(b.sessionId));
}

/** How many sessions need attention (the page title's `(N)`). */
export function attentionCount(state: AttentionState): number {
  return attentionEntries(state).length;
}

/**
 * The entries of `next` that are new since `prev` (a session newly needing attention, or for a new reason or a
 * newer event): what a notification announces. An entry seen at once (the user was looking) is never new.
 */
export function freshAttention(prev: AttentionState, next: AttentionState): AttentionEntry[] {
  if (prev === next) return [];
  const before = new Map(attentionEntries(prev).map((e) => [e.sessionId, e]));
  return attentionEntries(next).filter((entry) => {
    const old = before.get(entry.sessionId);
    return !old || old.kind !== entry.kind || old.at < entry.at;
  });
}
