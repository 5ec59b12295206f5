// The session service's public surface, as the HTTP/WebSocket layer uses it (CONTRACTS.md sections 1, 5-7).
import type {
  ChangesResponse,
  CliModelsResponse,
  FileSearchResponse,
  CliType,
  ImageInput,
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
import type { StoreErrorInfo } from "../core/index.js";
import type { StoredImage } from "./image-store.js";
import type { TerminalOperations } from "./session-terminals.js";

export type { StoreErrorInfo } from "../core/index.js";
export { ServiceError } from "../core/index.js";

/**
 * What opening a session yields (CONTRACTS.md section 7, `session:open`):
 * - `history`: the last page of completed items (tail first), the `seq` they reflect, and whether older items exist;
 *   followed by `inFlight`, the stream messages of a turn still running (so a browser that opens mid-turn sees it).
 * - `replay`: exactly the stream messages after the browser's `afterSeq`, when the log still holds them.
 */
export type OpenSessionResult =
  | { kind: "history"; entries: UpsertObject[]; seq: number; hasMore: boolean; inFlight: StreamMessage[] }
  | { kind: "replay"; messages: StreamMessage[] };

/** A permission request's end: answered with one option, or closed (turn ended / cancelled / nobody answered). */
export interface PermissionResolution {
  sessionId: string;
  requestId: string;
  optionId?: string;
  outcome: "selected" | "cancelled";
}

/** Fan-out the service offers to the HTTP layer; each returns its unsubscribe function. */
export interface SessionServiceEvents {
  /** Every stream message (`session:upsert` / `session:turn`, with `seq`) of one session, in order. */
  onStream(sessionId: string, listener: (message: StreamMessage) => void): () => void;
  /** Every stream message of every session, in each session's order (the attention fan-out watches turn ends). */
  onAnyStream(listener: (message: StreamMessage) => void): () => void;
  /** Any change of a session's summary (title, state, last activity, permission mode, archive). */
  onSessionUpdated(listener: (session: SessionSummary) => void): () => void;
  /** A new permission request of any session. */
  onPermissionRequest(listener: (sessionId: string, request: PermissionRequest) => void): () => void;
  /** A permission request answered or closed. */
  onPermissionResolved(listener: (resolution: PermissionResolution) => void): () => void;
  /**
   * A problem with projects.json / sessions.json (corrupt file moved aside to `<file>.corrupt-<timestamp>`, or a
   * failed write), as it happens. Problems met at startup are already in `storeErrors()`.
   */
  onStoreError(listener: (error: StoreErrorInfo) => void): () => void;
  /** A live session's CLI announced a new slash-command list (the whole list). */
  onCommandsChanged(listener: (sessionId: string, commands: SlashCommandInfo[]) => void): () => void;
}

/** Project operations (CONTRACTS.md section 6 project routes). */
export interface ProjectOperations {
  listProjects(): Project[];
  /** @throws ServiceError `INVALID_PATH` (missing / not a directory), `DUPLICATE_PROJECT`. */
  addProject(path: string): Promise<Project>;
  /** Removes the project (its session metadata is kept); kills its live sessions. @throws `PROJECT_NOT_FOUND`. */
  removeProject(projectId: string): Promise<void>;
  /** What the new-session form offers: git or not (and why), branches, a free default branch. @throws `PROJECT_NOT_FOUND`. */
  projectGit(projectId: string): Promise<ProjectGitResponse>;
  /** Changes the project's settings (its worktrees' setup command). @throws `PROJECT_NOT_FOUND`, `STORE_ERROR`. */
  setProjectSettings(projectId: string, settings: { setupCommand?: string | null }): Promise<Project>;
}

/**
 * Workspace operations of sessions (the issue "Workspaces"). A session in a worktree works there; any other session in
 * its project folder. Commit, merge and discard need a worktree session (else `NOT_A_WORKTREE_SESSION`); a worktree
 * deleted by hand gives `WORKTREE_MISSING`; git's own failures give `GIT_FAILED` with git's words.
 */
export interface WorkspaceOperations {
  /** Changed files against the base, with +/- counts. @throws `NOT_A_GIT_REPO`. */
  sessionChanges(sessionId: string): Promise<ChangesResponse>;
  /** One changed file's unified diff. @throws `FILE_NOT_CHANGED`. */
  sessionFileDiff(sessionId: string, path: string): Promise<string>;
  /**
   * Fuzzy search over the files of the session's folder (its worktree for a worktree session), `.gitignore`
   * respected: up to `limit` paths relative to the folder, best first (issue "The composer and session control" §4).
   * @throws ServiceError `SESSION_NOT_FOUND`, `WORKTREE_MISSING`, `GIT_FAILED`.
   */
  searchFiles(sessionId: string, q: string, limit: number): Promise<FileSearchResponse>;
  /** Commits every change of the worktree with `message`; the new commit. @throws `NOTHING_TO_COMMIT`. */
  commitSession(sessionId: string, message: string): Promise<string>;
  /**
   * Merges the worktree's branch into its base in the main checkout.
   * @throws `MERGE_CONFLICT` (with `details.files`; aborted), `DIRTY_CHECKOUT`, `CHECKOUT_ON_OTHER_BRANCH`,
   *   `UNCOMMITTED_CHANGES`, `NOTHING_TO_MERGE`.
   */
  mergeSession(sessionId: string): Promise<MergeResponse>;
  /**
   * Ends the session's CLI and terminals, removes its worktree and branch, and archives it.
   * @throws `CONFIRM_REQUIRED` unless `confirm`.
   */
  discardSession(sessionId: string, confirm: boolean): Promise<void>;
}

/**
 * The session service: app sessions ⇄ provider sessions, turn tracking, per-session event log with `seq`,
 * titles, metadata. Every method taking a `sessionId` throws ServiceError `SESSION_NOT_FOUND` for an unknown id.
 */
export interface SessionService extends SessionServiceEvents, ProjectOperations, WorkspaceOperations {
  /** The sessions' terminals (shells in their folders); archiving a session or removing its project closes them. */
  readonly terminals: TerminalOperations;
  /** A project's sessions (app-created and found on disk, deduplicated), newest activity first, archived excluded. */
  listSessions(projectId: string): Promise<SessionSummary[]>;
  /** One session's summary. */
  getSession(sessionId: string): SessionSummary;
  /**
   * Starts a session; with `workspace: { kind: "worktree" }` in a new git worktree first (removed again when the CLI
   * does not start), then the project's setup command there (the first message waits for it).
   * @throws `PROJECT_NOT_FOUND`, `UNSUPPORTED_CLI_TYPE`, `SESSION_CREATE_FAILED` ("Could not start Codex: …"),
   *   `NOT_A_GIT_REPO`, `BRANCH_EXISTS`, `INVALID_REQUEST` (a bad branch name or base), `GIT_FAILED`.
   */
  createSession(input: {
    projectId: string;
    cliType: string;
    permissionMode?: PermissionMode;
    workspace?: WorkspaceRequest;
    /** The model / effort level to start with (an id of the CLI's list; default the CLI's own). */
    model?: string;
    effort?: string;
  }): Promise<SessionSummary>;
  /** Starts (resumes) the CLI process of an existing session; a no-op when it is live. Never two processes. */
  loadSession(sessionId: string): Promise<SessionSummary>;
  /** History or replay for a browser opening the session (see `OpenSessionResult`). Does not start a process. */
  openSession(sessionId: string, options?: { afterSeq?: number; pageSize?: number }): Promise<OpenSessionResult>;
  /** Older completed items before `beforeItemId`, oldest first within the page. */
  historyPage(
    sessionId: string,
    beforeItemId: string,
    pageSize?: number,
  ): Promise<{ entries: UpsertObject[]; seq: number; hasMore: boolean }>;
  /**
   * Sends the user's message (resuming the CLI first when needed); emits the user's `message` upsert
   * (`origin: "user"`, with `images` as references to the stored images); resolves with the provider's `turnId`.
   * `images` (base64) are checked first (see session-images.ts `checkImages`); `content` may be "" with images.
   * @throws `TURN_IN_PROGRESS`, `PROCESS_CRASH`, `SESSION_CREATE_FAILED`; `INVALID_IMAGE`, `IMAGE_TOO_LARGE`,
   * `IMAGES_UNSUPPORTED` (the CLI takes no images; nothing sent), `STORE_ERROR` (an image could not be stored).
   */
  sendMessage(sessionId: string, content: string, images?: readonly ImageInput[]): Promise<{ turnId: string }>;
  /**
   * A stored image of a sent message (`MessageUpsert.images[].imageId`: the SHA-256 hex of its bytes), or undefined
   * when there is none. Served by `GET /api/images/:imageId` and `image:get`.
   */
  readImage(imageId: string): Promise<StoredImage | undefined>;
  /**
   * The session's slash commands (`name` without `/`, `description`), from its live CLI, else the last list known
   * this run (see `SessionCommands`: a sleeping session is not woken). A command runs by sending `/name args`.
   */
  listCommands(sessionId: string): Promise<SlashCommandInfo[]>;
  /** Cancels the running turn, if any. */
  cancelTurn(sessionId: string): Promise<void>;
  /** Ends the session's CLI process; the session's state becomes `dead` and it leaves the active list. */
  killSession(sessionId: string): Promise<SessionSummary>;
  /** Hides the session from lists (and kills it when live). */
  archiveSession(sessionId: string): Promise<void>;
  /** A project's archived sessions, newest activity first (see session-archive.ts). @throws `PROJECT_NOT_FOUND`. */
  listArchivedSessions(projectId: string): Promise<SessionSummary[]>;
  /**
   * Brings an archived session back into `listSessions` (announced once with `archived: false`; its CLI is not
   * started). A session that is not archived is left as it is. Resolves with its summary.
   */
  unarchiveSession(sessionId: string): Promise<SessionSummary>;
  /** Changes the permission mode (live sessions through the CLI's own mechanism). */
  setPermissionMode(sessionId: string, mode: PermissionMode): Promise<SessionSummary>;
  /**
   * Renames the session (kept across restarts; also given to the CLI's own session title where it has one).
   * @throws `INVALID_REQUEST` for an empty, multi-line or over-long title.
   */
  renameSession(sessionId: string, title: string): Promise<SessionSummary>;
  /**
   * The models the session's CLI offers and the one its next turn uses (see `SessionModels`).
   * @throws `SESSION_NOT_FOUND`.
   */
  listModels(sessionId: string): Promise<ModelsResponse>;
  /**
   * Changes the session's model (and effort) from its next turn; kept across sleep, resume and restart.
   * @throws `SESSION_NOT_FOUND`, `UNKNOWN_MODEL`, `TURN_IN_PROGRESS`.
   */
  setModel(sessionId: string, model: string, effort?: string): Promise<SetModelResponse>;
  /** The CLI's last known models for a new session's form (see `SessionModels.cliModels`). @throws `UNSUPPORTED_CLI_TYPE`. */
  cliModels(cliType: string): CliModelsResponse;
  /**
   * Answers a pending permission request; the first answer wins. `message`: the user's words for the agent with an
   * option that takes them (`feedback`). @throws `PERMISSION_REQUEST_NOT_FOUND`.
   */
  respondToPermission(sessionId: string, requestId: string, optionId: string, message?: string): PermissionResolution;
  /** The session's permission requests still waiting for an answer (re-sent when a browser opens the session). */
  pendingPermissions(sessionId: string): PermissionRequest[];
  /** Live status for `GET /api/session/:id/status`. */
  status(sessionId: string): { sessionId: string; cliType: CliType; isAlive: boolean; state: SessionSummary["state"] };
  /** Store problems so far, oldest first (for `/api/health` and a warning to browsers). */
  storeErrors(): StoreErrorInfo[];
  /**
   * Ends every CLI process and every terminal's processes, and flushes the stores (SIGINT/SIGTERM); a running turn ends `turn_error SERVER_SHUTDOWN`.
   * Resolves at most `shutdownTimeoutMs` (default 5 s) after the call, plus the synchronous work around the waits:
   * the waits for the providers and for the store writes share that one cap, and a wait cut short is logged.
   */
  shutdown(): Promise<void>;
}
