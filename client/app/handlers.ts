// One handler per server message type (CONTRACTS.md section 7): each applies its message to the store and registry.
import type { ServerMessageOf, SessionSummary } from "../../shared/contracts/index.js";
import { omitKey } from "../state/app-state.js";
import { applyArchivedSummary, dropArchivedProject, setArchivedSessions } from "../state/archived.js";
import { forgetSession } from "../state/attention.js";
import { markStale, streamMayChangeFiles, summaryMoved } from "../state/changes.js";
import {
  applyHistory,
  applyPermissionRequest,
  applyPermissionResolved,
  applyStream,
  noteSent,
  pendingPermissions,
} from "../state/items.js";
import { applySessionSummary, findSession, removeSession, setProjectSessions } from "../state/sessions.js";
import { markAttention } from "../state/tabs.js";
import { closeSessions, openSession } from "./commands.js";
import type { AppContext } from "./context.js";

/**
 * `session:upsert` / `session:turn`: applied in seq order; a gap re-opens the session once from the last applied seq;
 * a turn's end badges its tab (`done`) when it is not the active one. A write-like tool call's end or a turn's end
 * marks the session's change list stale (the Changes panel reads it again).
 */
export function onStream(ctx: AppContext, message: ServerMessageOf<"session:upsert" | "session:turn">): void {
  const state = ctx.registry.get(message.sessionId);
  if (!state) return;
  const before = message.type === "session:upsert" ? state.items.get(message.payload.itemId) : undefined;
  const result = applyStream(state, message);
  if (result.kind === "gap") {
    if (ctx.resync.shouldSend(message.sessionId, result.afterSeq)) openSession(ctx, message.sessionId, result.afterSeq);
    return;
  }
  if (result.kind !== "applied") return;
  ctx.resync.clear(message.sessionId);
  if (streamMayChangeFiles(before, message)) {
    const sessionId = message.sessionId;
    ctx.store.set((s) => ({ changes: markStale(s.changes, sessionId) }));
  }
  if (message.type === "session:turn" && message.payload.type !== "turn_started") {
    const sessionId = message.sessionId;
    ctx.store.set((s) => ({ tabs: markAttention(s.tabs, sessionId, "done") }));
  }
  ctx.registry.notify(message.sessionId);
}

/** `session:history`: a page of items (the first, or an older one); the session's open error goes. */
export function onHistory(ctx: AppContext, message: ServerMessageOf<"session:history">): void {
  const state = ctx.registry.get(message.sessionId);
  if (!state) return;
  applyHistory(state, message);
  ctx.resync.clear(message.sessionId);
  ctx.store.set((s) => ({ openErrors: omitKey(s.openErrors, message.sessionId) }));
  ctx.registry.notify(message.sessionId);
}

/** `project:list`: the projects, in the server's order. */
export function onProjectList(ctx: AppContext, message: ServerMessageOf<"project:list">): void {
  ctx.store.set({ projects: message.projects, projectsLoaded: true });
}

/** `project:added`: appended unless already known. */
export function onProjectAdded(ctx: AppContext, message: ServerMessageOf<"project:added">): void {
  ctx.store.set((s) => ({
    projects: s.projects.some((p) => p.projectId === message.project.projectId)
      ? s.projects
      : [...s.projects, message.project],
  }));
}

/** `project:removed`: its sessions' tabs close; the project and its session list go. */
export function onProjectRemoved(ctx: AppContext, message: ServerMessageOf<"project:removed">): void {
  const gone = (ctx.store.get().sessions[message.projectId] ?? []).map((s) => s.sessionId);
  closeSessions(ctx, gone);
  ctx.store.set((s) => ({
    projects: s.projects.filter((p) => p.projectId !== message.projectId),
    sessions: omitKey(s.sessions, message.projectId),
    archived: dropArchivedProject(s.archived, message.projectId),
    removeConfirm: null,
  }));
}

/** `session:list`: one project's sessions (or, `archived: true`, its archived ones); open tabs remember their titles. */
export function onSessionList(ctx: AppContext, message: ServerMessageOf<"session:list">): void {
  if (message.archived) {
    ctx.store.set((s) => ({ archived: setArchivedSessions(s.archived, message.projectId, message.sessions) }));
    return;
  }
  ctx.store.set((s) => ({ sessions: setProjectSessions(s.sessions, message.projectId, message.sessions) }));
  for (const session of message.sessions) rememberTitle(ctx, session);
}

