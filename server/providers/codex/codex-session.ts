// One Codex session on a shared codex-acp agent: turns (session/prompt, session/cancel), listeners, permissions.
import { randomUUID } from "node:crypto";
import type {
  AnyMessage,
  PromptResponse,
  RequestPermissionRequest,
  RequestPermissionResponse,
  SessionModeState,
  SessionUpdate,
} from "@agentclientprotocol/sdk";
import type {
  PermissionDecision,
  PermissionMode,
  PermissionRequest,
  TurnEvent,
  UpsertObject,
} from "../../../shared/contracts/index.js";
import { Listeners, type Logger, withTimeout } from "../../../shared/util/index.js";
import type { BatchingOptions } from "../batching.js";
import type { ProcessExitInfo } from "../provider.js";
import { ProviderError } from "../provider-error.js";
import type { AgentProcess, AgentSessionTarget } from "./agent-process.js";
import { CodexCommands } from "./commands.js";
import { promptFailure } from "./errors.js";
import { HistoryCollector } from "./history.js";
import { mentionLinks } from "./mention-links.js";
import { acpModeFor, automaticAnswer, PermissionBroker, toPermissionRequest } from "./permissions.js";
import { modelIdOf } from "./session-info.js";
import { CodexTurn } from "./turn.js";

/** Everything a session needs from its provider. */
export interface CodexSessionOptions {
  sessionId: string;
  providerSessionId: string;
  agent: AgentProcess;
  /** The session's folder (its worktree for a worktree session): `@path` mentions resolve against it. */
  folder: string;
  permissionMode: PermissionMode;
  /** False on Linux without bwrap: only the unsandboxed `full-access` mode may be set (see permissions.ts). */
  sandboxAvailable: boolean;
  batching?: BatchingOptions;
  /** How long a cancelled turn may take to return before the provider ends it itself (ms). */
  cancelTimeoutMs: number;
  /** Where failing listeners and unknown ACP update kinds are reported. */
  logger: Logger;
}

/** Lets the notifications that arrived before a response finish their (synchronous) handlers. */
const drain = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A Codex session (one ACP session id on an `AgentProcess`). It implements the per-session half of `CliProvider`:
 * one turn at a time, exactly one terminal turn event per turn, pending permission requests closed at turn end.
 */
export class CodexSession implements AgentSessionTarget {
  readonly upserts: Listeners<UpsertObject>;
  readonly turns: Listeners<TurnEvent>;
  readonly exits: Listeners<ProcessExitInfo>;
  permissionHandler: ((request: PermissionRequest) => Promise<PermissionDecision>) | undefined;
  modes: SessionModeState | null | undefined;
  modelId: string | undefined;
  /** The session's slash commands (ACP `available_commands_update`). */
  readonly commands: CodexCommands;
  private readonly permissions = new PermissionBroker();
  private history: HistoryCollector | undefined;
  private turn: CodexTurn | undefined;
  private permissionMode: PermissionMode;
  private closed = false;
  private dead = false;

  constructor(private readonly options: CodexSessionOptions) {
    this.permissionMode = options.permissionMode;
    this.upserts = new Listeners("Codex upsert", options.logger);
    this.turns = new Listeners("Codex turn event", options.logger);
    this.exits = new Listeners("Codex process exit", options.logger);
    this.commands = new CodexCommands(options.logger);
  }

  get sessionId(): string {
    return this.options.sessionId;
  }

  get providerSessionId(): string {
    return this.options.providerSessionId;
  }

  get agent(): AgentProcess {
    return this.options.agent;
  }

  /** True while the session is open and its agent is running. */
  get alive(): boolean {
    return !this.closed && !this.dead && this.options.agent.alive;
  }

  /** Records the agent's `session/new` / `session/load` answer (modes, model). */
  configure(response: { modes?: SessionModeState | null; configOptions?: Parameters<typeof modelIdOf>[0] }): void {
    this.modes = response.modes;
    this.modelId = modelIdOf(response.configOptions) ?? this.modelId;
  }

  /** Collects replayed updates as history until `finishLoading` (during `session/load`). */
  startLoading(): void {
    this.history = new HistoryCollector({ sessionId: this.sessionId, logger: this.options.logger });
  }

  /** Ends the replay; returns the history (completed upserts, conversation order). */
  async finishLoading(): Promise<UpsertObject[]> {
    await drain();
    const history = this.history?.finish() ?? [];
    this.history = undefined;
    return history;
  }

  /** `sendMessage` of CliProvider (see there). */
  async sendMessage(message: string): Promise<{ turnId: string }> {
    if (!this.alive) throw new ProviderError("PROCESS_CRASH", "Codex is not running for this session");
    if (this.turn) throw new ProviderError("TURN_IN_PROGRESS", "A turn is already running in this session");
    const turn = new CodexTurn({
      sessionId: this.sessionId,
      turnId: randomUUID(),
      emitUpsert: (upsert) => this.upserts.emit(upsert),
      emitTurn: (event) => this.turns.emit(event),
      logger: this.options.logger,
      onEnd: () => {
        if (this.turn === turn) this.turn = undefined;
        this.permissions.closeAll();
      },
      ...(this.options.batching ? { batching: this.options.batching } : {}),
    });
    this.turn = turn;
    const links = await mentionLinks(message, this.options.folder);
    const acpSessionId = this.providerSessionId;
    const written = this.agent.whenWritten((m: AnyMessage) => isPromptFor(m, acpSessionId));
    const prompt = this.agent.connection.agent.request("session/prompt", {
      sessionId: acpSessionId,
      prompt: [{ type: "text", text: message }, ...links],
    });
    void Promise.allSettled([written, prompt]).then(([w, p]) => {
      if (w.status === "fulfilled") void this.promptSettled(turn, p);
    });
    try {
      await written;
      if (!this.alive) throw new Error("codex-acp ended as the message was sent");
    } catch (error) {
      turn.drop();
      if (this.turn === turn) this.turn = undefined;
      throw new ProviderError("PROCESS_CRASH", `Codex could not take the message: ${String(error)}`, { cause: error });
    }
    turn.start(this.modelId ?? "codex");
    return { turnId: turn.turnId };
  }

