// Commands both directions need: open / close sessions, refresh the lists, resume after a connect, report failures.
import { dropSessionChanges } from "../state/changes.js";
import { describeError } from "../state/error-text.js";
import { closeTabs } from "../state/tabs.js";
import type { AppContext } from "./context.js";
import { openCommand, resumePlan } from "./resume.js";

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

/** Fetches one project's sessions (`session:list`) and its archived ones (`session:list { archived: true }`). */
export async function refreshSessions(ctx: AppContext, projectId: string): Promise<void> {
  ctx.store.set((s) => ({ sessionsLoading: [...s.sessionsLoading.filter((id) => id !== projectId), projectId] }));
  try {
    const archived = ctx.transport.request({ type: "session:list", projectId, archived: true });
    await Promise.all([ctx.transport.request({ type: "session:list", projectId }), archived]);
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

/** Closes tabs (and stops watching their sessions, forgetting their change lists), e.g. after an archive. */
export function closeSessions(ctx: AppContext, sessionIds: string[]): void {
  const open = ctx.store.get().tabs.open;
  const closing = sessionIds.filter((id) => open.includes(id));
  if (closing.length === 0) return;
  ctx.store.set((s) => ({ tabs: closeTabs(s.tabs, closing), changes: dropSessionChanges(s.changes, closing) }));
  for (const id of closing) {
    ctx.transport.send({ type: "session:close", sessionId: id });
    ctx.registry.drop(id);
    ctx.resync.clear(id);
  }
}
