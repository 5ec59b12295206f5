// The Changes panel, user → server and when to read again: the change list of the shown session (on open, on
// Refresh, and debounced after whatever marked it stale, never two requests of one session at once), one file's
// diff, Commit, Merge and Discard with their results and errors in words.
import {
  actionEnded,
  actionStarted,
  type ChangesState,
  type DiffMode,
  diffArrived,
  diffExpanded,
  fileOpened,
  listArrived,
  listFailed,
  listRequested,
  markStale,
  sessionChanges,
  updateSessionChanges,
  wantsRefresh,
} from "../state/changes.js";
import { actionErrorOf, committedText, mergedText } from "../state/changes-view.js";
import { describeError } from "../state/error-text.js";
import { findSession } from "../state/sessions.js";
import type { AppContext } from "./context.js";
import type { WorkspaceActions } from "./workspaces.js";

/** How long after the last trigger (a write-like tool call's end, a turn's end, a summary move) the list is read. */
export const REFRESH_DEBOUNCE_MS = 300;

/** The Changes panel's commands. The promise-returning ones resolve to whether it worked (failures shown in the panel). */
export interface ChangesActions {
  /** Shows or hides the panel (default: toggles); showing it reads the active session's list. */
  togglePanel(open?: boolean): void;
  /** Reads the session's list now; while a request is on its way, once more after it. */
  refresh(sessionId: string): void;
  /** Opens one changed file: its diff is read (`session:changes:file`). */
  openFile(sessionId: string, path: string): void;
  /** Shows a collapsed (huge) diff in full. */
  expandDiff(sessionId: string): void;
  setDiffMode(mode: DiffMode): void;
  /** Keeps what the user typed as the commit message. */
  setCommitMessage(sessionId: string, message: string): void;
  commit(sessionId: string, message: string): Promise<boolean>;
  merge(sessionId: string): Promise<boolean>;
  /** Shows (showing the panel too) or hides the Discard confirmation. */
  confirmDiscard(sessionId: string, show: boolean): void;
  /** Removes the worktree and its branch (after the confirmation); the session is archived and its tab closes. */
  discard(sessionId: string): Promise<boolean>;
}

const errorWords = (error: unknown): string => {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return describeError(typeof code === "string" ? code : "INTERNAL_ERROR", typeof message === "string" ? message : "");
};

/**
 * Creates the Changes actions over `workspaces` and starts watching the store: the panel's session is read when the
 * panel opens or shows another session, and `debounceMs` after the last trigger that marked it stale (a request on its
 * way is never doubled: the triggers meanwhile ask once more after it).
 */
