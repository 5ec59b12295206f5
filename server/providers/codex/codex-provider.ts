// CodexProvider: the CliProvider for Codex through codex-acp over ACP, one agent process per project folder.
import type {
  PermissionDecision,
  PermissionMode,
  PermissionRequest,
  SlashCommandInfo,
  TurnEvent,
  UpsertObject,
} from "../../../shared/contracts/index.js";
import { consoleLogger, type Logger } from "../../../shared/util/index.js";
import type { BatchingOptions } from "../batching.js";
import type { CliProvider, ProcessExitInfo, ProviderSession, ProviderSessionOptions } from "../provider.js";
import { ProviderError } from "../provider-error.js";
import { reapOrphanedAgents } from "./agent-owner.js";
import { AgentPool } from "./agent-pool.js";
import { AgentProcess } from "./agent-process.js";
import { CodexSession } from "./codex-session.js";
import { CodexDiskSessions } from "./disk-sessions.js";
import { errorText, RESOURCE_NOT_FOUND, rpcCode } from "./errors.js";
import { type LaunchPlan, launchPlan } from "./executable.js";
import { resolveCodexHome } from "./session-files.js";
import { type SpawnAgent, spawnCodexAcp } from "./spawn-agent.js";

/**
 * Configuration of `CodexProvider`. Every field is optional; the defaults run the user's own Codex setup.
 */
export interface CodexProviderConfig {
  /** `CODEX_HOME` for codex-acp (tests, demo mode: a folder holding a generated config.toml); default: unset, so the user's `~/.codex` is used untouched. */
  codexHome?: string;
  /** `HOME` for codex-acp (tests: an empty folder, so `bash -lc` sources no profile). */
  homeDir?: string;
  /** The codex-acp binary; default: the platform package's binary (`@zed-industries/codex-acp-<os>-<arch>`). */
  executablePath?: string;
  /** Added to (and overriding) `process.env` for codex-acp, e.g. `{ LOCAL_MODEL_API_KEY: "…" }`. */
  extraEnv?: Record<string, string>;
  /** Extra codex-acp arguments, e.g. `["-c", "model=\"gpt-5.4\""]`. */
  extraArgs?: string[];
  /** Batching of streamed text (CONTRACTS.md section 4). */
  batching?: BatchingOptions;
  /** Unit-test seam: starts an agent for a project folder (e.g. an in-process fake ACP agent) instead of codex-acp. */
  spawnAgent?: SpawnAgent;
  /** SIGTERM → SIGKILL grace when ending codex-acp, in ms; default 2000. */
  killGraceMs?: number;
  /** How long a cancelled turn may take to return before it is ended as cancelled anyway, in ms; default 5000. */
  cancelTimeoutMs?: number;
  /** How long codex-acp may take to answer `initialize`, in ms; default 30000. */
  startTimeoutMs?: number;
  /** Where failing listeners, unknown ACP update kinds and refused mode changes are reported; default `consoleLogger`. */
  logger?: Logger;
}

/**
 * Codex behind the provider seam (CONTRACTS.md section 5). Sessions of one project folder share one codex-acp
 * process started with that folder as cwd (Codex's Linux sandbox root is the process's cwd); the process is ended
 * with a signal to its process group when its last session goes, when it crashes, and at `dispose()`.
 */
export class CodexProvider implements CliProvider {
  readonly cliType = "codex" as const;
  /** Rollouts under `<CODEX_HOME>/sessions/` (see `CodexDiskSessions`; `resolveCodexHome` of the config). */
  readonly diskSessions: CodexDiskSessions;
  private readonly sessions = new Map<string, CodexSession>();
  /** One codex-acp process per project folder, shared by its sessions. */
  private readonly agents = new AgentPool((dir) => this.startAgent(dir));
  private plan: LaunchPlan | undefined;

  /**
   * A provider that starts real codex-acp processes first ends any agent a previous server left running when it was
   * killed without cleanup (SIGKILL): see `reapOrphanedAgents`.
   */
  constructor(private readonly config: CodexProviderConfig = {}) {
    this.diskSessions = new CodexDiskSessions(resolveCodexHome(config));
    if (!config.spawnAgent) reapOrphanedAgents();
  }

  /** The launch plan (binary, args, env, sandbox decision) codex-acp starts with; computed once. */
  launchPlan(): LaunchPlan {
    this.plan ??= launchPlan(this.config);
    return this.plan;
  }

  async createSession(options: ProviderSessionOptions): Promise<ProviderSession> {
    const { dir, slot, agent } = await this.agents.hold(options.projectDir);
    try {
      const response = await agent.connection.agent.request("session/new", { cwd: dir, mcpServers: [] });
      const session = this.newSession(options, response.sessionId, agent);
      session.configure(response);
      agent.route(response.sessionId, session);
      await this.install(session, options.permissionMode);
      return this.describe(session);
    } catch (error) {
      throw this.startFailure(error, "Could not start a Codex session");
    } finally {
      await this.agents.release(slot);
    }
  }

  async loadSession(
    providerSessionId: string,
    options: ProviderSessionOptions,
  ): Promise<ProviderSession & { history: UpsertObject[] }> {
    const { dir, slot, agent } = await this.agents.hold(options.projectDir);
    const session = this.newSession(options, providerSessionId, agent);
    try {
      if (!agent.capabilities.loadSession) throw new Error("this codex-acp cannot load sessions");
      session.startLoading();
      agent.route(providerSessionId, session);
      const response = await agent.connection.agent.request("session/load", {
        sessionId: providerSessionId,
        cwd: dir,
        mcpServers: [],
      });
      const history = await session.finishLoading();
      session.configure(response ?? {});
      await this.install(session, options.permissionMode);
      return { ...this.describe(session), history };
    } catch (error) {
      agent.unroute(providerSessionId, session);
      if (rpcCode(error) === RESOURCE_NOT_FOUND) {
        throw new ProviderError("SESSION_NOT_FOUND", `Codex has no session ${providerSessionId}`, { cause: error });
      }
      throw this.startFailure(error, "Could not load the Codex session");
    } finally {
      await this.agents.release(slot);
    }
  }

