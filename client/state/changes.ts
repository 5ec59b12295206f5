// The Changes panel's state: shown or not, the diff layout, and per session its change list, the open file's diff,
// the last Commit / Merge / Discard result, and the refresh bookkeeping (what asks for the list again, and when).
import type { ChangeSummary, ChangesResponse, ServerMessageOf, UpsertObject } from "../../shared/contracts/index.js";
import { isTerminalStatus } from "../../shared/contracts/index.js";

/** How diff2html lays a diff out: one column (unified) or two (side by side). */
export type DiffMode = "line-by-line" | "side-by-side";

/** One file's diff in the panel: its text once read, or why it could not be; huge ones start collapsed. */
export interface FileDiffState {
  path: string;
  text: string | null;
  error: string | null;
  expanded: boolean;
}

/** A failed Commit / Merge / Discard: the sentence, and for a merge conflict the files that conflicted. */
export interface ActionError {
  text: string;
  files: string[];
}

/** What the panel holds for one session. */
export interface SessionChanges {
  /** The last list read (`session:changes`), or `null` before the first one or after a failure. */
  list: ChangesResponse | null;
  /** Why the list could not be read, in words (e.g. not a git repository), and its code. */
  error: string | null;
  errorCode: string | null;
  /** A list request is on its way: never a second one for the same session meanwhile. */
  loading: boolean;
  /** Counts what may have changed files (write-like tool ends, turn ends, summary moves). */
  wanted: number;
  /** The `wanted` count the last list request was sent at: `wanted > asked` means the list may be stale. */
  asked: number;
  file: FileDiffState | null;
  /** The Commit / Merge / Discard running, if any. */
  busy: "commit" | "merge" | "discard" | null;
  /** The last action's result in words (`Committed abc1234`). */
  status: string | null;
  actionError: ActionError | null;
  /** The Discard confirmation is shown. */
  confirmDiscard: boolean;
  /** What the user typed as the commit message; `null`: the session's title is offered. */
  commitMessage: string | null;
}

/** The panel (shown or hidden, the diff layout) and every session's changes. */
export interface ChangesState {
  open: boolean;
  mode: DiffMode;
  bySession: Record<string, SessionChanges>;
}

/** Tool kinds (ACP `ToolKind`) that never change files: their end does not refresh the list. */
const READ_ONLY_KINDS: ReadonlySet<string> = new Set(["read", "search", "think", "fetch"]);

/** The state at boot: panel hidden, unified diffs, nothing read. */
export function initialChangesState(): ChangesState {
  return { open: false, mode: "line-by-line", bySession: {} };
}

/** A session's entry before anything happened to it. */
export function blankSessionChanges(): SessionChanges {
  return {
    list: null,
    error: null,
    errorCode: null,
    loading: false,
    wanted: 0,
    asked: 0,
    file: null,
    busy: null,
    status: null,
    actionError: null,
    confirmDiscard: false,
    commitMessage: null,
  };
}

/** A session's entry (blank when nothing is held for it). */
export function sessionChanges(state: ChangesState, sessionId: string): SessionChanges {
  return state.bySession[sessionId] ?? blankSessionChanges();
}

/** Changes one session's entry (`change` gets the current or a blank one). */
export function updateSessionChanges(
  state: ChangesState,
  sessionId: string,
  change: (entry: SessionChanges) => Partial<SessionChanges>,
): ChangesState {
  const entry = sessionChanges(state, sessionId);
  return { ...state, bySession: { ...state.bySession, [sessionId]: { ...entry, ...change(entry) } } };
}

/** Forgets sessions (their tabs closed). */
export function dropSessionChanges(state: ChangesState, sessionIds: string[]): ChangesState {
  if (!sessionIds.some((id) => id in state.bySession)) return state;
  const bySession = { ...state.bySession };
  for (const id of sessionIds) delete bySession[id];
  return { ...state, bySession };
}

/** Something may have changed the session's files: its list is stale until read again. */
export function markStale(state: ChangesState, sessionId: string): ChangesState {
  return updateSessionChanges(state, sessionId, (entry) => ({ wanted: entry.wanted + 1 }));
}

/** True when the session's list may be stale and no request for it is on its way. */
export function wantsRefresh(entry: SessionChanges): boolean {
  return entry.wanted > entry.asked && !entry.loading;
}

/** A list request was sent: it answers every trigger seen so far. */
export function listRequested(state: ChangesState, sessionId: string): ChangesState {
  return updateSessionChanges(state, sessionId, (entry) => ({ loading: true, asked: entry.wanted }));
}

