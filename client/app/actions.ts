// User → server: every command the UI can issue, with its failure shown in words (CONTRACTS.md sections 7, 8).
import type { ImageInput, PermissionMode } from "../../shared/contracts/index.js";
import { type NewSessionForm, omitKey } from "../state/app-state.js";
import { describeError } from "../state/error-text.js";
import { applyPermissionResolved, firstItemId } from "../state/items.js";
import { freshNewSessionForm, modelRequest, withProjectGit, workspaceRequest } from "../state/new-session.js";
import { sendSettled, sendStarted } from "../state/send-state.js";
import { cycleTab, focusTab, moveTab, openOrFocus } from "../state/tabs.js";
import { type ArchiveActions, createArchiveActions } from "./archive.js";
import { type ChangesActions, createChangesActions } from "./changes.js";
import { closeSessions, openSession, refreshSessions, reportCommandError } from "./commands.js";
import { type CompletionActions, createCompletionActions } from "./completions.js";
import type { AppContext } from "./context.js";
import { createModelActions, type ModelActions } from "./models.js";
import { createTerminalActions, type TerminalActions } from "./terminals.js";
import { createWorkspaceActions, type WorkspaceActions } from "./workspaces.js";

export type { ArchiveActions } from "./archive.js";
export type { ChangesActions } from "./changes.js";
export type { CompletionActions } from "./completions.js";
export type { TerminalActions, TerminalAttachment, TerminalSink } from "./terminals.js";
export type { WorkspaceActions } from "./workspaces.js";

/** The UI's commands. Each shows its own failure; the promise-returning ones resolve to whether it worked. */
export interface Actions {
  addProject(path: string): Promise<boolean>;
  removeProject(projectId: string): Promise<void>;
  askRemoveProject(projectId: string | null): void;
  toggleProject(projectId: string): void;
  toggleSidebar(): void;
  openNewSessionForm(projectId: string | null): void;
  updateNewSessionForm(
    patch: Partial<
      Pick<NewSessionForm, "cliType" | "permissionMode" | "where" | "branch" | "base" | "model" | "effort">
    >,
  ): void;
  createSession(): Promise<void>;
  openSession(sessionId: string): void;
  closeTab(sessionId: string): void;
  focusTab(sessionId: string): void;
  moveTab(sessionId: string, targetId: string, after: boolean): void;
  cycleTab(offset: number): void;
  /**
   * `session:send` with the text and the attached images (base64; a message may be images only); resolves true once
   * the server took it, false when refused (the reason in `sendErrors`).
   */
  send(sessionId: string, content: string, images?: readonly ImageInput[]): Promise<boolean>;
  cancel(sessionId: string): void;
  /** `permission:respond` with the chosen option and, for an option with `feedback`, the user's words for the agent. */
  respondPermission(sessionId: string, requestId: string, optionId: string, message?: string): Promise<boolean>;
  /** `session:permission-mode`: changes a session's mode (the live CLI's too); the reply's summary updates the lists. */
  setPermissionMode(sessionId: string, mode: PermissionMode): Promise<boolean>;
  /** `session:kill`: ends the session's CLI process (state `dead`; a later message resumes it). */
  killSession(sessionId: string): Promise<boolean>;
  /** `session:rename`: gives the session `title` (the reply's summary updates the lists); false when refused. */
  renameSession(sessionId: string, title: string): Promise<boolean>;
  /**
   * `session:load`: wakes a `sleeping` session's CLI ahead of the message being typed (at most one request per
   * session at a time; a failure is not shown here: sending reports it).
   */
  wake(sessionId: string): void;
  /** `session:archive`, with an Undo offered for a few seconds (see `archive.archive`). */
  archiveSession(sessionId: string): Promise<void>;
  loadOlder(sessionId: string): void;
  retryOpen(sessionId: string): void;
  /** The terminal panel's commands (app/terminals.ts). */
  terminals: TerminalActions;
  /** The workspace commands as such: project git facts, project settings, … (app/workspaces.ts). */
  workspaces: WorkspaceActions;
  /** The Changes panel: the change list, a file's diff, Commit, Merge, Discard (app/changes.ts). */
  changes: ChangesActions;
  /** The model commands: a session's models and model, a CLI's known models (app/models.ts). */
  models: ModelActions;
  /** The composer popup's questions: slash commands, @-mention files (app/completions.ts). */
  completions: CompletionActions;
  /** Archived sessions: unarchive, open, the sidebar's disclosure, the archive's Undo (app/archive.ts). */
  archive: ArchiveActions;
}

