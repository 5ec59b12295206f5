// The workspaces of sessions: worktree creation for new sessions, their changes, commit / merge / discard by session,
// the live change summary (recomputed when a tool call that may write ends), and each new worktree's setup command.
import { existsSync } from "node:fs";
import {
  type ChangeSummary,
  type ChangesResponse,
  isTerminalStatus,
  type Project,
  type ProjectGitResponse,
  type StreamMessage,
  type ToolCallUpsert,
  type WorkspaceRequest,
} from "../../shared/contracts/index.js";
import type { Logger } from "../../shared/util/index.js";
import type { ProjectStore } from "../projects/index.js";
import {
  type SessionWorkspace,
  type SetupRun,
  startSetupCommand,
  Workspaces,
  type WorktreeWorkspace,
} from "../workspaces/index.js";
import type { MetadataStore, SessionRecord, WorktreeRecord } from "./metadata-store.js";
import { RefreshQueue } from "./refresh-queue.js";
import type { ServiceEvents } from "./service-events.js";
import type { SessionDirectory } from "./session-directory.js";
import { setupItem } from "./setup-item.js";
import { ServiceError } from "./types.js";

/** Tool kinds (ACP `ToolKind`) that never change files: their end does not recompute the change summary. */
const READ_ONLY_KINDS = new Set(["read", "search", "think", "fetch"]);
/** How long after the last triggering tool call the summary is recomputed, in ms. */
const REFRESH_DELAY_MS = 250;
/** Summaries recomputed at once (each runs a few git commands). */
const REFRESH_CONCURRENCY = 2;

/** What `SessionWorkspaces` works with. */
export interface SessionWorkspacesDependencies {
  records: MetadataStore;
  projects: ProjectStore;
  directory: SessionDirectory;
  events: ServiceEvents;
  logger: Logger;
  /** Where worktrees are made: `<LIMINAL_DATA_DIR>/worktrees`. */
  worktreesDir: string;
  /** The shell setup commands run with (`$SHELL` when absolute, else `/bin/sh`). */
  shell: string;
  /** Puts a service-made item in a session's stream (`SessionRuntime.appendItem`). */
  appendItem: (sessionId: string, item: ToolCallUpsert) => void;
}

/**
 * Sessions' workspaces over {@link Workspaces}. A session works in its worktree when its record has one, else in its
 * project folder (a disk session: the folder its CLI recorded). Every method taking a `sessionId` throws ServiceError
 * `SESSION_NOT_FOUND` for an unknown session; commit, merge and discard throw `NOT_A_WORKTREE_SESSION` for a folder
 * session.
 */
export class SessionWorkspaces {
  private readonly workspaces: Workspaces;
  private readonly summaries = new Map<string, ChangeSummary>();
  /** The summaries' recomputations (their git commands write into the repository's object store). */
  private readonly refreshes = new RefreshQueue((sessionId) => this.refresh(sessionId), REFRESH_CONCURRENCY);
  private readonly setups = new Map<string, { run: SetupRun; done: Promise<void> }>();

  constructor(private readonly deps: SessionWorkspacesDependencies) {
    this.workspaces = new Workspaces(deps.worktreesDir);
    deps.events.streamed.add((message) => this.onStream(message));
  }

  /** `GET /api/projects/:id/git`. @throws `PROJECT_NOT_FOUND`. */
  projectGit(projectId: string, hint?: string): Promise<ProjectGitResponse> {
    return this.workspaces.inspect(this.deps.projects.get(projectId), hint);
  }

  /**
   * The new worktree a session of `project` asked for (`Workspaces.createWorktree`, default branch named after `hint`),
   * as its record keeps it; undefined for a session in the project folder.
   */
  async worktreeFor(
    project: Project,
    request: WorkspaceRequest | undefined,
    hint: string,
  ): Promise<WorktreeRecord | undefined> {
    if (request?.kind !== "worktree") return undefined;
    const { branch, base } = request;
    const created = await this.workspaces.createWorktree(project, {
      hint,
      ...(branch ? { branch } : {}),
      ...(base ? { base } : {}),
    });
    return { ...created, kind: "worktree" };
  }

