// DefaultSessionService: orchestration of projects, session records, discovery and live sessions (CONTRACTS.md 1, 5-7).
import { randomUUID } from "node:crypto";
import type {
  PermissionMode,
  PermissionRequest,
  Project,
  SessionSummary,
  StreamMessage,
  UpsertObject,
} from "../../shared/contracts/index.js";
import { ProjectStore } from "../projects/index.js";
import { isProviderError, type ProviderRegistry } from "../providers/index.js";
import { consoleLogger, type Logger, type StoreErrorInfo } from "../store/json-store.js";
import { RUN_SEQ_BASE } from "./event-log.js";
import { ServiceEvents } from "./listeners.js";
import { LiveSession } from "./live-session.js";
import { MetadataStore, type SessionRecord } from "./metadata-store.js";
import { SessionDirectory, type SessionEntry } from "./session-directory.js";
import { createLiveSessionHost } from "./session-host.js";
import type { SessionSource } from "./session-source.js";
import { type OpenSessionResult, type PermissionResolution, ServiceError, type SessionService } from "./types.js";

/** Options of `DefaultSessionService`. */
export interface SessionServiceOptions {
  /** Folder for projects.json and sessions.json (`LIMINAL_DATA_DIR`, default `~/.liminal-builder`). */
  dataDir: string;
  registry: ProviderRegistry;
  /** Sessions found in the CLIs' own files; without it only app-created sessions are listed. */
  discovery?: SessionSource;
  /** Completed items per `session:history` page (default 100). */
  historyPageSize?: number;
  /** Stream messages held per session for replay (default 5,000, `DEFAULT_EVENT_LOG_LIMIT`). */
  eventLogLimit?: number;
  /**
   * Streams of this run are numbered from `seqBase + 1` (default `RUN_SEQ_BASE`, the run's start in microseconds,
   * so a browser's `afterSeq` from before a restart gets a fresh history instead of a wrong replay; tests pass 0).
   */
  seqBase?: number;
  /** Home folder for `~` in project paths (default `os.homedir()`). */
  home?: string;
  /** Longest wait for the providers to end their processes in `shutdown()`, in ms (default 5,000). */
  shutdownTimeoutMs?: number;
  logger?: Logger;
}

/**
 * The session service (see `SessionService` in ./types.ts). Sessions are app records (sessions.json) merged with
 * sessions discovery finds on disk; a `LiveSession` runtime holds each opened session's CLI wiring and event log.
 *
 * Decisions:
 * - Only `createSession`, `loadSession` and `sendMessage` start a CLI; `sendMessage` resumes a session that is not
 *   live (dead, found on disk, or from before a restart) with `provider.loadSession(providerSessionId)` first.
 *   `openSession`/`historyPage` of a non-live session read its transcript through discovery, never a process.
 * - States: `idle` (no turn; a session without a process is `idle` too and resumes on send), `starting`, `running`
 *   (from the provider accepting a message, or `turn_started`, to the turn's terminal event), `dead` (killed or its
 *   process ended during this server run; still listed, resumes on send). `killSession` keeps the session in
 *   `listSessions` with state `dead`; `archiveSession` hides it (sending to it later un-archives it).
 * - Bounds: each session's event log holds the last `eventLogLimit` stream messages (default 5,000) for replay;
 *   older `afterSeq`s get a fresh history. Item states (what history pages are cut from) are kept for every item
 *   of the sessions opened during this run. Each run numbers streams from its own `seqBase`, so `afterSeq`s from
 *   an earlier run always get a fresh history.
 * - Disk sessions get a record (source `disk`) once touched (load, send, archive, permission mode).
 */
export class DefaultSessionService implements SessionService {
  private readonly logger: Logger;
  private readonly registry: ProviderRegistry;
  private readonly projects: ProjectStore;
  private readonly records: MetadataStore;
  private readonly directory: SessionDirectory;
  private readonly runtimes = new Map<string, LiveSession>();
  private readonly pageSize: number;
  private readonly eventLogLimit: number | undefined;
  private readonly seqBase: number;
  private readonly shutdownTimeoutMs: number;
  private readonly events: ServiceEvents;
  private readonly discovery: SessionSource | undefined;
  /** Sessions inside `createSession`: not announced through `session:updated` until they exist. */
  private readonly creating = new Set<string>();

