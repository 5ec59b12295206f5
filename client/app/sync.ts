// Server → state: applies every server message to the store and the item registry, resumes sessions on reconnect.
import type { ServerMessage, ServerMessageOf, SessionSummary } from "../../shared/contracts/index.js";
import { openCommand, resumePlan } from "../net/resume.js";
import { omitKey } from "../state/app-state.js";
import { describeError } from "../state/error-text.js";
import {
  applyHistory,
  applyPermissionRequest,
  applyPermissionResolved,
  applyStream,
  noteSent,
  pendingPermissions,
} from "../state/items.js";
import { applySessionSummary, removeSession, setProjectSessions } from "../state/sessions.js";
import { closeTabs, markAttention } from "../state/tabs.js";
import type { AppContext } from "./context.js";

/** Sends `session:open` for one session (resuming from its last applied seq when loaded); failures are recorded. */
export function openSession(ctx: AppContext, sessionId: string, afterSeq?: number): void {
  const command =
    afterSeq === undefined
      ? openCommand(sessionId, ctx.registry.get(sessionId))
      : { type: "session:open" as const, sessionId, afterSeq };
  ctx.transport.fire(command, (error) => {
    const text = describeError(error.code, error.message);
    ctx.store.set((s) => ({ openErrors: { ...s.openErrors, [sessionId]: text } }));
    ctx.registry.notify(sessionId);
  });
}

/**
 * After every (re)connect: forget pending re-opens and older-page requests, re-open every open tab (from its last
 * applied seq), and refresh the project and session lists.
 */
export function resumeAfterConnect(ctx: AppContext): void {
  ctx.resync.clear();
  const { tabs } = ctx.store.get();
  for (const sessionId of ctx.registry.ids()) {
    const state = ctx.registry.get(sessionId);
    if (state) state.loadingOlder = false;
  }
  for (const command of resumePlan(tabs.open, (id) => ctx.registry.ensure(id))) {
    openSession(ctx, command.sessionId, command.afterSeq);
  }
  void refreshProjects(ctx);
}

/** Fetches the projects, then every project's sessions. Failures are reported. */
export async function refreshProjects(ctx: AppContext): Promise<void> {
  try {
    const reply = await ctx.transport.request({ type: "project:list" });
    if (reply.type !== "project:list") return;
    await Promise.all(reply.projects.map((project) => refreshSessions(ctx, project.projectId)));
  } catch (error) {
    reportCommandError(ctx, error);
  }
}

/** Fetches one project's sessions (`session:list`). */
export async function refreshSessions(ctx: AppContext, projectId: string): Promise<void> {
  ctx.store.set((s) => ({ sessionsLoading: [...s.sessionsLoading.filter((id) => id !== projectId), projectId] }));
  try {
    await ctx.transport.request({ type: "session:list", projectId });
  } catch (error) {
    reportCommandError(ctx, error);
  } finally {
    ctx.store.set((s) => ({ sessionsLoading: s.sessionsLoading.filter((id) => id !== projectId) }));
  }
}

/** Reports a rejected command (a `CommandError`, or anything else) as a toast. */
export function reportCommandError(ctx: AppContext, error: unknown): void {
  const { code, message } = error as { code?: unknown; message?: unknown };
  ctx.reportError(
    typeof code === "string" ? code : "INTERNAL_ERROR",
    typeof message === "string" ? message : String(error),
  );
}

function rememberTitle(ctx: AppContext, session: SessionSummary): void {
  const { titles, tabs } = ctx.store.get();
  if (!tabs.open.includes(session.sessionId)) return;
  const known = titles[session.sessionId];
  if (known?.title === session.title && known.cliType === session.cliType) return;
  ctx.store.set({ titles: { ...titles, [session.sessionId]: { title: session.title, cliType: session.cliType } } });
}

/** Closes tabs (and stops watching their sessions), e.g. after an archive or a project removal. */
export function closeSessions(ctx: AppContext, sessionIds: string[]): void {
  const open = ctx.store.get().tabs.open;
  const closing = sessionIds.filter((id) => open.includes(id));
  if (closing.length === 0) return;
  ctx.store.set((s) => ({ tabs: closeTabs(s.tabs, closing) }));
  for (const id of closing) {
    ctx.transport.send({ type: "session:close", sessionId: id });
    ctx.registry.drop(id);
    ctx.resync.clear(id);
  }
}

