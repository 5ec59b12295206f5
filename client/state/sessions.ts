// Session lists per project: newest activity first, `session:updated` applied in place, the sidebar's state dot.
import { cliLabel, type SessionSummary } from "../../shared/contracts/index.js";

/** Each project's sessions, by `projectId`, newest activity first. */
export type SessionsByProject = Record<string, SessionSummary[]>;

/** The sidebar dot: running (or starting), error (`lastError` set), dead, or idle. */
export type SessionDot = "idle" | "running" | "error" | "sleeping" | "dead";

/** Newest `lastActiveAt` first; ties keep their order. */
export function sortSessions(sessions: readonly SessionSummary[]): SessionSummary[] {
  return [...sessions].sort((a, b) => Date.parse(b.lastActiveAt) - Date.parse(a.lastActiveAt));
}

/** Replaces one project's list (a `session:list` reply), dropping archived sessions. */
export function setProjectSessions(
  byProject: SessionsByProject,
  projectId: string,
  sessions: readonly SessionSummary[],
): SessionsByProject {
  return { ...byProject, [projectId]: sortSessions(sessions.filter((s) => !s.archived)) };
}

/**
 * Applies a `session:updated` / `session:created` summary: replaces the session (by `sessionId`) in its project's
 * list or adds it, and re-sorts; an archived session leaves the list.
 */
export function applySessionSummary(byProject: SessionsByProject, session: SessionSummary): SessionsByProject {
  const current = byProject[session.projectId] ?? [];
  const others = current.filter((s) => s.sessionId !== session.sessionId);
  const next = session.archived ? others : sortSessions([...others, session]);
  return { ...byProject, [session.projectId]: next };
}

/** Removes a session from whichever list holds it (`session:archived`). */
export function removeSession(byProject: SessionsByProject, sessionId: string): SessionsByProject {
  const next: SessionsByProject = {};
  for (const [projectId, list] of Object.entries(byProject))
    next[projectId] = list.filter((s) => s.sessionId !== sessionId);
  return next;
}

/** Finds a session in any project's list. */
export function findSession(byProject: SessionsByProject, sessionId: string): SessionSummary | undefined {
  for (const list of Object.values(byProject)) {
    const found = list.find((s) => s.sessionId === sessionId);
    if (found) return found;
  }
  return undefined;
}

/** The dot a session row shows. A running turn wins over an old error; an error wins over dead (a crash). */
export function sessionDot(session: Pick<SessionSummary, "state" | "lastError">): SessionDot {
  if (session.state === "running" || session.state === "starting") return "running";
  if (session.lastError) return "error";
  if (session.state === "dead") return "dead";
  if (session.state === "sleeping") return "sleeping";
  return "idle";
}

/** A title to show when the session has none yet. */
export function displayTitle(session: Pick<SessionSummary, "title" | "cliType"> | undefined): string {
  const title = session?.title.trim();
  if (title) return title;
  return session ? `New ${cliLabel(session.cliType)} session` : "Session";
}

/**
 * Everything a sidebar row of `session` is drawn from (dot, error text, title, CLI, mode, age, source, workspace,
 * active), as one string: a row whose key did not change is kept as it is. A `session:updated` of a background
 * session that moved nothing the row shows (e.g. `starting` → `running`, both the running dot) leaves its row alone.
 */
export function sessionRowKey(session: SessionSummary, active: boolean): string {
  return JSON.stringify([
    active,
    session.sessionId,
    sessionDot(session),
    session.lastError?.message ?? null,
    session.title,
    session.cliType,
    session.permissionMode ?? null,
    session.lastActiveAt,
    session.source ?? null,
    session.workspace ?? null,
  ]);
}