const errorText = (error: unknown): string => {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return describeError(typeof code === "string" ? code : "INTERNAL_ERROR", typeof message === "string" ? message : "");
};

/** Creates the actions bound to `ctx`. */
export function createActions(ctx: AppContext, terminalSocketUrl?: (terminalId: string) => string): Actions {
  const { store, registry, transport } = ctx;
  const workspaces = createWorkspaceActions(ctx);
  const models = createModelActions(ctx);
  const archive = createArchiveActions(ctx);
  /** What the form's model picker offers: the chosen CLI's last known models (`cli:models`). */
  const askFormModels = () => {
    const form = store.get().newSession;
    if (!form) return;
    const { cliType } = form;
    void models.cliModels(cliType).then((list) => {
      const now = store.get().newSession;
      if (now && now.cliType === cliType && now.models === null) {
        store.set({ newSession: { ...now, models: list ?? { cliType, models: [] } } });
      }
    });
  };
  /** Sessions with a `session:load` (wake) in flight. */
  const waking = new Set<string>();

  const actions: Actions = {
    async addProject(path) {
      const trimmed = path.trim();
      if (!trimmed) {
        store.set({ projectAdd: { busy: false, error: "Type or paste a folder path first." } });
        return false;
      }
      store.set({ projectAdd: { busy: true, error: null } });
      try {
        const reply = await transport.request({ type: "project:add", path: trimmed });
        store.set({ projectAdd: { busy: false, error: null } });
        if (reply.type === "project:added") void refreshSessions(ctx, reply.project.projectId);
        return true;
      } catch (error) {
        store.set({ projectAdd: { busy: false, error: errorText(error) } });
        return false;
      }
    },

    async removeProject(projectId) {
      store.set({ removeConfirm: null });
      try {
        await transport.request({ type: "project:remove", projectId });
      } catch (error) {
        reportCommandError(ctx, error);
      }
    },

    askRemoveProject(projectId) {
      store.set({ removeConfirm: projectId });
    },

    toggleProject(projectId) {
      store.set((s) => ({
        collapsed: s.collapsed.includes(projectId)
          ? s.collapsed.filter((id) => id !== projectId)
          : [...s.collapsed, projectId],
      }));
    },

    toggleSidebar() {
      store.set((s) => ({ sidebarCollapsed: !s.sidebarCollapsed }));
    },

    openNewSessionForm(projectId) {
      if (projectId === null) {
        store.set({ newSession: null });
        return;
      }
      store.set((s) => ({
        newSession: freshNewSessionForm(projectId, s.newSession),
        collapsed: s.collapsed.filter((id) => id !== projectId),
      }));
      // What "Where" offers: a worktree only in a git repository, with its suggested branch and the branches.
      void workspaces.projectGit(projectId).then((git) => {
        const form = store.get().newSession;
        if (form?.projectId === projectId && form.git === null) store.set({ newSession: withProjectGit(form, git) });
      });
      askFormModels();
    },

    updateNewSessionForm(patch) {
      const form = store.get().newSession;
      if (!form) return;
      const cliChanged = patch.cliType !== undefined && patch.cliType !== form.cliType;
      const models = cliChanged ? { models: null, model: "", effort: "" } : {};
      store.set({ newSession: { ...form, ...patch, ...models, error: null } });
      if (cliChanged) askFormModels();
    },

    async createSession() {
      const form = store.get().newSession;
      if (!form || form.busy) return;
      store.set({ newSession: { ...form, busy: true, error: null } });
      try {
        const reply = await transport.request({
          type: "session:create",
          projectId: form.projectId,
          cliType: form.cliType,
          permissionMode: form.permissionMode,
          workspace: workspaceRequest(form),
          ...modelRequest(form),
        });
        // The tab first, then the form goes: the composer hands what was typed meanwhile to the tab in view.
        if (reply.type === "session:created") actions.openSession(reply.session.sessionId);
        store.set({ newSession: null });
      } catch (error) {
        const current = store.get().newSession;
        if (current) store.set({ newSession: { ...current, busy: false, error: errorText(error) } });
        else reportCommandError(ctx, error);
      }
    },

    openSession(sessionId) {
      // Ask the server first: it reads the history while the tab is being drawn.
      if (!registry.get(sessionId)) {
        registry.ensure(sessionId);
        openSession(ctx, sessionId);
      }
      store.set((s) => ({ tabs: openOrFocus(s.tabs, sessionId) }));
      registry.notify(sessionId);
    },

    closeTab(sessionId) {
      closeSessions(ctx, [sessionId]);
    },

    focusTab(sessionId) {
      store.set((s) => ({ tabs: focusTab(s.tabs, sessionId) }));
    },

    moveTab(sessionId, targetId, after) {
      store.set((s) => ({ tabs: moveTab(s.tabs, sessionId, targetId, after) }));
    },

    cycleTab(offset) {
      store.set((s) => ({ tabs: cycleTab(s.tabs, offset) }));
    },

    async send(sessionId, content, images = []) {
      if (!content.trim() && images.length === 0) return false;
      store.set((s) => sendStarted(s, sessionId));
      let failure: string | null = null;
      try {
        await transport.request({
          type: "session:send",
          sessionId,
          content,
          ...(images.length > 0 ? { images: [...images] } : {}),
        });
      } catch (error) {
        failure = errorText(error);
      }
      // The one place `sending` is cleared: the request settled (acknowledged, refused, timed out or cut off).
      store.set((s) => sendSettled(s, sessionId, failure));
      return failure === null;
    },

    cancel(sessionId) {
      const sent = transport.fire({ type: "session:cancel", sessionId }, (error) => reportCommandError(ctx, error));
      if (!sent) ctx.reportError("NOT_CONNECTED", "The cancel was not sent.");
    },

    async respondPermission(sessionId, requestId, optionId, message) {
      try {
        await transport.request(
          { type: "permission:respond", sessionId, requestId, optionId, ...(message ? { message } : {}) },
          30_000,
        );
        return true;
      } catch (error) {
        reportCommandError(ctx, error);
        // No longer open on the server (answered on another page, or closed while this page was offline): the card
        // stops offering its buttons; the toast says what happened.
        const state = registry.get(sessionId);
        if ((error as { code?: unknown }).code === "PERMISSION_REQUEST_NOT_FOUND" && state) {
          if (!state.permissions.get(requestId)?.resolution) {
            applyPermissionResolved(state, requestId, undefined, "cancelled");
            registry.notify(sessionId);
          }
        }
        return false;
      }
    },

    async setPermissionMode(sessionId, mode) {
      try {
        await transport.request({ type: "session:permission-mode", sessionId, permissionMode: mode });
        return true;
      } catch (error) {
        reportCommandError(ctx, error);
        return false;
      }
    },

    async killSession(sessionId) {
      try {
        await transport.request({ type: "session:kill", sessionId }, 30_000);
        return true;
      } catch (error) {
        reportCommandError(ctx, error);
        return false;
      }
    },

    async renameSession(sessionId, title) {
      try {
        await transport.request({ type: "session:rename", sessionId, title });
        return true;
      } catch (error) {
        reportCommandError(ctx, error);
        return false;
      }
    },

    wake(sessionId) {
      if (waking.has(sessionId)) return;
      waking.add(sessionId);
      transport
        .request({ type: "session:load", sessionId }, 60_000)
        .catch(() => undefined)
        .finally(() => waking.delete(sessionId));
    },

    archiveSession(sessionId) {
      return archive.archive(sessionId);
    },

    loadOlder(sessionId) {
      const state = registry.get(sessionId);
      const beforeItemId = state ? firstItemId(state) : undefined;
      if (!state || !beforeItemId || !state.hasMore || state.loadingOlder || !state.loaded) return;
      state.loadingOlder = true;
      const sent = transport.fire({ type: "session:history:more", sessionId, beforeItemId }, (error) => {
        state.loadingOlder = false;
        registry.notify(sessionId);
        reportCommandError(ctx, error);
      });
      if (!sent) state.loadingOlder = false;
      registry.notify(sessionId);
    },

    retryOpen(sessionId) {
      store.set((s) => ({ openErrors: omitKey(s.openErrors, sessionId) }));
      registry.ensure(sessionId);
      openSession(ctx, sessionId);
      registry.notify(sessionId);
    },
    terminals: createTerminalActions(ctx, terminalSocketUrl),
    workspaces,
    changes: createChangesActions(ctx, workspaces),
    models,
    completions: createCompletionActions(ctx),
    archive,
  };
  return actions;
}
