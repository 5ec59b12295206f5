// The CliProvider interface every CLI provider implements (CONTRACTS.md section 5).
import type {
  CliType,
  PermissionDecision,
  PermissionMode,
  PermissionRequest,
  SlashCommandInfo,
  TurnEvent,
  UpsertObject,
} from "../../shared/contracts/index.js";
import type { DiskSessions } from "./disk-sessions.js";

/**
 * Options for starting or resuming a session. `sessionId` is the app's id (CONTRACTS.md section 1), stamped on every
 * upsert and turn event the provider emits; `projectDir` is the absolute project folder (the CLI's cwd).
 */
export interface ProviderSessionOptions {
  sessionId: string;
  projectDir: string;
  permissionMode?: PermissionMode;
  /** Provider-specific options (e.g. `{ model }`); unknown keys are ignored. */
  providerOptions?: Record<string, unknown>;
}

/** A live provider session. `providerSessionId` is the CLI's own resume id (transcript UUID / ACP session id). */
export interface ProviderSession {
  sessionId: string;
  cliType: CliType;
  providerSessionId: string;
  /** The model the CLI reports, when known before the first turn. */
  modelId?: string;
}

/** How a session's CLI process ended outside a normal `killSession` (for the session service's state). */
export interface ProcessExitInfo {
  exitCode: number | null;
  signal: string | null;
  message: string;
}

/**
 * One CLI behind the provider seam (CONTRACTS.md section 5). A provider owns its whole translation from CLI events
 * to upserts and turn events; every method keyed by `sessionId` throws `ProviderError` `SESSION_NOT_FOUND` for an
 * unknown id.
 */
export interface CliProvider {
  readonly cliType: CliType;

  /**
   * The CLI's sessions on disk (where its files are, their metadata, their history) for session discovery, built
   * from the provider's own config (e.g. its config dir); see `DiskSessions`. Omitted by a provider whose CLI keeps
   * no session files (e.g. a test fake): discovery then lists none of its sessions.
   */
  readonly diskSessions?: DiskSessions;

  /**
   * Starts a new CLI session; resolves once the CLI is ready for `sendMessage`.
   * @throws ProviderError `SESSION_CREATE_FAILED` (with `cause`) when the CLI cannot start; nothing is left running.
   */
  createSession(options: ProviderSessionOptions): Promise<ProviderSession>;

  /**
   * Resumes an existing CLI session by its resume id and returns its history as completed upserts (status
   * `complete` or `error`) in conversation order.
   * @throws ProviderError `SESSION_NOT_FOUND` when the CLI does not know the id, `SESSION_CREATE_FAILED` otherwise.
   */
  loadSession(
    providerSessionId: string,
    options: ProviderSessionOptions,
  ): Promise<ProviderSession & { history: UpsertObject[] }>;

  /**
   * Starts a turn with the user's message; resolves with the provider's `turnId` once the CLI has accepted the
   * turn (not at its end). The user's own message upsert is the caller's job.
   * @throws ProviderError `PROCESS_CRASH` when the CLI process is dead, `TURN_IN_PROGRESS` while a turn runs.
   */
  sendMessage(sessionId: string, message: string): Promise<{ turnId: string }>;

  /** Cancels the running turn (no-op when idle); the turn then ends `turn_complete { status: "cancelled" }`. */
  cancelTurn(sessionId: string): Promise<void>;

  /** Ends the session's CLI process for good (close, then signal); resolves when it is gone. Idempotent. */
  killSession(sessionId: string): Promise<void>;

  /** True while the session's CLI process is running and usable. */
  isAlive(sessionId: string): boolean;

  /** Subscribes to the session's upserts; returns the unsubscribe function. */
  onUpsert(sessionId: string, callback: (upsert: UpsertObject) => void): () => void;

  /** Subscribes to the session's turn events; returns the unsubscribe function. */
  onTurn(sessionId: string, callback: (event: TurnEvent) => void): () => void;

  /**
   * Registers the handler that answers the CLI's permission requests. With no handler, or no answer before the turn
   * ends or is cancelled, the request is denied. Returns the unregister function.
   */
  onPermissionRequest(
    sessionId: string,
    handler: (request: PermissionRequest) => Promise<PermissionDecision>,
  ): () => void;

  /** Subscribes to an unexpected exit of the session's CLI process (a crash, not `killSession`). */
  onProcessExit(sessionId: string, callback: (info: ProcessExitInfo) => void): () => void;

  /** Changes the permission mode of a live session through the CLI's own mechanism. */
  setPermissionMode(sessionId: string, mode: PermissionMode): Promise<void>;

  /**
   * Gives the CLI's own record of the session the title the user chose (optional: a CLI without session titles has
   * none). Works whether or not the session's process runs. Resolves true when the CLI took it, false when it could
   * not here (e.g. nothing saved yet). @throws on a failed write.
   */
  setTitle?(providerSessionId: string, title: string, projectDir: string): Promise<boolean>;

  /**
   * The live session's slash commands, `name` without the `/` (Claude Code: SDK `Query.supportedCommands()`; Codex:
   * the last ACP `available_commands_update` codex-acp sent, empty before the first). Optional: a provider without
   * commands omits it (the service then answers an empty list). A command is run by sending `/name args` as the
   * message text (`sendMessage`). @throws ProviderError `SESSION_NOT_FOUND`, `PROCESS_CRASH` when the process is gone.
   */
  listCommands?(sessionId: string): Promise<SlashCommandInfo[]>;

  /**
   * Subscribes to changes of the live session's command list, each call with the whole new list (Claude Code: SDK
   * `system` `commands_changed`; Codex: ACP `available_commands_update`). Returns the unsubscribe function.
   */
  onCommandsChanged?(sessionId: string, callback: (commands: SlashCommandInfo[]) => void): () => void;

  /** Ends every process this provider started (server shutdown); resolves when all are gone. */
  dispose(): Promise<void>;
}
