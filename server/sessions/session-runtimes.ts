// The SessionRuntime of each session used this run: made on first use, new sessions started, summaries, shutdown.
import { randomUUID } from "node:crypto";
import type { ChangeSummary, CliType, PermissionMode, Project, SessionSummary } from "../../shared/contracts/index.js";
import type { Logger } from "../../shared/util/index.js";
import { within } from "../../shared/util/index.js";
import type { ProjectStore } from "../projects/index.js";
import type { ProviderRegistry } from "../providers/index.js";
import type { MetadataStore, WorktreeRecord } from "./metadata-store.js";
import type { ServiceEvents } from "./service-events.js";
import type { SessionDirectory, SessionEntry } from "./session-directory.js";
import { SessionRecordKeeper } from "./session-record.js";
import { SessionRuntime } from "./session-runtime.js";

/** What `SessionRuntimes` builds runtimes from: the service's stores, fan-out and options. */
export interface RuntimeDependencies {
  registry: ProviderRegistry;
  records: MetadataStore;
  projects: ProjectStore;
  directory: SessionDirectory;
  events: ServiceEvents;
  logger: Logger;
  /** Stream messages held per session for replay (undefined: `DEFAULT_EVENT_LOG_LIMIT`). */
  eventLogLimit: number | undefined;
  /** Bytes of stream messages held per session for replay (undefined: `DEFAULT_REPLAY_BUDGET_BYTES`). */
  replayBudgetBytes?: number | undefined;
  /** Each session's stream of this run is numbered from `seqBase + 1` (see `RUN_SEQ_BASE`). */
  seqBase: number;
  /** Idle time in ms after which a live session's CLI sleeps (0: never; see `SessionRuntime`). */
  idleMs: number;
  /** The live change summary of a worktree session, once computed (`SessionWorkspaces.summaryOf`). */
  changeSummary?: (sessionId: string) => ChangeSummary | undefined;
}

/**
 * The runtimes (`SessionRuntime`) of the sessions used during this server run: one per session, created without a
 * process on first use and kept for the run. A session's `state` in summaries is its runtime's (`idle` without one);
 * a runtime's state changes (`events.changed`) are announced here as `session:updated` (CONTRACTS.md section 7), except
 * for a session whose `create` has not returned yet.
 */
export class SessionRuntimes {
  private readonly runtimes = new Map<string, SessionRuntime>();
  /** Sessions inside `create`: not announced through `session:updated` until they exist. */
  private readonly creating = new Set<string>();

  constructor(private readonly deps: RuntimeDependencies) {
    deps.events.changed.add((sessionId) => this.announce(sessionId));
  }

  /** The runtime of `sessionId`, or undefined when the session was not used during this run. */
  get(sessionId: string): SessionRuntime | undefined {
    return this.runtimes.get(sessionId);
  }

  /** Every runtime, oldest first. */
  all(): SessionRuntime[] {
    return [...this.runtimes.values()];
  }

  /** The runtime of `sessionId`, created (no process started) on first use. */
  obtain(sessionId: string, cliType: CliType): SessionRuntime {
    let runtime = this.runtimes.get(sessionId);
    if (!runtime) {
      const { deps } = this;
      runtime = new SessionRuntime(sessionId, cliType, {
        registry: deps.registry,
        record: new SessionRecordKeeper(sessionId, deps.records, deps.projects),
        events: deps.events,
        logger: deps.logger,
        eventLogLimit: deps.eventLogLimit,
        replayBudgetBytes: deps.replayBudgetBytes,
        seqBase: deps.seqBase,
        idleMs: deps.idleMs,
      });
      this.runtimes.set(sessionId, runtime);
    }
    return runtime;
  }

  /**
   * Creates a session in `project` (in `workspace`, its worktree, when given; with the model / effort of `choice`):
   * its app record (source `app`, untitled), then its CLI, without announcing the
   * session meanwhile; resolves with the new `sessionId`. When the CLI does not start, the session is forgotten
   * (runtime and record) and the error rethrown (ServiceError, see `SessionRuntime.ensureLive`).
   */
  async create(
    project: Project,
    cliType: CliType,
    permissionMode: PermissionMode,
    workspace?: WorktreeRecord,
    choice: { model?: string | undefined; effort?: string | undefined } = {},
  ): Promise<string> {
    const now = new Date().toISOString();
    const { sessionId } = this.deps.records.put({
      ...(workspace ? { workspace } : {}),
      sessionId: randomUUID(),
      projectId: project.projectId,
      projectPath: project.path,
      cliType,
      title: "",
      permissionMode,
      createdAt: now,
      lastActiveAt: now,
      archived: false,
      source: "app",
      ...(choice.model ? { model: choice.model } : {}),
      ...(choice.effort ? { effort: choice.effort } : {}),
    });
    const runtime = this.obtain(sessionId, cliType);
    this.creating.add(sessionId);
    try {
      await runtime.ensureLive();
    } catch (error) {
      this.runtimes.delete(sessionId);
      this.deps.records.delete(sessionId);
      throw error;
    } finally {
      this.creating.delete(sessionId);
    }
    return sessionId;
  }

  /** The list entry of `entry` (CONTRACTS.md section 6), in its runtime's state, with its change summary. */
  summaryOf(entry: SessionEntry): SessionSummary {
    const runtime = this.runtimes.get(entry.sessionId);
    const summary = this.deps.directory.summary(entry, runtime?.state ?? "idle");
    if (!summary.model && runtime?.modelId) summary.model = runtime.modelId;
    const changes = summary.workspace?.kind === "worktree" ? this.deps.changeSummary?.(entry.sessionId) : undefined;
    if (changes && summary.workspace) summary.workspace = { ...summary.workspace, changes };
    if (this.runtimes.get(entry.sessionId)?.imageInput() === false) summary.imageInput = false;
    return summary;
  }

  /**
   * Server shutdown: disposes every runtime (running turns ended `SERVER_SHUTDOWN` and recorded, pending permission
   * requests closed, events unsubscribed), then waits at most `timeoutMs` ms for the providers to end their processes
   * (`registry.disposeAll`; a longer wait is logged).
   */
  async endAll(timeoutMs: number): Promise<void> {
    for (const runtime of this.runtimes.values()) runtime.dispose();
    const stopped = await within(this.deps.registry.disposeAll(), timeoutMs);
    if (!stopped) this.deps.logger.warn(`Providers did not stop within ${timeoutMs} ms`);
  }

  /** Emits `session:updated` for `sessionId` (not while `create` has not returned it yet). */
  private announce(sessionId: string): void {
    if (this.creating.has(sessionId)) return;
    const entry = this.deps.directory.find(sessionId);
    if (entry) this.deps.events.updated.emit(this.summaryOf(entry));
  }
}