  constructor(options: SessionServiceOptions) {
    this.logger = options.logger ?? consoleLogger;
    this.registry = options.registry;
    this.pageSize = options.historyPageSize ?? 100;
    this.eventLogLimit = options.eventLogLimit;
    this.seqBase = options.seqBase ?? RUN_SEQ_BASE;
    this.shutdownTimeoutMs = options.shutdownTimeoutMs ?? 5_000;
    this.events = new ServiceEvents(this.logger);
    const onStoreError = (problem: StoreErrorInfo) => this.events.reportStoreError(problem);
    const common = { dataDir: options.dataDir, logger: this.logger, onStoreError };
    this.projects = new ProjectStore({ ...common, ...(options.home ? { home: options.home } : {}) });
    this.records = new MetadataStore(common);
    this.directory = new SessionDirectory(this.records, this.projects, options.discovery, this.logger);
    this.discovery = options.discovery;
  }

  // ---- events -------------------------------------------------------------------------------------------------

  onStream(sessionId: string, listener: (message: StreamMessage) => void): () => void {
    return this.events.onStream(sessionId, listener);
  }

  onSessionUpdated(listener: (session: SessionSummary) => void): () => void {
    return this.events.updated.add(listener);
  }

  onPermissionRequest(listener: (sessionId: string, request: PermissionRequest) => void): () => void {
    return this.events.permissionRequested.add(listener);
  }

  onPermissionResolved(listener: (resolution: PermissionResolution) => void): () => void {
    return this.events.permissionResolved.add(listener);
  }

  /** Problems of projects.json / sessions.json so far (corrupt file moved aside, failed writes), oldest first. */
  storeErrors(): StoreErrorInfo[] {
    return this.events.storeErrors();
  }

  /** Subscribes to store problems as they happen (a startup problem is already in `storeErrors()`). */
  onStoreError(listener: (error: StoreErrorInfo) => void): () => void {
    return this.events.storeError.add(listener);
  }

  // ---- projects -----------------------------------------------------------------------------------------------

  listProjects(): Project[] {
    return this.projects.list();
  }

  addProject(path: string): Promise<Project> {
    return this.projects.add(path);
  }

  async removeProject(projectId: string): Promise<void> {
    this.projects.get(projectId);
    const live = [...this.runtimes.values()].filter(
      (runtime) => this.records.get(runtime.sessionId)?.projectId === projectId && runtime.isAlive(),
    );
    await Promise.all(live.map((runtime) => runtime.kill()));
    await this.projects.remove(projectId);
  }

  // ---- sessions -----------------------------------------------------------------------------------------------

  async listSessions(projectId: string): Promise<SessionSummary[]> {
    const project = this.projects.get(projectId);
    const entries = await this.directory.list(project);
    return entries
      .map((entry) => this.summaryOf(entry))
      .filter((s) => !s.archived)
      .sort((a, b) => (a.lastActiveAt < b.lastActiveAt ? 1 : a.lastActiveAt > b.lastActiveAt ? -1 : 0));
  }

  getSession(sessionId: string): SessionSummary {
    const entry = this.directory.find(sessionId);
    if (!entry) throw new ServiceError("SESSION_NOT_FOUND", `No session ${sessionId}`);
    return this.summaryOf(entry);
  }