function applyStreamMessage(ctx: AppContext, message: ServerMessageOf<"session:upsert" | "session:turn">): void {
  const state = ctx.registry.get(message.sessionId);
  if (!state) return;
  const result = applyStream(state, message);
  if (result.kind === "gap") {
    if (ctx.resync.shouldSend(message.sessionId, result.afterSeq)) openSession(ctx, message.sessionId, result.afterSeq);
    return;
  }
  if (result.kind !== "applied") return;
  ctx.resync.clear(message.sessionId);
  if (message.type === "session:turn" && message.payload.type !== "turn_started") {
    const sessionId = message.sessionId;
    ctx.store.set((s) => ({ tabs: markAttention(s.tabs, sessionId, "done"), sending: omitKey(s.sending, sessionId) }));
  }
  ctx.registry.notify(message.sessionId);
}

/** Applies one server message (CONTRACTS.md section 7) to the store and registry. */
export function handleServerMessage(ctx: AppContext, message: ServerMessage): void {
  const { store, registry } = ctx;
  switch (message.type) {
    case "session:upsert":
    case "session:turn":
      applyStreamMessage(ctx, message);
      return;
    case "session:history": {
      const state = registry.get(message.sessionId);
      if (!state) return;
      applyHistory(state, message);
      ctx.resync.clear(message.sessionId);
      store.set((s) => ({ openErrors: omitKey(s.openErrors, message.sessionId) }));
      registry.notify(message.sessionId);
      return;
    }
    case "project:list":
      store.set({ projects: message.projects, projectsLoaded: true });
      return;
    case "project:added":
      store.set((s) => ({
        projects: s.projects.some((p) => p.projectId === message.project.projectId)
          ? s.projects
          : [...s.projects, message.project],
      }));
      return;
    case "project:removed": {
      const gone = (store.get().sessions[message.projectId] ?? []).map((s) => s.sessionId);
      closeSessions(ctx, gone);
      store.set((s) => ({
        projects: s.projects.filter((p) => p.projectId !== message.projectId),
        sessions: omitKey(s.sessions, message.projectId),
        removeConfirm: null,
      }));
      return;
    }
    case "session:list":
      store.set((s) => ({ sessions: setProjectSessions(s.sessions, message.projectId, message.sessions) }));
      for (const session of message.sessions) rememberTitle(ctx, session);
      return;
    case "session:created":
    case "session:updated":
      store.set((s) => ({ sessions: applySessionSummary(s.sessions, message.session) }));
      rememberTitle(ctx, message.session);
      if (message.session.archived) closeSessions(ctx, [message.session.sessionId]);
      return;
    case "session:archived":
      store.set((s) => ({ sessions: removeSession(s.sessions, message.sessionId) }));
      closeSessions(ctx, [message.sessionId]);
      return;
    case "session:sent": {
      const state = registry.get(message.sessionId);
      if (state) noteSent(state, message.turnId);
      store.set((s) => ({ sending: omitKey(s.sending, message.sessionId) }));
      if (state) registry.notify(message.sessionId);
      return;
    }
    case "session:closed":
      return;
    case "permission:request": {
      const state = registry.get(message.sessionId);
      if (!state) return;
      applyPermissionRequest(state, message.request);
      store.set((s) => ({ tabs: markAttention(s.tabs, message.sessionId, "permission") }));
      registry.notify(message.sessionId);
      return;
    }
    case "permission:resolved": {
      const state = registry.get(message.sessionId);
      if (!state) return;
      applyPermissionResolved(state, message.requestId, message.optionId, message.outcome);
      if (pendingPermissions(state).length === 0 && store.get().tabs.attention[message.sessionId] === "permission") {
        store.set((s) => ({ tabs: { ...s.tabs, attention: omitKey(s.tabs.attention, message.sessionId) } }));
      }
      registry.notify(message.sessionId);
      return;
    }
    case "error":
      ctx.reportError(message.code, message.message);
      return;
  }
}
