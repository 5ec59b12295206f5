// Archived sessions in the sidebar (issue 17 §4): each project's archived list, which disclosures are open, and the
// Undo offered for a few seconds after an archive.
import type { SessionSummary } from "../../shared/contracts/index.js";
import { sortSessions } from "./sessions.js";

/** Each project's archived sessions, by `projectId`, newest activity first; absent until listed. */
export type ArchivedByProject = Record<string, SessionSummary[]>;

/** How long the Undo of an archive is offered, in milliseconds (issue 17 §4: "a few seconds"). */
export const ARCHIVE_UNDO_MS = 6_000;

/** The archive the user may still undo: which session, its title then, and when the offer ends (epoch ms). */
export interface ArchiveUndo {
  sessionId: string;
  title: string;
  until: number;
}

/** What the sidebar holds about archived sessions. */
export interface ArchivedState {
  byProject: ArchivedByProject;
  /** Projects whose "Archived (N)" disclosure is open. */
  open: string[];
  /** The last archive, while its Undo is offered. */
  undo: ArchiveUndo | null;
}

/** Nothing listed, every disclosure closed, no Undo. */
export function initialArchivedState(): ArchivedState {
  return { byProject: {}, open: [], undo: null };
}

/** Replaces one project's archived list (a `session:list { archived: true }` reply), keeping only archived ones. */
export function setArchivedSessions(
  state: ArchivedState,
  projectId: string,
  sessions: readonly SessionSummary[],
): ArchivedState {
  const list = sortSessions(sessions.filter((s) => s.archived === true));
  return { ...state, byProject: { ...state.byProject, [projectId]: list } };
}

/**
 * Applies a `session:updated` / `session:created` summary: an archived session joins (or is replaced in) its
 * project's archived list; one that is not archived leaves every archived list, and its Undo offer goes.
 * Returns `state` itself when nothing changed.
 */
export function applyArchivedSummary(state: ArchivedState, session: SessionSummary): ArchivedState {
  const { projectId, sessionId } = session;
  const current = state.byProject[projectId];
  const listed = current?.some((s) => s.sessionId === sessionId) ?? false;
  const undo = !session.archived && state.undo?.sessionId === sessionId ? null : state.undo;
  if (!session.archived && !listed && undo === state.undo) return state;
  const others = (current ?? []).filter((s) => s.sessionId !== sessionId);
  const next = session.archived ? sortSessions([...others, session]) : others;
  return { ...state, undo, byProject: { ...state.byProject, [projectId]: next } };
}

/** Opens or closes one project's disclosure. */
export function toggleArchivedOpen(state: ArchivedState, projectId: string): ArchivedState {
  const open = state.open.includes(projectId)
    ? state.open.filter((id) => id !== projectId)
    : [...state.open, projectId];
  return { ...state, open };
}

/** Offers the Undo of archiving `sessionId` (replacing an earlier offer) until `now + ARCHIVE_UNDO_MS`. */
export function offerArchiveUndo(state: ArchivedState, sessionId: string, title: string, now: number): ArchivedState {
  return { ...state, undo: { sessionId, title, until: now + ARCHIVE_UNDO_MS } };
}

/** Withdraws the Undo offer, when it is the one for `sessionId` (or any offer, without one). */
export function dropArchiveUndo(state: ArchivedState, sessionId?: string): ArchivedState {
  if (!state.undo || (sessionId !== undefined && state.undo.sessionId !== sessionId)) return state;
  return { ...state, undo: null };
}

/** Forgets a removed project's archived list and disclosure. */
export function dropArchivedProject(state: ArchivedState, projectId: string): ArchivedState {
  if (!(projectId in state.byProject) && !state.open.includes(projectId)) return state;
  const { [projectId]: _gone, ...byProject } = state.byProject;
  return { ...state, byProject, open: state.open.filter((id) => id !== projectId) };
}
