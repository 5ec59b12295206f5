// DefaultSessionService: orchestration of projects, session records, discovery and live sessions (CONTRACTS.md 1, 5-7).
import { join } from "node:path";
import type {
  ChangesResponse,
  CliModelsResponse,
  ImageInput,
  FileSearchResponse,
  MergeResponse,
  ModelsResponse,
  PermissionMode,
  PermissionRequest,
  Project,
  ProjectGitResponse,
  SessionSummary,
  SetModelResponse,
  SlashCommandInfo,
  StreamMessage,
  UpsertObject,
  WorkspaceRequest,
} from "../../shared/contracts/index.js";
import { consoleLogger, type Logger, within } from "../../shared/util/index.js";
import { DEFAULT_IDLE_MINUTES, type StoreErrorInfo } from "../core/index.js";
import { ProjectStore } from "../projects/index.js";
import { isProviderError, type ProviderRegistry } from "../providers/index.js";
import { RUN_SEQ_BASE } from "./event-log.js";
import { storingHistoryImages } from "./history-image-source.js";
import { ImageStore, type StoredImage } from "./image-store.js";
import { MetadataStore, type SessionRecord } from "./metadata-store.js";
import { ServiceEvents } from "./service-events.js";
import type { SessionServiceOptions } from "./service-options.js";
import { listArchivedSessions, type SessionArchiveDeps, unarchiveSession } from "./session-archive.js";
import { SessionCommands } from "./session-commands.js";
import { SessionDirectory } from "./session-directory.js";
import { SessionFiles } from "./session-files.js";
import { SessionHistory } from "./session-history.js";
import { checkImages } from "./session-images.js";
import { SessionModels } from "./session-models.js";
import { SessionPermissions } from "./session-permissions.js";
import { renameSession } from "./session-rename.js";
import { SessionRuntimes } from "./session-runtimes.js";
import { SessionTerminals } from "./session-terminals.js";
import { SessionWorkspaces } from "./session-workspaces.js";
import { type OpenSessionResult, type PermissionResolution, ServiceError, type SessionService } from "./types.js";

/**
 * The session service (see `SessionService` in ./types.ts). Sessions are app records (sessions.json) merged with
 * sessions discovery finds on disk; a `SessionRuntime` holds each opened session's CLI wiring and event log.
 * Parts: `SessionDirectory` (which sessions exist), `SessionRuntimes` (their runtimes, creation, shutdown),
 * `SessionHistory` (`openSession`, `historyPage`) and `SessionPermissions` (modes and permission requests).
 *
 * Decisions:
 * - Only `createSession`, `loadSession` and `sendMessage` start a CLI; `sendMessage` resumes a session that is not
 *   live (dead, found on disk, or from before a restart) with `provider.loadSession(providerSessionId)` first.
 *   `openSession`/`historyPage` of a non-live session read its transcript through discovery, never a process.
 * - States: `idle` (no turn; a session without a process is `idle` too and resumes on send), `starting`, `running`
 *   (from the provider accepting a message, or `turn_started`, to the turn's terminal event), `sleeping` (its CLI
 *   closed after `idleTimeoutMs` without a turn or a pending permission request; resumes on send), `dead` (killed or
 *   its process ended during this server run; still listed, resumes on send). `killSession` keeps the session in
 *   `listSessions` with state `dead`; `archiveSession` hides it (sending to it later un-archives it).
 * - Bounds: each session's event log holds the last `eventLogLimit` stream messages (default 5,000), at most
 *   `replayBudgetBytes` of them (default 8 MiB), for replay; older `afterSeq`s get a fresh history. Item states
 *   (what history pages are cut from) are kept for every item of the sessions opened during this run. Each run
 *   numbers streams from its own `seqBase`, so `afterSeq`s from an earlier run always get a fresh history.
 * - Disk sessions get a record (source `disk`) once touched (load, send, archive, permission mode).
 */