  /** Sends ACP `session/cancel` and closes pending permission requests; the turn then ends `cancelled`. */
  async cancelTurn(): Promise<void> {
    const turn = this.turn;
    if (!turn || turn.isOver || turn.cancelRequested) return;
    turn.cancelRequested = true;
    this.permissions.closeAll();
    turn.cancelTimer = setTimeout(() => turn.endCancelled(), this.options.cancelTimeoutMs);
    try {
      await this.agent.connection.agent.notify("session/cancel", { sessionId: this.providerSessionId });
    } catch (error) {
      if (this.alive)
        throw new ProviderError("INTERRUPT_FAILED", `Codex did not take the cancel: ${String(error)}`, {
          cause: error,
        });
    }
  }

  /** Changes the permission mode: ACP `session/set_mode` when codex-acp offers the mapped mode (permissions.ts). */
  async setPermissionMode(mode: PermissionMode): Promise<void> {
    this.permissionMode = mode;
    const modeId = acpModeFor(mode, this.modes, this.options.sandboxAvailable);
    if (!modeId || !this.modes || modeId === this.modes.currentModeId || !this.alive) return;
    await this.agent.connection.agent.request("session/set_mode", { sessionId: this.providerSessionId, modeId });
    this.modes = { ...this.modes, currentModeId: modeId };
  }

  /**
   * Ends the session for good: a running turn ends `cancelled`; with `agentSide` (default) the agent is told too
   * (`session/cancel` for a running turn, `session/close` when the agent supports it).
   */
  async close(agentSide = true): Promise<void> {
    if (this.closed) return;
    const turn = this.turn;
    const wasAlive = this.alive && agentSide;
    this.closed = true;
    if (turn && !turn.isOver) {
      if (wasAlive)
        void this.agent.connection.agent
          .notify("session/cancel", { sessionId: this.providerSessionId })
          .catch(() => undefined);
      turn.endCancelled();
    }
    this.permissions.closeAll();
    const canClose = (this.agent.capabilities.sessionCapabilities as Record<string, unknown> | undefined)?.close;
    if (wasAlive && canClose) {
      await withTimeout(
        this.agent.connection.agent.request("session/close", { sessionId: this.providerSessionId }),
        2000,
        "session/close",
      ).catch(() => undefined);
    }
  }

  update(update: SessionUpdate, receivedAt: number): void {
    if (update.sessionUpdate === "current_mode_update" && this.modes) {
      this.modes = { ...this.modes, currentModeId: update.currentModeId };
    } else if (update.sessionUpdate === "config_option_update") {
      this.modelId = modelIdOf(update.configOptions) ?? this.modelId;
    } else if (update.sessionUpdate === "available_commands_update") {
      this.commands.update(update.availableCommands);
    }
    if (this.history) {
      this.history.apply(update, receivedAt);
      return;
    }
    this.turn?.apply(update, receivedAt);
  }

  requestPermission(request: RequestPermissionRequest, signal: AbortSignal): Promise<RequestPermissionResponse> {
    const turn = this.turn;
    if (!turn || turn.isOver || turn.cancelRequested) return Promise.resolve({ outcome: { outcome: "cancelled" } });
    const automatic = automaticAnswer(this.permissionMode, request);
    if (automatic) return Promise.resolve(automatic);
    return this.permissions.ask(
      toPermissionRequest(request, this.sessionId, turn.turnId),
      this.permissionHandler,
      signal,
    );
  }

  agentExited(info: ProcessExitInfo, expected: boolean): void {
    if (this.dead) return;
    this.dead = true;
    const turn = this.turn;
    if (turn && !turn.isOver) {
      if (!turn.isStarted) turn.drop();
      else if (expected) turn.endCancelled();
      else turn.endFailed("PROCESS_CRASH", info.message);
    }
    this.permissions.closeAll();
    if (!expected && !this.closed) this.exits.emit(info);
  }

  private async promptSettled(turn: CodexTurn, result: PromiseSettledResult<PromptResponse>): Promise<void> {
    await drain();
    if (turn.isOver) return;
    if (result.status === "rejected") {
      if (this.agent.connection.signal.aborted || !this.agent.alive) return; // agentExited reports the crash
      if (turn.cancelRequested) return turn.endCancelled();
      const failure = promptFailure(result.reason);
      return turn.endFailed(failure.errorCode, failure.errorMessage);
    }
    const stopReason = result.value.stopReason;
    if (stopReason === "cancelled") turn.endCancelled();
    else if (stopReason === "refusal") turn.endFailed("REFUSAL", "The model refused to answer");
    else turn.endCompleted(result.value);
  }
}

function isPromptFor(message: AnyMessage, acpSessionId: string): boolean {
  if (!("method" in message) || message.method !== "session/prompt") return false;
  return (message.params as { sessionId?: unknown } | undefined)?.sessionId === acpSessionId;
}