  /**
   * A worktree session whose folder is gone (or was discarded) can only be discarded.
   * @throws ServiceError `WORKTREE_MISSING`.
   */
  assertPresent(sessionId: string): void {
    const worktree = this.deps.records.get(sessionId)?.workspace;
    if (worktree && (worktree.discarded || !existsSync(worktree.root))) {
      throw new ServiceError(
        "WORKTREE_MISSING",
        `The worktree folder ${worktree.path} of this session is gone (deleted outside the app): discard the session to remove its record and branch`,
      );
    }
  }

  /** @throws ServiceError `NOT_A_WORKTREE_SESSION`, or `CONFIRM_REQUIRED` unless `confirm`. */
  assertDiscardable(sessionId: string, confirm: boolean): void {
    this.worktreeOf(sessionId, { allowDiscarded: true });
    if (!confirm) {
      throw new ServiceError(
        "CONFIRM_REQUIRED",
        "Discarding removes the worktree, its branch and every change not merged: send confirm: true to go ahead",
      );
    }
  }

  /** Removes a worktree made for a session whose CLI then did not start; a failure is logged. */
  async removeUnused(worktree: WorktreeRecord): Promise<void> {
    try {
      await this.workspaces.discard(worktree);
    } catch (error) {
      this.deps.logger.warn(`Could not remove the unused worktree ${worktree.root}`, { error: String(error) });
    }
  }

  /** The changes of a session's workspace (`Workspaces.changes`); a worktree session's summary is updated with them. */
  async changes(sessionId: string): Promise<ChangesResponse> {
    const workspace = this.workspaceOf(sessionId);
    const changes = await this.workspaces.changes(workspace);
    if (workspace.kind === "worktree") this.setSummary(sessionId, summarize(changes));
    return changes;
  }

  /** One changed file's diff (`Workspaces.fileDiff`). */
  fileDiff(sessionId: string, path: string): Promise<string> {
    return this.workspaces.fileDiff(this.workspaceOf(sessionId), path);
  }

  /** Commits every change of a worktree session (`Workspaces.commit`); its summary is recomputed. */
  async commit(sessionId: string, message: string): Promise<string> {
    const commit = await this.workspaces.commit(this.worktreeOf(sessionId), message);
    this.refreshes.schedule(sessionId, 0);
    return commit;
  }

  /** Merges a worktree session's branch into its base (`Workspaces.merge`); its summary is recomputed. */
  async merge(sessionId: string): Promise<{ commit: string; fastForward: boolean }> {
    const result = await this.workspaces.merge(this.worktreeOf(sessionId));
    this.refreshes.schedule(sessionId, 0);
    return result;
  }

  /**
   * Removes a worktree session's worktree and branch (`Workspaces.discard`) after ending its setup command; the
   * record is marked `discarded`. The caller has ended the session's CLI and terminals.
   */
  async discard(sessionId: string): Promise<void> {
    const worktree = this.worktreeOf(sessionId, { allowDiscarded: true });
    await this.setups.get(sessionId)?.run.stop();
    await this.workspaces.discard(worktree);
    this.deps.records.update(sessionId, { workspace: { ...worktree, discarded: true } });
    this.summaries.delete(sessionId);
  }

  /** The worktree of `sessionId`'s record, or ServiceError `NOT_A_WORKTREE_SESSION`. */
  worktreeOf(sessionId: string, options: { allowDiscarded?: boolean } = {}): WorktreeRecord {
    const record = this.recordOf(sessionId);
    if (!record?.workspace) {
      throw new ServiceError("NOT_A_WORKTREE_SESSION", "This session works in the project folder, not in a worktree");
    }
    if (record.workspace.discarded && !options.allowDiscarded) {
      throw new ServiceError("WORKTREE_MISSING", "This session's worktree was discarded");
    }
    return record.workspace;
  }

  /** The change summary of a worktree session, once computed (the first call after a start schedules it). */
  summaryOf(sessionId: string): ChangeSummary | undefined {
    const summary = this.summaries.get(sessionId);
    if (!summary && !this.refreshes.has(sessionId)) this.refreshes.schedule(sessionId, 0);
    return summary;
  }