export class DefaultSessionService implements SessionService {
  private readonly registry: ProviderRegistry;
  private readonly projects: ProjectStore;
  private readonly records: MetadataStore;
  private readonly directory: SessionDirectory;
  private readonly runtimes: SessionRuntimes;
  private readonly history: SessionHistory;
  private readonly permissions: SessionPermissions;
  private readonly models: SessionModels;
  readonly terminals: SessionTerminals;
  private readonly workspaces: SessionWorkspaces;
  private readonly files: SessionFiles;
  private readonly commands: SessionCommands;
  private readonly shutdownTimeoutMs: number;
  private readonly events: ServiceEvents;
  private readonly logger: Logger;
  private readonly images: ImageStore;

  constructor(options: SessionServiceOptions) {
    const logger = options.logger ?? consoleLogger;
    this.logger = logger;
    this.registry = options.registry;
    this.shutdownTimeoutMs = options.shutdownTimeoutMs ?? 5_000;
    this.events = new ServiceEvents(logger);
    this.images = new ImageStore(join(options.dataDir, "images"));
    const onStoreError = (problem: StoreErrorInfo) => this.events.reportStoreError(problem);
    const common = { dataDir: options.dataDir, logger, onStoreError };
    this.projects = new ProjectStore({
      ...common,
      ...(options.home ? { home: options.home } : {}),
      ...(options.refusedProjectFolders ? { refusedFolders: options.refusedProjectFolders } : {}),
    });
    this.records = new MetadataStore(common);
    this.directory = new SessionDirectory(this.records, this.projects, options.discovery, logger);
    this.runtimes = new SessionRuntimes({
      registry: this.registry,
      records: this.records,
      projects: this.projects,
      directory: this.directory,
      events: this.events,
      logger,
      eventLogLimit: options.eventLogLimit,
      replayBudgetBytes: options.replayBudgetBytes,
      seqBase: options.seqBase ?? RUN_SEQ_BASE,
      idleMs: options.idleTimeoutMs ?? DEFAULT_IDLE_MINUTES * 60_000,
      changeSummary: (sessionId) => this.workspaces.summaryOf(sessionId),
    });
    const shell = process.env.SHELL?.startsWith("/") ? process.env.SHELL : "/bin/sh";
    this.workspaces = new SessionWorkspaces({
      records: this.records,
      projects: this.projects,
      directory: this.directory,
      events: this.events,
      logger,
      worktreesDir: options.worktreesDir ?? join(options.dataDir, "worktrees"),
      shell,
      appendItem: (sessionId, item) => this.runtimes.get(sessionId)?.appendItem(item),
    });
    this.history = new SessionHistory({
      directory: this.directory,
      runtimes: this.runtimes,
      discovery: storingHistoryImages(options.discovery, this.images, logger),
      logger,
      pageSize: options.historyPageSize ?? 100,
    });
    this.permissions = new SessionPermissions({
      directory: this.directory,
      runtimes: this.runtimes,
      records: this.records,
      events: this.events,
      summary: (sessionId) => this.getSession(sessionId),
    });
    this.models = new SessionModels({
      directory: this.directory,
      runtimes: this.runtimes,
      records: this.records,
      registry: this.registry,
      events: this.events,
    });
    this.terminals = new SessionTerminals(
      {
        folderOf: (sessionId) => this.folderOf(sessionId, "TERMINAL_START_FAILED"),
        assertExists: (sessionId) => void this.getSession(sessionId),
      },
      { logger, ...options.terminals },
    );
    this.files = new SessionFiles({
      folderOf: (sessionId) => this.folderOf(sessionId, "WORKTREE_MISSING", true),
      onStreamed: (listener) => this.events.streamed.add(listener),
    });
    this.commands = new SessionCommands({
      liveProvider: (sessionId) => this.runtimes.get(sessionId)?.liveProvider(),
      placeOf: (sessionId) => {
        try {
          return { cliType: this.getSession(sessionId).cliType, folder: this.folderOf(sessionId, "WORKTREE_MISSING") };
        } catch {
          return undefined; // no folder (archived, worktree gone): only the session's own list
        }
      },
      onChanged: (listener) => this.events.commandsChanged.add(listener),
      logger,
    });
  }