  async createSession(input: {
    projectId: string;
    cliType: string;
    permissionMode?: PermissionMode;
  }): Promise<SessionSummary> {
    let cliType: SessionRecord["cliType"];
    try {
      cliType = this.registry.resolve(input.cliType).cliType;
    } catch (error) {
      if (isProviderError(error, "UNSUPPORTED_CLI_TYPE")) {
        throw new ServiceError("UNSUPPORTED_CLI_TYPE", error.message, { cause: error });
      }
      throw error;
    }
    const project = this.projects.get(input.projectId);
    const now = new Date().toISOString();
    const record = this.records.put({
      sessionId: randomUUID(),
      projectId: project.projectId,
      projectPath: project.path,
      cliType,
      title: "",
      permissionMode: input.permissionMode ?? "default",
      createdAt: now,
      lastActiveAt: now,
      archived: false,
      source: "app",
    });
    const runtime = this.runtimeFor(record.sessionId, cliType);
    this.creating.add(record.sessionId);
    try {
      await runtime.ensureLive();
    } catch (error) {
      this.runtimes.delete(record.sessionId);
      this.records.delete(record.sessionId);
      throw error;
    } finally {
      this.creating.delete(record.sessionId);
    }
    return this.getSession(record.sessionId);
  }

  async loadSession(sessionId: string): Promise<SessionSummary> {
    const entry = await this.directory.resolve(sessionId);
    const record = this.directory.materialize(entry);
    await this.runtimeFor(sessionId, record.cliType).ensureLive();
    return this.getSession(sessionId);
  }

  async openSession(
    sessionId: string,
    options: { afterSeq?: number; pageSize?: number } = {},
  ): Promise<OpenSessionResult> {
    const runtime = await this.historyRuntime(sessionId);
    if (options.afterSeq !== undefined) {
      const messages = runtime.log.since(options.afterSeq);
      if (messages) return { kind: "replay", messages };
    }
    const runningTurnId = runtime.runningTurnId;
    const page = runtime.log.page(options.pageSize ?? this.pageSize, runningTurnId ? { runningTurnId } : {});
    const inFlight = runningTurnId ? runtime.log.inFlight(runningTurnId) : [];
    return { kind: "history", entries: page.entries, seq: runtime.log.seq, hasMore: page.hasMore, inFlight };
  }

  async historyPage(
    sessionId: string,
    beforeItemId: string,
    pageSize?: number,
  ): Promise<{ entries: UpsertObject[]; seq: number; hasMore: boolean }> {
    const runtime = await this.historyRuntime(sessionId);
    const runningTurnId = runtime.runningTurnId;
    const page = runtime.log.page(pageSize ?? this.pageSize, {
      beforeItemId,
      ...(runningTurnId ? { runningTurnId } : {}),
    });
    return { ...page, seq: runtime.log.seq };
  }

  async sendMessage(sessionId: string, content: string): Promise<{ turnId: string }> {
    const entry = await this.directory.resolve(sessionId);
    const record = this.directory.materialize(entry);
    if (record.archived) this.records.update(sessionId, { archived: false });
    return this.runtimeFor(sessionId, record.cliType).sendMessage(content);
  }

  async cancelTurn(sessionId: string): Promise<void> {
    await this.directory.resolve(sessionId);
    await this.runtimes.get(sessionId)?.cancelTurn();
  }

  async killSession(sessionId: string): Promise<SessionSummary> {
    const entry = await this.directory.resolve(sessionId);
    const cliType = entry.record?.cliType ?? entry.disk?.info.cliType;
    if (cliType) await this.runtimeFor(sessionId, cliType).kill();
    return this.getSession(sessionId);
  }

  async archiveSession(sessionId: string): Promise<void> {
    const entry = await this.directory.resolve(sessionId);
    this.directory.materialize(entry);
    const runtime = this.runtimes.get(sessionId);
    if (runtime?.isAlive()) await runtime.kill();
    this.records.update(sessionId, { archived: true });
    this.events.updated.emit(this.getSession(sessionId));
  }

  async setPermissionMode(sessionId: string, mode: PermissionMode): Promise<SessionSummary> {
    const entry = await this.directory.resolve(sessionId);
    this.directory.materialize(entry);
    await this.runtimes.get(sessionId)?.setPermissionMode(mode);
    this.records.update(sessionId, { permissionMode: mode });
    const summary = this.getSession(sessionId);
    this.events.updated.emit(summary);
    return summary;
  }

