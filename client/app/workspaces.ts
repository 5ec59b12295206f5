// The workspace commands (`project:git`, `project:settings`, `session:changes`, `session:changes:file`,
// `session:commit`, `session:merge`, `session:discard` on /ws): each resolves with its reply's data or rejects with
// the server's `CommandError` (code and message in words).
import type { ChangesResponse, MergeResponse, ProjectGitResponse } from "../../shared/contracts/index.js";
import type { AppContext } from "./context.js";

/** What the new-session form, the Changes panel and the project settings call. */
export interface WorkspaceActions {
  /** The project's git facts for the new-session form (`null` when the question failed, e.g. disconnected). */
  projectGit(projectId: string): Promise<ProjectGitResponse | null>;
  /** Sets or removes (`""`) the project's setup command; the store's project follows the reply. */
  setSetupCommand(projectId: string, setupCommand: string): Promise<void>;
  changes(sessionId: string): Promise<ChangesResponse>;
  fileDiff(sessionId: string, path: string): Promise<string>;
  /** The new commit's object name. */
  commit(sessionId: string, message: string): Promise<string>;
  merge(sessionId: string): Promise<MergeResponse>;
  /** Removes the worktree and branch (the user confirmed); the session becomes archived. */
  discard(sessionId: string): Promise<void>;
}

/** The {@link WorkspaceActions} over `ctx.transport`. */
export function createWorkspaceActions(ctx: AppContext): WorkspaceActions {
  const { transport, store } = ctx;
  return {
    async projectGit(projectId) {
      try {
        const reply = await transport.request({ type: "project:git", projectId });
        if (reply.type !== "project:git") return null;
        const { type: _type, requestId: _requestId, projectId: _projectId, ...info } = reply;
        return info;
      } catch {
        return null;
      }
    },
    async setSetupCommand(projectId, setupCommand) {
      const reply = await transport.request({
        type: "project:settings",
        projectId,
        setupCommand: setupCommand || null,
      });
      if (reply.type === "project:updated") {
        const project = reply.project;
        store.set((s) => ({ projects: s.projects.map((p) => (p.projectId === project.projectId ? project : p)) }));
      }
    },
    async changes(sessionId) {
      const reply = await transport.request({ type: "session:changes", sessionId });
      if (reply.type !== "session:changes") throw new Error(`Unexpected reply ${reply.type}`);
      return reply.changes;
    },
    async fileDiff(sessionId, path) {
      const reply = await transport.request({ type: "session:changes:file", sessionId, path });
      if (reply.type !== "session:changes:file") throw new Error(`Unexpected reply ${reply.type}`);
      return reply.diff;
    },
    async commit(sessionId, message) {
      const reply = await transport.request({ type: "session:commit", sessionId, message });
      if (reply.type !== "session:committed") throw new Error(`Unexpected reply ${reply.type}`);
      return reply.commit;
    },
    async merge(sessionId) {
      const reply = await transport.request({ type: "session:merge", sessionId });
      if (reply.type !== "session:merged") throw new Error(`Unexpected reply ${reply.type}`);
      return { commit: reply.commit, fastForward: reply.fastForward };
    },
    async discard(sessionId) {
      await transport.request({ type: "session:discard", sessionId, confirm: true });
    },
  };
}
