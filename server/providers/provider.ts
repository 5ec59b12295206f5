// The CliProvider interface every CLI provider implements (CONTRACTS.md section 5).
import type {
  CliType,
  EffortChoices,
  ImageMediaType,
  ModelChoice,
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
  /**
   * Provider-specific options; unknown keys are ignored. `model` (string): the model the session starts (or resumes)
   * with, an id of `listModels`; `effort` (string): its reasoning effort level, an id of `listModels().effort`.
   */
  providerOptions?: Record<string, unknown>;
}

/**
 * The models a CLI offers, from the CLI itself (never a list of our own): `models` in the CLI's order, `current` the
 * one in force (when the CLI says), `effort` the reasoning effort levels of the current model where the CLI has them.
 */
export interface ProviderModels {
  current?: string;
  models: ModelChoice[];
  effort?: EffortChoices;
}

/** A live provider session. `providerSessionId` is the CLI's own resume id (transcript UUID / ACP session id). */
export interface ProviderSession {
  sessionId: string;
  cliType: CliType;
  providerSessionId: string;
  /** The model the CLI reports, when known before the first turn. */
  modelId?: string;
}

/**
 * One image of a user message as a provider passes it on: `mediaType` PNG / JPEG / GIF / WebP, `data` standard
 * padded base64 of bytes the caller checked (type, magic number, at most 5 MiB; see shared/contracts/images.ts).
 */
export interface MessageImage {
  mediaType: ImageMediaType;
  data: string;
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
   * turn (not at its end). The user's own message upsert is the caller's job. `images` (already checked, see
   * `MessageImage`) go before the text, in order: Claude Code as SDK `image` content blocks, Codex as ACP `image`
   * content; `message` may be "" when there are images (then no text block is sent).
   * @throws ProviderError `PROCESS_CRASH` when the CLI process is dead, `TURN_IN_PROGRESS` while a turn runs.
   */
  sendMessage(sessionId: string, message: string, images?: readonly MessageImage[]): Promise<{ turnId: string }>;

  /**
   * False when the session's CLI cannot take images in a message (ACP `initialize` → `agentCapabilities.
   * promptCapabilities.image` not true): the caller refuses such a message (`IMAGES_UNSUPPORTED`) before sending
   * anything. Omitted (or true) when it can.
   */
  acceptsImages?(sessionId: string): boolean;

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
   * The models the live session's CLI offers and the one in force (optional: a CLI without a model list has none).
   * Claude Code: `Query.supportedModels()`; ACP: the `model` / `thought_level` config options of `session/new`.
   * @throws ProviderError `SESSION_NOT_FOUND`, `PROCESS_CRASH` when the process is gone.
   */
  listModels?(sessionId: string): Promise<ProviderModels>;

  /**
   * Changes the model (and, when given, the effort level) of the live session from its next turn; call it between
   * turns. Claude Code: `Query.setModel()` / `applyFlagSettings({ effortLevel })`; ACP: `session/set_config_option`.
   * @throws ProviderError `SESSION_NOT_FOUND`, `PROCESS_CRASH`, `PROTOCOL_ERROR` when the CLI refuses the value.
   */
  setModel?(sessionId: string, model: string, effort?: string): Promise<void>;

  /**
   * The list the provider's sessions last reported during this server run (no process is started for it), or
   * undefined before any session has started: what a new-session form can offer before a session exists.
   */
  knownModels?(): ProviderModels | undefined;

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