  sendMessage(sessionId: string, message: string): Promise<{ turnId: string }> {
    return this.get(sessionId).sendMessage(message);
  }

  cancelTurn(sessionId: string): Promise<void> {
    return this.get(sessionId).cancelTurn();
  }

  async killSession(sessionId: string): Promise<void> {
    const session = this.get(sessionId);
    await session.close();
    session.agent.unroute(session.providerSessionId, session);
    await this.agents.endIfUnused(session.agent);
  }

  isAlive(sessionId: string): boolean {
    return this.get(sessionId).alive;
  }

  onUpsert(sessionId: string, callback: (upsert: UpsertObject) => void): () => void {
    return this.get(sessionId).upserts.add(callback);
  }

  onTurn(sessionId: string, callback: (event: TurnEvent) => void): () => void {
    return this.get(sessionId).turns.add(callback);
  }

  onPermissionRequest(
    sessionId: string,
    handler: (request: PermissionRequest) => Promise<PermissionDecision>,
  ): () => void {
    const session = this.get(sessionId);
    session.permissionHandler = handler;
    return () => {
      if (session.permissionHandler === handler) session.permissionHandler = undefined;
    };
  }

  onProcessExit(sessionId: string, callback: (info: ProcessExitInfo) => void): () => void {
    return this.get(sessionId).exits.add(callback);
  }

  /** @see CliProvider.listCommands (the last ACP `available_commands_update` of the session). */
  async listCommands(sessionId: string): Promise<SlashCommandInfo[]> {
    const session = this.get(sessionId);
    if (!session.alive) throw new ProviderError("PROCESS_CRASH", "Codex is not running for this session");
    return session.commands.list();
  }

  /** @see CliProvider.onCommandsChanged (ACP `available_commands_update`). */
  onCommandsChanged(sessionId: string, callback: (commands: SlashCommandInfo[]) => void): () => void {
    return this.get(sessionId).commands.onChange(callback);
  }

  setPermissionMode(sessionId: string, mode: PermissionMode): Promise<void> {
    return this.get(sessionId).setPermissionMode(mode);
  }

  async dispose(): Promise<void> {
    const sessions = [...this.sessions.values()];
    await Promise.allSettled(sessions.map((session) => session.close()));
    const agents = new Set([...sessions.map((session) => session.agent), ...(await this.agents.drain())]);
    await Promise.allSettled([...agents].map((agent) => agent.kill()));
  }

  private get(sessionId: string): CodexSession {
    const session = this.sessions.get(sessionId);
    if (!session) throw new ProviderError("SESSION_NOT_FOUND", `No Codex session ${sessionId}`);
    return session;
  }

  private newSession(options: ProviderSessionOptions, providerSessionId: string, agent: AgentProcess): CodexSession {
    return new CodexSession({
      sessionId: options.sessionId,
      providerSessionId,
      agent,
      folder: options.projectDir,
      permissionMode: options.permissionMode ?? "default",
      sandboxAvailable: this.config.spawnAgent ? true : this.launchPlan().sandboxAvailable,
      cancelTimeoutMs: this.config.cancelTimeoutMs ?? 5000,
      logger: this.config.logger ?? consoleLogger,
      ...(this.config.batching ? { batching: this.config.batching } : {}),
    });
  }

  /** Makes `session` the live session of its app id (closing a previous one) and applies its permission mode. */
  private async install(session: CodexSession, mode: PermissionMode | undefined): Promise<void> {
    const previous = this.sessions.get(session.sessionId);
    if (previous && previous !== session) {
      // Reloading the same ACP session on the same agent: only the old object goes, the agent-side session stays.
      const same = previous.agent === session.agent && previous.providerSessionId === session.providerSessionId;
      await previous.close(!same);
      previous.agent.unroute(previous.providerSessionId, previous);
      await this.agents.endIfUnused(previous.agent);
    }
    this.sessions.set(session.sessionId, session);
    await session.setPermissionMode(mode ?? "default").catch((error: unknown) => {
      (this.config.logger ?? consoleLogger).warn(`Codex: permission mode ${mode} not set`, { error: String(error) });
    });
  }

  private describe(session: CodexSession): ProviderSession {
    return {
      sessionId: session.sessionId,
      cliType: "codex",
      providerSessionId: session.providerSessionId,
      ...(session.modelId ? { modelId: session.modelId } : {}),
    };
  }

  private startFailure(error: unknown, what: string): ProviderError {
    if (error instanceof ProviderError) return error;
    return new ProviderError("SESSION_CREATE_FAILED", `${what}: ${errorText(error)}`, { cause: error });
  }

  private async startAgent(dir: string): Promise<AgentProcess> {
    try {
      const channel = this.config.spawnAgent
        ? this.config.spawnAgent(dir)
        : spawnCodexAcp(this.launchPlan(), dir, this.config.killGraceMs);
      return await AgentProcess.start(channel, this.config.startTimeoutMs);
    } catch (error) {
      throw new ProviderError("SESSION_CREATE_FAILED", `Could not start Codex: ${errorText(error)}`, { cause: error });
    }
  }
}