  /**
   * The folder a session's CLI works in: its worktree, else its project's folder. `missingCode` names the failure of
   * an archived session (unless `archivedOk`: a message brings it back, so its composer may search its files) or a
   * worktree whose folder is gone. @throws ServiceError `SESSION_NOT_FOUND`, `missingCode`.
   */
  private folderOf(
    sessionId: string,
    missingCode: "TERMINAL_START_FAILED" | "WORKTREE_MISSING",
    archivedOk = false,
  ): string {
    const session = this.getSession(sessionId);
    if (session.archived && !archivedOk) {
      throw new ServiceError(missingCode, "This session is archived: a message to it brings it back");
    }
    if (session.workspace?.kind === "worktree") {
      if (session.workspace.missing) throw new ServiceError(missingCode, "This session's worktree folder is gone");
      return session.workspace.path;
    }
    return this.projects.get(session.projectId).path;
  }

  // ---- events -------------------------------------------------------------------------------------------------

  onStream(sessionId: string, listener: (message: StreamMessage) => void): () => void {
    return this.events.onStream(sessionId, listener);
  }

  onAnyStream(listener: (message: StreamMessage) => void): () => void {
    return this.events.streamed.add(listener);
  }

  onSessionUpdated(listener: (session: SessionSummary) => void): () => void {
    return this.events.updated.add(listener);
  }

  onPermissionRequest(listener: (sessionId: string, request: PermissionRequest) => void): () => void {
    return this.events.permissionRequested.add(({ sessionId, request }) => listener(sessionId, request));
  }

  onPermissionResolved(listener: (resolution: PermissionResolution) => void): () => void {
    return this.events.permissionResolved.add(listener);
  }

