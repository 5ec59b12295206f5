// The archive commands (issue 17 §4): archive with an Undo offer, unarchive, open an archived session, the
// sidebar's "Archived (N)" disclosure.
import { dropArchiveUndo, offerArchiveUndo, toggleArchivedOpen } from "../state/archived.js";
import { displayTitle, findSession } from "../state/sessions.js";
import { reportCommandError } from "./commands.js";
import type { AppContext } from "./context.js";

/** What the sidebar and the Undo toast call. Failures are shown as toasts (CONTRACTS.md §8). */
export interface ArchiveActions {
  /** `session:archive`; once it worked, an Undo is offered for `ARCHIVE_UNDO_MS` (state `archived.undo`). */
  archive(sessionId: string): Promise<void>;
  /** `session:unarchive`: the session is back in its project's list (its CLI not started); false when refused. */
  unarchive(sessionId: string): Promise<boolean>;
  /**
   * Opens an archived session: it is unarchived first (so it is a session like any other again, listed and
   * writable), then its tab opens. Nothing opens when the unarchive is refused.
   */
  open(sessionId: string, openTab: (sessionId: string) => void): Promise<void>;
  /** Opens or closes a project's "Archived (N)" list. */
  toggle(projectId: string): void;
  /** Withdraws the Undo offer of `sessionId` (its time is up, or the user dismissed it). */
  dismissUndo(sessionId: string): void;
}

/** Creates the archive commands bound to `ctx`. */
export function createArchiveActions(ctx: AppContext, now: () => number = Date.now): ArchiveActions {
  const { store, transport } = ctx;
  const unarchive = async (sessionId: string): Promise<boolean> => {
    try {
      await transport.request({ type: "session:unarchive", sessionId });
      store.set((s) => ({ archived: dropArchiveUndo(s.archived, sessionId) }));
      return true;
    } catch (error) {
      reportCommandError(ctx, error);
      return false;
    }
  };
  return {
    async archive(sessionId) {
      const title = displayTitle(findSession(store.get().sessions, sessionId));
      try {
        await transport.request({ type: "session:archive", sessionId });
      } catch (error) {
        reportCommandError(ctx, error);
        return;
      }
      store.set((s) => ({ archived: offerArchiveUndo(s.archived, sessionId, title, now()) }));
    },
    unarchive,
    async open(sessionId, openTab) {
      if (await unarchive(sessionId)) openTab(sessionId);
    },
    toggle(projectId) {
      store.set((s) => ({ archived: toggleArchivedOpen(s.archived, projectId) }));
    },
    dismissUndo(sessionId) {
      store.set((s) => ({ archived: dropArchiveUndo(s.archived, sessionId) }));
    },
  };
}