  /**
   * Runs the project's setup command in a new worktree (a `tool_call` item in the session shows its output and how
   * it ended); {@link untilSetUp} waits for it.
   */
  startSetup(sessionId: string, command: string, cwd: string): void {
    const item = setupItem(sessionId, command);
    this.deps.appendItem(sessionId, item.started());
    const run = startSetupCommand({
      command,
      cwd,
      shell: this.deps.shell,
      onOutput: (output) => this.deps.appendItem(sessionId, item.output(output)),
    });
    const done = run.done.then((result) => {
      this.deps.appendItem(sessionId, item.ended(result));
      this.setups.delete(sessionId);
      this.refreshes.schedule(sessionId, 0);
    });
    this.setups.set(sessionId, { run, done });
  }

  /** Resolves once the session's setup command (if one runs) has ended, however it ended. */
  untilSetUp(sessionId: string): Promise<void> {
    return this.setups.get(sessionId)?.done ?? Promise.resolve();
  }

  /**
   * Ends every running setup command and stops recomputing summaries (shutdown): nothing new starts, and it resolves
   * once the recomputations under way have finished, so no git command of this service still runs afterwards.
   */
  async closeAll(): Promise<void> {
    await Promise.all([...[...this.setups.values()].map((setup) => setup.run.stop()), this.refreshes.close()]);
  }

  private workspaceOf(sessionId: string): SessionWorkspace {
    const entry = this.deps.directory.find(sessionId);
    if (!entry) throw new ServiceError("SESSION_NOT_FOUND", `No session ${sessionId}`);
    const worktree = entry.record?.workspace;
    if (worktree) {
      if (worktree.discarded) throw new ServiceError("WORKTREE_MISSING", "This session's worktree was discarded");
      return worktree satisfies WorktreeWorkspace;
    }
    const path = entry.record
      ? (this.deps.projects.find(entry.record.projectId)?.path ?? entry.record.projectPath)
      : entry.disk?.info.cwd;
    if (!path) throw new ServiceError("SESSION_NOT_FOUND", `No session ${sessionId}`);
    return { kind: "folder", path };
  }

  private recordOf(sessionId: string): SessionRecord | undefined {
    const entry = this.deps.directory.find(sessionId);
    if (!entry) throw new ServiceError("SESSION_NOT_FOUND", `No session ${sessionId}`);
    return entry.record;
  }

  private onStream(message: StreamMessage): void {
    const sessionId = message.sessionId;
    if (!this.deps.records.get(sessionId)?.workspace) return;
    const payload = message.payload;
    const writes =
      message.type === "session:upsert"
        ? payload.type === "tool_call" && isTerminalStatus(payload.status) && !READ_ONLY_KINDS.has(payload.kind ?? "")
        : payload.type === "turn_complete" || payload.type === "turn_error";
    if (writes) this.refreshes.schedule(sessionId, REFRESH_DELAY_MS);
  }

  private async refresh(sessionId: string): Promise<void> {
    const worktree = this.deps.records.get(sessionId)?.workspace;
    if (!worktree || worktree.discarded) return;
    try {
      this.setSummary(sessionId, summarize(await this.workspaces.changes(worktree)));
    } catch (error) {
      if (!(error instanceof ServiceError && error.code === "WORKTREE_MISSING")) {
        this.deps.logger.warn(`Could not read the changes of session ${sessionId}`, { error: String(error) });
      }
    }
  }

  private setSummary(sessionId: string, summary: ChangeSummary): void {
    const before = this.summaries.get(sessionId);
    this.summaries.set(sessionId, summary);
    const same =
      before?.files === summary.files &&
      before.additions === summary.additions &&
      before.deletions === summary.deletions;
    if (!same) this.deps.events.changed.emit(sessionId);
  }
}

/** Files, added and removed lines of a change list. */
function summarize(changes: ChangesResponse): ChangeSummary {
  let additions = 0;
  let deletions = 0;
  for (const file of changes.files) {
    additions += file.additions;
    deletions += file.deletions;
  }
  return { files: changes.files.length, additions, deletions };
}