/**
 * `session:created` / `session:updated`: the summary replaces the listed one (in the archived list when archived);
 * an archived session's tab closes. A
 * live change summary that moved marks the session's change list stale.
 */
export function onSessionSummary(
  ctx: AppContext,
  message: ServerMessageOf<"session:created" | "session:updated">,
): void {
  const { session } = message;
  const before = findSession(ctx.store.get().sessions, session.sessionId)?.workspace?.changes;
  const moved = summaryMoved(before, session.workspace?.changes);
  ctx.store.set((s) => ({
    sessions: applySessionSummary(s.sessions, session),
    archived: applyArchivedSummary(s.archived, session),
    ...(moved ? { changes: markStale(s.changes, session.sessionId) } : {}),
  }));
  rememberTitle(ctx, message.session);
  if (message.session.archived) {
    closeSessions(ctx, [message.session.sessionId]);
    ctx.store.set((s) => ({ attention: forgetSession(s.attention, session.sessionId) }));
  }
}

/** `session:archived`: the session leaves the lists and its tab closes. */
export function onSessionArchived(ctx: AppContext, message: ServerMessageOf<"session:archived">): void {
  ctx.store.set((s) => ({
    sessions: removeSession(s.sessions, message.sessionId),
    attention: forgetSession(s.attention, message.sessionId),
  }));
  closeSessions(ctx, [message.sessionId]);
}

/**
 * `session:sent`: the CLI accepted the message as `turnId`. (The composer's `sending` flag is cleared by the send
 * action itself when its request settles; see `state/send-state.ts`.)
 */
export function onSessionSent(ctx: AppContext, message: ServerMessageOf<"session:sent">): void {
  const state = ctx.registry.get(message.sessionId);
  if (!state) return;
  noteSent(state, message.turnId);
  ctx.registry.notify(message.sessionId);
}

/** `permission:request`: an approval card waits; the tab is badged `permission`. */
export function onPermissionRequest(ctx: AppContext, message: ServerMessageOf<"permission:request">): void {
  const state = ctx.registry.get(message.sessionId);
  if (!state) return;
  applyPermissionRequest(state, message.request);
  ctx.store.set((s) => ({ tabs: markAttention(s.tabs, message.sessionId, "permission") }));
  ctx.registry.notify(message.sessionId);
}

/** `permission:resolved`: the card shows how it ended; the badge goes when no other request waits. */
export function onPermissionResolved(ctx: AppContext, message: ServerMessageOf<"permission:resolved">): void {
  const state = ctx.registry.get(message.sessionId);
  if (!state) return;
  applyPermissionResolved(state, message.requestId, message.optionId, message.outcome);
  if (pendingPermissions(state).length === 0 && ctx.store.get().tabs.attention[message.sessionId] === "permission") {
    ctx.store.set((s) => ({ tabs: { ...s.tabs, attention: omitKey(s.tabs.attention, message.sessionId) } }));
  }
  ctx.registry.notify(message.sessionId);
}

/** An unsolicited `error` (one that answers no pending request): shown as a toast. */
export function onError(ctx: AppContext, message: ServerMessageOf<"error">): void {
  ctx.reportError(message.code, message.message);
}

function rememberTitle(ctx: AppContext, session: SessionSummary): void {
  const { titles, tabs } = ctx.store.get();
  if (!tabs.open.includes(session.sessionId)) return;
  const known = titles[session.sessionId];
  if (known?.title === session.title && known.cliType === session.cliType) return;
  ctx.store.set({ titles: { ...titles, [session.sessionId]: { title: session.title, cliType: session.cliType } } });
}

/** `project:updated`: a project's settings changed (its setup command); the list shows the new entry. */
export function onProjectUpdated(ctx: AppContext, message: ServerMessageOf<"project:updated">): void {
  const { project } = message;
  ctx.store.set((s) => ({ projects: s.projects.map((p) => (p.projectId === project.projectId ? project : p)) }));
}