export function createChangesActions(
  ctx: AppContext,
  workspaces: WorkspaceActions,
  debounceMs = REFRESH_DEBOUNCE_MS,
): ChangesActions {
  const { store } = ctx;
  const update = (change: (state: ChangesState) => ChangesState) => store.set((s) => ({ changes: change(s.changes) }));
  const entry = (sessionId: string) => sessionChanges(store.get().changes, sessionId);
  const shown = (): string | null => (store.get().changes.open ? store.get().tabs.active : null);
  const baseOf = (sessionId: string) => findSession(store.get().sessions, sessionId)?.workspace?.base;
  /** Debounce timers by session, with the `wanted` count each was set for. */
  const timers = new Map<string, { timer: ReturnType<typeof setTimeout>; wanted: number }>();

  const cancelTimer = (sessionId: string) => {
    const pending = timers.get(sessionId);
    if (pending) clearTimeout(pending.timer);
    timers.delete(sessionId);
  };

  const readDiff = async (sessionId: string, path: string) => {
    try {
      const text = await workspaces.fileDiff(sessionId, path);
      update((s) => diffArrived(s, sessionId, path, { text }));
    } catch (error) {
      update((s) => diffArrived(s, sessionId, path, { error: errorWords(error) }));
    }
  };

  const readList = async (sessionId: string) => {
    cancelTimer(sessionId);
    update((s) => listRequested(s, sessionId));
    try {
      const list = await workspaces.changes(sessionId);
      update((s) => listArrived(s, sessionId, list));
      const open = entry(sessionId).file;
      if (open) void readDiff(sessionId, open.path); // the open file may have changed too
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      update((s) => listFailed(s, sessionId, errorWords(error), typeof code === "string" ? code : "INTERNAL_ERROR"));
    }
  };

  const refresh = (sessionId: string) => {
    if (entry(sessionId).loading) update((s) => markStale(s, sessionId));
    else void readList(sessionId);
  };

  /** (Re)starts the debounce of a stale list; a timer already set for the same triggers is left alone. */
  const debounce = (sessionId: string, wanted: number) => {
    if (timers.get(sessionId)?.wanted === wanted) return;
    cancelTimer(sessionId);
    const timer = setTimeout(() => {
      timers.delete(sessionId);
      if (shown() === sessionId && wantsRefresh(entry(sessionId))) void readList(sessionId);
    }, debounceMs);
    timers.set(sessionId, { timer, wanted });
  };

  store.subscribe((next, prev) => {
    if (next.changes === prev.changes && next.tabs.active === prev.tabs.active) return;
    const sessionId = next.changes.open ? next.tabs.active : null;
    if (!sessionId) return;
    const before = prev.changes.open ? prev.tabs.active : null;
    // Not from inside a listener: the other listeners have not seen this change yet.
    if (sessionId !== before) {
      queueMicrotask(() => {
        if (shown() === sessionId) refresh(sessionId);
      });
      return;
    }
    const current = sessionChanges(next.changes, sessionId);
    if (wantsRefresh(current)) debounce(sessionId, current.wanted);
  });

  /** Runs one action: busy while it runs, its result or error in the panel, then the list read again. */
  const act = async (
    sessionId: string,
    kind: "commit" | "merge" | "discard",
    run: () => Promise<string>,
  ): Promise<boolean> => {
    if (entry(sessionId).busy) return false;
    // A discarded session's tab closes (its entry goes with it): nothing is recorded for a closed tab.
    const stillOpen = () => store.get().tabs.open.includes(sessionId);
    update((s) => actionStarted(s, sessionId, kind));
    try {
      const status = await run();
      if (stillOpen()) update((s) => actionEnded(s, sessionId, { status }));
      return true;
    } catch (error) {
      if (stillOpen()) update((s) => actionEnded(s, sessionId, { error: actionErrorOf(error, baseOf(sessionId)) }));
      return false;
    } finally {
      if (stillOpen()) refresh(sessionId);
    }
  };

  return {
    togglePanel(open) {
      update((s) => ({ ...s, open: open ?? !s.open }));
    },
    refresh,
    openFile(sessionId, path) {
      update((s) => fileOpened(s, sessionId, path));
      void readDiff(sessionId, path);
    },
    expandDiff(sessionId) {
      update((s) => diffExpanded(s, sessionId));
    },
    setDiffMode(mode) {
      update((s) => ({ ...s, mode }));
    },
    setCommitMessage(sessionId, message) {
      update((s) => updateSessionChanges(s, sessionId, () => ({ commitMessage: message })));
    },
    commit: (sessionId, message) =>
      act(sessionId, "commit", async () => committedText(await workspaces.commit(sessionId, message.trim()))),
    merge: (sessionId) =>
      act(sessionId, "merge", async () => {
        const merged = await workspaces.merge(sessionId);
        return mergedText(baseOf(sessionId) ?? entry(sessionId).list?.baseBranch ?? "the base", merged);
      }),
    confirmDiscard(sessionId, show) {
      update((s) => ({
        ...updateSessionChanges(s, sessionId, () => ({ confirmDiscard: show })),
        open: show || s.open,
      }));
    },
    discard: (sessionId) =>
      act(sessionId, "discard", async () => {
        await workspaces.discard(sessionId);
        return "Discarded: the worktree and its branch are gone";
      }),
  };
}