/** The list arrived; an open file that is no longer changed is closed. */
export function listArrived(state: ChangesState, sessionId: string, list: ChangesResponse): ChangesState {
  return updateSessionChanges(state, sessionId, (entry) => ({
    list,
    error: null,
    errorCode: null,
    loading: false,
    file: entry.file && list.files.some((f) => f.path === entry.file?.path) ? entry.file : null,
  }));
}

/** The list could not be read (`error` in words, `code` its code): nothing is listed, the reason is shown. */
export function listFailed(state: ChangesState, sessionId: string, error: string, code: string): ChangesState {
  return updateSessionChanges(state, sessionId, () => ({
    list: null,
    error,
    errorCode: code,
    loading: false,
    file: null,
  }));
}

/** True when the session's worktree folder is gone: its summary says so, or reading its list found out. */
export function worktreeMissing(missing: boolean | undefined, entry: SessionChanges): boolean {
  return missing === true || entry.errorCode === "WORKTREE_MISSING";
}

/** A file of the list was opened: its diff is on its way (kept while the same file is read again). */
export function fileOpened(state: ChangesState, sessionId: string, path: string): ChangesState {
  return updateSessionChanges(state, sessionId, (entry) => ({
    file: entry.file?.path === path ? entry.file : { path, text: null, error: null, expanded: false },
  }));
}

/** The open file's diff arrived (`text`) or failed (`error`); ignored when another file was opened meanwhile. */
export function diffArrived(
  state: ChangesState,
  sessionId: string,
  path: string,
  result: { text: string } | { error: string },
): ChangesState {
  const file = sessionChanges(state, sessionId).file;
  if (file?.path !== path) return state;
  const next = "text" in result ? { text: result.text, error: null } : { text: null, error: result.error };
  return updateSessionChanges(state, sessionId, () => ({ file: { ...file, ...next } }));
}

/** Shows a collapsed (huge) diff in full. */
export function diffExpanded(state: ChangesState, sessionId: string): ChangesState {
  return updateSessionChanges(state, sessionId, (entry) => ({
    file: entry.file ? { ...entry.file, expanded: true } : null,
  }));
}

/** An action started: earlier results and the Discard confirmation go. */
export function actionStarted(state: ChangesState, sessionId: string, busy: "commit" | "merge" | "discard") {
  return updateSessionChanges(state, sessionId, () => ({
    busy,
    status: null,
    actionError: null,
    confirmDiscard: false,
  }));
}

/** An action ended with `result`: its status line, or its error. A commit that worked forgets the typed message. */
export function actionEnded(
  state: ChangesState,
  sessionId: string,
  result: { status: string } | { error: ActionError },
): ChangesState {
  return updateSessionChanges(state, sessionId, (entry) =>
    "status" in result
      ? {
          busy: null,
          status: result.status,
          actionError: null,
          commitMessage: entry.busy === "commit" ? null : entry.commitMessage,
        }
      : { busy: null, status: null, actionError: result.error },
  );
}

/**
 * True when this upsert ends a tool call that may have written files: a `tool_call` reaching `complete` or `error`
 * (it was not already ended: `before` is the item as held before the upsert) whose kind is not read / search /
 * think / fetch. The setup command's `Setup` call (kind `execute`) counts.
 */
export function endsWriteLikeTool(before: UpsertObject | undefined, after: UpsertObject): boolean {
  if (after.type !== "tool_call" || !isTerminalStatus(after.status)) return false;
  if (READ_ONLY_KINDS.has(after.kind ?? "")) return false;
  return !(before && isTerminalStatus(before.status));
}

/**
 * True when a stream message may have changed the session's files: an upsert that {@link endsWriteLikeTool}, or a
 * turn's end (`turn_complete` or `turn_error`). `before`: the upsert's item as held before it was applied.
 */
export function streamMayChangeFiles(
  before: UpsertObject | undefined,
  message: ServerMessageOf<"session:upsert" | "session:turn">,
): boolean {
  if (message.type === "session:upsert") return endsWriteLikeTool(before, message.payload);
  return message.payload.type !== "turn_started";
}

/** True when the live change summary moved (a different count of files, additions or deletions, or appeared). */
export function summaryMoved(before: ChangeSummary | undefined, after: ChangeSummary | undefined): boolean {
  if (!after) return false;
  return (
    before?.files !== after.files || before?.additions !== after.additions || before?.deletions !== after.deletions
  );
}
