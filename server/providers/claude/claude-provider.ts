// ClaudeCodeProvider: the CliProvider for Claude Code over the Claude Agent SDK (CONTRACTS.md section 5).
import { access } from "node:fs/promises";
import path from "node:path";
import { renameSession as sdkRenameSession } from "@anthropic-ai/claude-agent-sdk";
import type {
  PermissionDecision,
  PermissionMode,
  PermissionRequest,
  SlashCommandInfo,
  TurnEvent,
  UpsertObject,
} from "../../../shared/contracts/index.js";
import type {
  CliProvider,
  MessageImage,
  ProcessExitInfo,
  ProviderModels,
  ProviderSession,
  ProviderSessionOptions,
} from "../provider.js";
import { ProviderError } from "../provider-error.js";
import type { ClaudeSession } from "./claude-session.js";
import { ClaudeDiskSessions } from "./disk-sessions.js";
import { type ClaudeProviderConfig, resolveClaudeConfigDir } from "./environment.js";
import { ClaudeLauncher, type LaunchRequest } from "./launcher.js";
import { readClaudeTranscript } from "./transcript.js";
import { claudeTranscriptPath } from "./transcript-path.js";

function stringOption(options: ProviderSessionOptions, key: "model" | "effort"): string | undefined {
  const value = options.providerOptions?.[key];
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

/**
 * Claude Code sessions, one long-lived CLI process each (streaming input: one `query()` serves every turn).
 * New sessions get their transcript UUID up front (`providerSessionId`); `loadSession` resumes a transcript with
 * `resume` and returns its history. See {@link ClaudeProviderConfig} for environment, warm start and test seams.
 */
export class ClaudeCodeProvider implements CliProvider {
  readonly cliType = "claude-code" as const;
  /** Transcripts under `<configDir>/projects/` (see `ClaudeDiskSessions`). */
  readonly diskSessions: ClaudeDiskSessions;
  private readonly launcher: ClaudeLauncher;
  private readonly sessions = new Map<string, ClaudeSession>();
  private disposed = false;
  /** The model list a session of this provider last reported (`knownModels`). */
  private lastModels: ProviderModels | undefined;

  private readonly renameFn: typeof sdkRenameSession;

  constructor(config: ClaudeProviderConfig = {}) {
    this.launcher = new ClaudeLauncher(config);
    this.renameFn = config.renameFn ?? sdkRenameSession;
    this.diskSessions = new ClaudeDiskSessions(this.configDir);
  }

  /** The CLI's config folder (`CLAUDE_CONFIG_DIR`, else `~/.claude`): transcripts are under its `projects/`. */
  get configDir(): string {
    return resolveClaudeConfigDir(this.launcher.env);
  }

  /** @see CliProvider.createSession; `providerOptions.model` / `.effort` pick the model and effort level. */
  async createSession(options: ProviderSessionOptions): Promise<ProviderSession> {
    const session = await this.start(options, undefined);
    return this.describe(session);
  }

  /** @see CliProvider.loadSession; the history comes from the transcript file, the process resumes it. */
  async loadSession(
    providerSessionId: string,
    options: ProviderSessionOptions,
  ): Promise<ProviderSession & { history: UpsertObject[] }> {
    const file = claudeTranscriptPath(this.configDir, options.projectDir, providerSessionId);
    try {
      await access(file);
    } catch (error) {
      throw new ProviderError(
        "SESSION_NOT_FOUND",
        `No Claude Code session ${providerSessionId} in ${options.projectDir}`,
        {
          cause: error,
        },
      );
    }
    const transcript = await readClaudeTranscript(file, { sessionId: options.sessionId });
    const session = await this.start(options, providerSessionId);
    return { ...this.describe(session), history: transcript.history };
  }

  /** @see CliProvider.sendMessage */
  async sendMessage(sessionId: string, message: string, images?: readonly MessageImage[]): Promise<{ turnId: string }> {
    return { turnId: this.get(sessionId).send(message, images) };
  }

  /** @see CliProvider.cancelTurn */
  async cancelTurn(sessionId: string): Promise<void> {
    await this.get(sessionId).cancel();
  }

  /** @see CliProvider.killSession; the session stays known (not alive) so later calls see it as dead. */
  async killSession(sessionId: string): Promise<void> {
    await this.get(sessionId).kill();
  }

  /** @see CliProvider.isAlive */
  isAlive(sessionId: string): boolean {
    return this.get(sessionId).isAlive;
  }

  /** @see CliProvider.onUpsert */
  onUpsert(sessionId: string, callback: (upsert: UpsertObject) => void): () => void {
    return this.get(sessionId).onUpsert(callback);
  }

  /** @see CliProvider.onTurn */
  onTurn(sessionId: string, callback: (event: TurnEvent) => void): () => void {
    return this.get(sessionId).onTurn(callback);
  }

  /** @see CliProvider.onPermissionRequest */
  onPermissionRequest(
    sessionId: string,
    handler: (request: PermissionRequest) => Promise<PermissionDecision>,
  ): () => void {
    return this.get(sessionId).permissions.addHandler(handler);
  }

  /** @see CliProvider.onProcessExit */
  onProcessExit(sessionId: string, callback: (info: ProcessExitInfo) => void): () => void {
    return this.get(sessionId).onExit(callback);
  }

  /** @see CliProvider.listCommands (SDK `Query.supportedCommands()`). */
  async listCommands(sessionId: string): Promise<SlashCommandInfo[]> {
    const session = this.get(sessionId);
    if (!session.isAlive)
      throw new ProviderError("PROCESS_CRASH", "The Claude Code process of this session has ended.");
    return session.commands.list();
  }

  /** @see CliProvider.onCommandsChanged (SDK `system` `commands_changed`). */
  onCommandsChanged(sessionId: string, callback: (commands: SlashCommandInfo[]) => void): () => void {
    return this.get(sessionId).commands.onChange(callback);
  }

  /** @see CliProvider.setPermissionMode (SDK `Query.setPermissionMode`). */
  async setPermissionMode(sessionId: string, mode: PermissionMode): Promise<void> {
    await this.get(sessionId).setPermissionMode(mode);
  }

  /** @see CliProvider.listModels (SDK `Query.supportedModels()`); remembered for `knownModels`. */
  async listModels(sessionId: string): Promise<ProviderModels> {
    const models = await this.get(sessionId).listModels();
    this.lastModels = { models: models.models };
    return models;
  }

  /** @see CliProvider.setModel (SDK `Query.setModel()`, effort through `Query.applyFlagSettings`). */
  async setModel(sessionId: string, model: string, effort?: string): Promise<void> {
    await this.get(sessionId).setModel(model, effort);
  }

  /**
   * @see CliProvider.knownModels: the list a session last reported (asked at the first start of this run, and on every
   * `listModels`), without a current model: the CLI's default depends on the session's settings.
   */
  knownModels(): ProviderModels | undefined {
    return this.lastModels;
  }

  /**
   * @see CliProvider.setTitle: the SDK's `renameSession()` appends a `custom-title` record to the transcript (as the
   * CLI's `/rename` does). The SDK finds transcripts through this server process's own `CLAUDE_CONFIG_DIR` (else
   * `~/.claude`), not through this provider's config: when the two differ (demo mode, tests), or the transcript does not
   * exist yet (no turn so far), nothing is written and it resolves false.
   */
  async setTitle(providerSessionId: string, title: string, projectDir: string): Promise<boolean> {
    const sdkConfigDir = resolveClaudeConfigDir({
      CLAUDE_CONFIG_DIR: process.env.CLAUDE_CONFIG_DIR,
      HOME: process.env.HOME,
    });
    if (path.resolve(sdkConfigDir) !== path.resolve(this.configDir)) return false;
    try {
      await access(claudeTranscriptPath(this.configDir, projectDir, providerSessionId));
    } catch {
      return false;
    }
    await this.renameFn(providerSessionId, title, { dir: projectDir });
    return true;
  }

  /** Ends every session's process and the spare processes; resolves when all are gone. */
  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.all([...[...this.sessions.values()].map((s) => s.kill()), this.launcher.dispose()]);
  }

  private async start(options: ProviderSessionOptions, resume: string | undefined): Promise<ClaudeSession> {
    if (this.disposed) throw new ProviderError("SESSION_CREATE_FAILED", "The Claude provider was shut down.");
    const existing = this.sessions.get(options.sessionId);
    if (existing?.isAlive) {
      throw new ProviderError("SESSION_CREATE_FAILED", `Session ${options.sessionId} already has a running process.`);
    }
    const twin = resume
      ? [...this.sessions.values()].find((s) => s.isAlive && s.providerSessionId === resume)
      : undefined;
    if (twin) {
      throw new ProviderError(
        "SESSION_CREATE_FAILED",
        `Claude Code session ${resume} is already open as ${twin.sessionId}; two processes must not share a transcript.`,
      );
    }
    const request: LaunchRequest = {
      sessionId: options.sessionId,
      projectDir: options.projectDir,
      ...(options.permissionMode ? { permissionMode: options.permissionMode } : {}),
      ...(stringOption(options, "model") ? { model: stringOption(options, "model") } : {}),
      ...(stringOption(options, "effort") ? { effort: stringOption(options, "effort") } : {}),
      ...(resume ? { resume } : {}),
    };
    const session = await this.launcher.launch(request);
    if (this.disposed) {
      await session.kill();
      throw new ProviderError("SESSION_CREATE_FAILED", "The Claude provider was shut down.");
    }
    this.sessions.set(options.sessionId, session);
    // The list for `knownModels` (the new-session form), asked in the background once per server run (the list is the
    // CLI's own, the same for every session; a session's `listModels` refreshes it): one control request, no turn.
    if (!this.lastModels) {
      session
        .listModels()
        .then((listed) => {
          this.lastModels ??= { models: listed.models };
        })
        .catch(() => undefined);
    }
    return session;
  }

  private describe(session: ClaudeSession): ProviderSession {
    return {
      sessionId: session.sessionId,
      cliType: this.cliType,
      providerSessionId: session.providerSessionId,
      ...(session.modelId ? { modelId: session.modelId } : {}),
    };
  }

  private get(sessionId: string): ClaudeSession {
    const session = this.sessions.get(sessionId);
    if (!session) throw new ProviderError("SESSION_NOT_FOUND", `No Claude Code session ${sessionId}`);
    return session;
  }
}