  onCommandsChanged(listener: (sessionId: string, commands: SlashCommandInfo[]) => void): () => void {
    return this.events.commandsChanged.add(({ sessionId, commands }) => listener(sessionId, commands));
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

  projectGit(projectId: string): Promise<ProjectGitResponse> {
    return this.workspaces.projectGit(projectId);
  }

  async setProjectSettings(projectId: string, settings: { setupCommand?: string | null }): Promise<Project> {
    if (settings.setupCommand === undefined) return this.projects.get(projectId);
    return this.projects.setSetupCommand(projectId, settings.setupCommand);
  }

  async removeProject(projectId: string): Promise<void> {
    this.projects.get(projectId);
    const live = this.runtimes
      .all()
      .filter((runtime) => this.records.get(runtime.sessionId)?.projectId === projectId && runtime.isAlive());
    const sessionIds = this.terminals.sessionIds().filter((id) => {
      const entry = this.directory.find(id);
      return (entry?.record?.projectId ?? entry?.disk?.projectId) === projectId;
    });
    await Promise.all([...live.map((runtime) => runtime.kill()), this.terminals.closeSessions(sessionIds)]);
    await this.projects.remove(projectId);
  }

  // ---- sessions -----------------------------------------------------------------------------------------------

  async listSessions(projectId: string): Promise<SessionSummary[]> {
    const project = this.projects.get(projectId);
    const entries = await this.directory.list(project);
    return entries
      .map((entry) => this.runtimes.summaryOf(entry))
      .filter((s) => !s.archived)
      .sort((a, b) => (a.lastActiveAt < b.lastActiveAt ? 1 : a.lastActiveAt > b.lastActiveAt ? -1 : 0));
  }

  getSession(sessionId: string): SessionSummary {
    const entry = this.directory.find(sessionId);
    if (!entry) throw new ServiceError("SESSION_NOT_FOUND", `No session ${sessionId}`);
    return this.runtimes.summaryOf(entry);
  }

  async createSession(input: {
    projectId: string;
    cliType: string;
    permissionMode?: PermissionMode;
    workspace?: WorkspaceRequest;
    model?: string;
    effort?: string;
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
    this.models.checkChoice(cliType, input.model, input.effort);
    const worktree = await this.workspaces.worktreeFor(project, input.workspace, cliType);
    let sessionId: string;
    try {
      sessionId = await this.runtimes.create(project, cliType, input.permissionMode ?? "default", worktree, {
        model: input.model,
        effort: input.effort,
      });
    } catch (error) {
      if (worktree) await this.workspaces.removeUnused(worktree);
      throw error;
    }
    if (worktree && project.setupCommand) this.workspaces.startSetup(sessionId, project.setupCommand, worktree.path);
    return this.getSession(sessionId);
  }

  async loadSession(sessionId: string): Promise<SessionSummary> {
    const entry = await this.directory.resolve(sessionId);
    const record = this.directory.materialize(entry);
    this.workspaces.assertPresent(sessionId);
    await this.runtimes.obtain(sessionId, record.cliType).ensureLive();
    return this.getSession(sessionId);
  }

  openSession(sessionId: string, options: { afterSeq?: number; pageSize?: number } = {}): Promise<OpenSessionResult> {
    return this.history.open(sessionId, options);
  }

  historyPage(
    sessionId: string,
    beforeItemId: string,
    pageSize?: number,
  ): Promise<{ entries: UpsertObject[]; seq: number; hasMore: boolean }> {
    return this.history.page(sessionId, beforeItemId, pageSize);
  }

  async sendMessage(sessionId: string, content: string, images?: readonly ImageInput[]): Promise<{ turnId: string }> {
    const checked = checkImages(images);
    const entry = await this.directory.resolve(sessionId);
    const record = this.directory.materialize(entry);
    this.workspaces.assertPresent(sessionId);
    await this.workspaces.untilSetUp(sessionId);
    if (record.archived) this.records.update(sessionId, { archived: false });
    const attachments = checked.length > 0 ? { images: checked, store: this.images } : undefined;
    return this.runtimes.obtain(sessionId, record.cliType).sendMessage(content, attachments);
  }

  readImage(imageId: string): Promise<StoredImage | undefined> {
    return this.images.get(imageId);
  }

  async cancelTurn(sessionId: string): Promise<void> {
    await this.directory.resolve(sessionId);
    await this.runtimes.get(sessionId)?.cancelTurn();
  }

  async killSession(sessionId: string): Promise<SessionSummary> {
    const entry = await this.directory.resolve(sessionId);
    const cliType = entry.record?.cliType ?? entry.disk?.info.cliType;
    if (cliType) await this.runtimes.obtain(sessionId, cliType).kill();
    return this.getSession(sessionId);
  }

  async archiveSession(sessionId: string): Promise<void> {
    const entry = await this.directory.resolve(sessionId);
    this.directory.materialize(entry);
    const runtime = this.runtimes.get(sessionId);
    // One `session:updated`, in the final state (dead and archived), instead of the kill's own one first.
    await Promise.all([
      runtime?.isAlive() ? runtime.kill({ announce: false }) : undefined,
      this.terminals.closeSessions([sessionId]),
    ]);
    this.records.update(sessionId, { archived: true });
    this.events.changed.emit(sessionId);
  }

  async listArchivedSessions(projectId: string): Promise<SessionSummary[]> {
    return listArchivedSessions(this.archiveDeps(), projectId);
  }

  unarchiveSession(sessionId: string): Promise<SessionSummary> {
    return unarchiveSession(this.archiveDeps(), sessionId);
  }

  private archiveDeps(): SessionArchiveDeps {
    const { records, projects, directory, events } = this;
    return { records, projects, directory, events, summary: (id) => this.getSession(id) };
  }

  async listCommands(sessionId: string): Promise<SlashCommandInfo[]> {
    await this.directory.resolve(sessionId);
    return this.commands.list(sessionId);
  }

  async searchFiles(sessionId: string, q: string, limit: number): Promise<FileSearchResponse> {
    await this.directory.resolve(sessionId);
    return this.files.search(sessionId, q, limit);
  }

  // ---- workspaces ---------------------------------------------------------------------------------------------

  async sessionChanges(sessionId: string): Promise<ChangesResponse> {
    await this.directory.resolve(sessionId);
    return this.workspaces.changes(sessionId);
  }

  async sessionFileDiff(sessionId: string, path: string): Promise<string> {
    await this.directory.resolve(sessionId);
    return this.workspaces.fileDiff(sessionId, path);
  }

  async commitSession(sessionId: string, message: string): Promise<string> {
    await this.directory.resolve(sessionId);
    return this.workspaces.commit(sessionId, message);
  }

  async mergeSession(sessionId: string): Promise<MergeResponse> {
    await this.directory.resolve(sessionId);
    return this.workspaces.merge(sessionId);
  }

  async discardSession(sessionId: string, confirm: boolean): Promise<void> {
    await this.directory.resolve(sessionId);
    this.workspaces.assertDiscardable(sessionId, confirm);
    const runtime = this.runtimes.get(sessionId);
    await Promise.all([
      runtime?.isAlive() ? runtime.kill({ announce: false }) : undefined,
      this.terminals.closeSessions([sessionId]),
    ]);
    try {
      await this.workspaces.discard(sessionId);
    } catch (error) {
      this.events.changed.emit(sessionId);
      throw error;
    }
    this.records.update(sessionId, { archived: true });
    this.events.changed.emit(sessionId);
  }

  setPermissionMode(sessionId: string, mode: PermissionMode): Promise<SessionSummary> {
    return this.permissions.setMode(sessionId, mode);
  }

  renameSession(sessionId: string, title: string): Promise<SessionSummary> {
    const { directory, records, registry, events, logger } = this;
    return renameSession(
      { directory, records, registry, events, logger, summary: (id) => this.getSession(id) },
      sessionId,
      title,
    );
  }

  listModels(sessionId: string): Promise<ModelsResponse> {
    return this.models.list(sessionId);
  }

  setModel(sessionId: string, model: string, effort?: string): Promise<SetModelResponse> {
    return this.models.set(sessionId, model, effort);
  }

  cliModels(cliType: string): CliModelsResponse {
    return this.models.cliModels(cliType);
  }

  respondToPermission(sessionId: string, requestId: string, optionId: string, message?: string): PermissionResolution {
    return this.permissions.respond(sessionId, requestId, optionId, message);
  }

  pendingPermissions(sessionId: string): PermissionRequest[] {
    return this.permissions.pending(sessionId);
  }

  status(sessionId: string) {
    const summary = this.getSession(sessionId);
    const isAlive = this.runtimes.get(sessionId)?.isAlive() ?? false;
    return { sessionId, cliType: summary.cliType, isAlive, state: summary.state };
  }

  /**
   * Ends every runtime (running turns end `SERVER_SHUTDOWN`) and every terminal (its shell and all it started), waits
   * for the providers to end their processes and the shells to be gone, then
   * for the stores to finish writing, all within `shutdownTimeoutMs` from the call: the providers get up to the whole
   * cap, the stores what is left of it. A wait cut short is logged (`warn`); the store writes are never skipped and go
   * on after `shutdown` resolves, but a process that exits at once may cut them off.
   */
  async shutdown(): Promise<void> {
    const deadline = Date.now() + this.shutdownTimeoutMs;
    this.files.close();
    this.commands.close();
    await Promise.all([
      this.runtimes.endAll(this.shutdownTimeoutMs),
      within(this.terminals.closeAll(), this.shutdownTimeoutMs),
      within(this.workspaces.closeAll(), this.shutdownTimeoutMs),
    ]);
    const stored = await within(Promise.all([this.records.flush(), this.projects.flush()]), deadline - Date.now());
    if (!stored) {
      this.logger.warn(
        `projects.json / sessions.json had not finished writing ${this.shutdownTimeoutMs} ms into shutdown; ` +
          "the writes go on, but changes may be lost if the process exits now",
      );
    }
  }
}
