// Starts the Claude Code process of one session: claims a warm spare or calls query(), new or resumed.
import { randomUUID } from "node:crypto";
import {
  type Options,
  type Query,
  type SDKUserMessage,
  prewarm as sdkPrewarm,
  query as sdkQuery,
} from "@anthropic-ai/claude-agent-sdk";
import type { PermissionMode } from "../../../shared/contracts/index.js";
import { consoleLogger, type Logger, withTimeout } from "../../../shared/util/index.js";
import { ProviderError } from "../provider-error.js";
import { ClaudeSession } from "./claude-session.js";
import { CliProcess } from "./cli-process.js";
import { buildClaudeEnv, type ClaudeProviderConfig } from "./environment.js";
import { InputQueue } from "./input-queue.js";
import { isEffortLevel } from "./models.js";
import { PermissionBroker } from "./permissions.js";
import { type Spare, SparePool } from "./spare-pool.js";

/** One session to start: a new one, or `resume` = the providerSessionId of an existing transcript. */
export interface LaunchRequest {
  sessionId: string;
  projectDir: string;
  permissionMode?: PermissionMode;
  model?: string;
  /** Reasoning effort level (SDK `Options.effort`). */
  effort?: string;
  resume?: string;
}

/** How long the CLI may take to answer the SDK's initialize request (ms). */
const START_TIMEOUT_MS = 60_000;

/**
 * Launches sessions with the provider's configuration. New sessions claim a warm spare when `warmStart` is on (and
 * the mode can be claimed: `bypassPermissions` needs `allowDangerouslySkipPermissions` at start, so it always starts
 * cold); otherwise, and whenever a claim is refused, `query()` starts a process for the session. Either way the
 * process runs from here on and serves every turn of the session.
 */
export class ClaudeLauncher {
  /** The environment of every CLI process (see `buildClaudeEnv`). */
  readonly env: Record<string, string>;
  private readonly queryFn: typeof sdkQuery;
  private readonly pool: SparePool | undefined;
  private readonly logger: Logger;

  constructor(private readonly config: ClaudeProviderConfig) {
    this.env = buildClaudeEnv(config);
    this.logger = config.logger ?? consoleLogger;
    this.queryFn = config.queryFn ?? sdkQuery;
    const prewarmFn = config.prewarmFn ?? (config.queryFn ? undefined : sdkPrewarm);
    if (config.warmStart !== false && prewarmFn) {
      this.pool = new SparePool(prewarmFn, () => this.hostOptions(), config.onStderr);
      this.pool.fill();
    }
  }

  /**
   * Starts the session's CLI and resolves once it has answered the SDK's initialize request (cold) or accepted the
   * claim (warm).
   * @throws ProviderError `SESSION_CREATE_FAILED` (with `cause` and the CLI's stderr) when it cannot start; nothing
   *   is left running.
   */
  async launch(request: LaunchRequest): Promise<ClaudeSession> {
    const mode = request.permissionMode ?? "default";
    // An effort level is a launch option (`Options.effort`) a claim cannot carry: such a session starts cold.
    if (this.pool && !request.resume && mode !== "bypassPermissions" && request.effort === undefined) {
      const spare = await this.pool.take();
      if (spare) {
        const session = await this.claim(spare, request, mode);
        if (session) return session;
      }
    }
    return this.startCold(request, mode);
  }

  /** Ends the spare processes. */
  async dispose(): Promise<void> {
    await this.pool?.dispose();
  }

  private hostOptions(): Options {
    return { env: this.env, includePartialMessages: true };
  }

  private async claim(spare: Spare, request: LaunchRequest, mode: PermissionMode): Promise<ClaudeSession | undefined> {
    const input = new InputQueue<SDKUserMessage>();
    const holder: { session?: ClaudeSession } = {};
    const permissions = new PermissionBroker(request.sessionId, () => holder.session?.runningTurnId);
    spare.bindCanUseTool(permissions.canUseTool);
    const model = request.model ?? this.config.model;
    let query: Query;
    try {
      query = spare.spare.claim({
        prompt: input,
        options: { cwd: request.projectDir, permissionMode: mode, ...(model ? { model } : {}) },
      });
    } catch {
      input.end();
      this.pool?.discard(spare);
      return undefined;
    }
    let providerSessionId: string;
    try {
      providerSessionId = (await withTimeout(spare.spare.claimed, START_TIMEOUT_MS, "Claiming Claude Code")).sessionId;
    } catch (error) {
      // `option_not_applied`: only the model was refused; the session runs (SDK `SpareProcess.claimed`).
      const claimed = (error as { claim?: { sessionId?: string } } | undefined)?.claim?.sessionId;
      if (!(error instanceof Error && error.message.startsWith("option_not_applied") && claimed)) {
        input.end();
        this.pool?.discard(spare);
        return undefined;
      }
      providerSessionId = claimed;
    }
    holder.session = new ClaudeSession({
      sessionId: request.sessionId,
      providerSessionId,
      query,
      input,
      process: spare.process,
      permissions,
      modelId: model,
      ...(request.model ? { chosenModel: request.model } : {}),
      freshCost: true,
      batching: this.config.batching,
      logger: this.logger,
    });
    return holder.session;
  }

  private async startCold(request: LaunchRequest, mode: PermissionMode): Promise<ClaudeSession> {
    const process = new CliProcess(this.config.onStderr, this.config.logger);
    const input = new InputQueue<SDKUserMessage>();
    const holder: { session?: ClaudeSession } = {};
    const permissions = new PermissionBroker(request.sessionId, () => holder.session?.runningTurnId);
    const providerSessionId = request.resume ?? randomUUID();
    const model = request.model ?? this.config.model;
    const options: Options = {
      ...this.hostOptions(),
      cwd: request.projectDir,
      permissionMode: mode,
      canUseTool: permissions.canUseTool,
      spawnClaudeCodeProcess: process.spawn,
      ...(request.resume ? { resume: request.resume } : { sessionId: providerSessionId }),
      ...(mode === "bypassPermissions" ? { allowDangerouslySkipPermissions: true } : {}),
      ...(model ? { model } : {}),
      ...(request.effort && isEffortLevel(request.effort) ? { effort: request.effort } : {}),
    };
    let query: Query | undefined;
    try {
      query = this.queryFn({ prompt: input, options });
      await withTimeout(query.initializationResult(), START_TIMEOUT_MS, "Starting Claude Code");
    } catch (error) {
      input.end();
      try {
        query?.close();
      } catch {
        // already closed
      }
      await process.terminate(0, 500);
      const stderr = process.stderrTail.trim();
      const reason = error instanceof Error ? error.message : String(error);
      const message = `Could not start Claude Code: ${reason}${stderr && !reason.includes(stderr) ? ` (${stderr})` : ""}`;
      throw new ProviderError("SESSION_CREATE_FAILED", message, { cause: error });
    }
    holder.session = new ClaudeSession({
      sessionId: request.sessionId,
      providerSessionId,
      query,
      input,
      process,
      permissions,
      modelId: model,
      ...(request.model ? { chosenModel: request.model } : {}),
      ...(request.effort ? { chosenEffort: request.effort } : {}),
      freshCost: !request.resume,
      batching: this.config.batching,
      logger: this.logger,
    });
    return holder.session;
  }
}