  /**
   * Answers a pending request (the first answer wins). An option with `setsMode` (Claude's allow-always that switches
   * the CLI to e.g. `acceptEdits` for the session) also records that mode and announces it (`session:updated`).
   */
  respondToPermission(sessionId: string, requestId: string, optionId: string): PermissionResolution {
    const before = this.getSession(sessionId);
    const runtime = this.runtimes.get(sessionId);
    if (!runtime) {
      throw new ServiceError("PERMISSION_REQUEST_NOT_FOUND", `No pending permission request ${requestId}`);
    }
    const request = runtime.permissions.list().find((r) => r.requestId === requestId);
    const resolution = runtime.permissions.respond(requestId, optionId);
    const mode = request?.options.find((o) => o.optionId === optionId)?.setsMode;
    if (mode && mode !== before.permissionMode) {
      this.records.update(sessionId, { permissionMode: mode });
      this.events.updated.emit(this.getSession(sessionId));
    }
    return resolution;
  }

  pendingPermissions(sessionId: string): PermissionRequest[] {
    this.getSession(sessionId);
    return this.runtimes.get(sessionId)?.permissions.list() ?? [];
  }

  status(sessionId: string) {
    const summary = this.getSession(sessionId);
    const isAlive = this.runtimes.get(sessionId)?.isAlive() ?? false;
    return { sessionId, cliType: summary.cliType, isAlive, state: summary.state };
  }

  async shutdown(): Promise<void> {
    for (const runtime of this.runtimes.values()) runtime.dispose();
    let timer: NodeJS.Timeout | undefined;
    const cap = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), this.shutdownTimeoutMs);
    });
    const outcome = await Promise.race([this.registry.disposeAll().then(() => "done" as const), cap]);
    clearTimeout(timer);
    if (outcome === "timeout") this.logger.warn(`Providers did not stop within ${this.shutdownTimeoutMs} ms`);
    await Promise.all([this.records.flush(), this.projects.flush()]);
  }

  // ---- internals ----------------------------------------------------------------------------------------------

  /** Emits `session:updated` for `sessionId` (not while `createSession` has not returned it yet). */
  private announce(sessionId: string): void {
    if (this.creating.has(sessionId)) return;
    const entry = this.directory.find(sessionId);
    if (entry) this.events.updated.emit(this.summaryOf(entry));
  }

  private summaryOf(entry: SessionEntry): SessionSummary {
    return this.directory.summary(entry, this.runtimes.get(entry.sessionId)?.state ?? "idle");
  }

  /** The runtime of a session that may only be read (history), seeded from disk on first use without a process. */
  private async historyRuntime(sessionId: string): Promise<LiveSession> {
    const entry = await this.directory.resolve(sessionId);
    const cliType = entry.record?.cliType ?? entry.disk?.info.cliType;
    if (!cliType) throw new ServiceError("SESSION_NOT_FOUND", `No session ${sessionId}`);
    const runtime = this.runtimeFor(sessionId, cliType);
    const providerSessionId = entry.record?.providerSessionId ?? entry.disk?.info.providerSessionId;
    if (!runtime.log.seeded && providerSessionId && this.discovery) {
      try {
        runtime.log.seed(await this.discovery.readHistory(cliType, providerSessionId, { sessionId }));
      } catch (error) {
        this.logger.warn(`Could not read the history of session ${sessionId}`, { error: String(error) });
      }
    }
    return runtime;
  }

  private runtimeFor(sessionId: string, cliType: SessionRecord["cliType"]): LiveSession {
    let runtime = this.runtimes.get(sessionId);
    if (!runtime) {
      runtime = new LiveSession(
        sessionId,
        cliType,
        () => this.registry.resolve(cliType),
        createLiveSessionHost(sessionId, {
          records: this.records,
          projects: this.projects,
          events: this.events,
          logger: this.logger,
          announce: (id) => this.announce(id),
        }),
        this.eventLogLimit,
        this.seqBase,
      );
      this.runtimes.set(sessionId, runtime);
    }
    return runtime;
  }
}
