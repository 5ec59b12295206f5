// One live Claude Code session: its query() over a long-lived input queue, the running turn, and the CLI process.
import { randomUUID } from "node:crypto";
import type { Query, SDKMessage, SDKUserMessage } from "@anthropic-ai/claude-agent-sdk";
import type { PermissionMode, TurnEvent, UpsertObject } from "../../../shared/contracts/index.js";
import { Listeners, type Logger, TimeoutError, withTimeout } from "../../../shared/util/index.js";
import type { BatchingOptions } from "../batching.js";
import type { MessageImage, ProcessExitInfo, ProviderModels } from "../provider.js";
import { ProviderError } from "../provider-error.js";
import type { CliProcess } from "./cli-process.js";
import { ClaudeCommands } from "./commands.js";
import { describeProcessExit } from "./errors.js";
import { type InputQueue, userMessage } from "./input-queue.js";
import { claudeModels, isEffortLevel } from "./models.js";
import type { PermissionBroker } from "./permissions.js";
import { ClaudeTurn } from "./turn.js";

/** What a started session is made of (see `launchClaudeQuery`). */
export interface ClaudeSessionParts {
  sessionId: string;
  providerSessionId: string;
  query: Query;
  input: InputQueue<SDKUserMessage>;
  /** The CLI process when this provider spawned it (absent with a fake `query()`). */
  process?: CliProcess;
  permissions: PermissionBroker;
  /** The model known before the first turn (config), replaced by every `system:init`. */
  modelId?: string;
  /** The model the session was started with on request (`LaunchRequest.model`), if any. */
  chosenModel?: string;
  /** The effort level the session was started with on request (`LaunchRequest.effort`), if any. */
  chosenEffort?: string;
  /** True for a new session (its cumulative cost starts at 0), false for a resumed one. */
  freshCost: boolean;
  batching?: BatchingOptions;
  /** Where failing listeners and unknown SDK event types are reported. */
  logger: Logger;
}

/** How long a crash waits for the SDK to deliver what the CLI wrote before it died (ms). */
const EXIT_DRAIN_MS = 300;
/** How long a cancelled turn waits for the CLI's answer to `interrupt()` before it is ended here (ms). */
const CANCEL_ANSWER_MS = 5000;

/**
 * One session: every `send` pushes one user message into the query's input queue and starts a {@link ClaudeTurn}
 * that receives the SDK messages until the turn's `result`. The process ends only by `kill` (or a crash, reported
 * through `onExit` and a `PROCESS_CRASH` turn error).
 */
export class ClaudeSession {
  readonly sessionId: string;
  readonly providerSessionId: string;
  modelId: string | undefined;
  /** The model set through the app (start or `setModel`), which `listModels` reports as current. */
  private chosenModel: string | undefined;
  private chosenEffort: string | undefined;
  /** The session's slash commands (`Query.supportedCommands()`, `system:commands_changed`). */
  readonly commands: ClaudeCommands;
  private readonly upserts: Listeners<UpsertObject>;
  private readonly turns: Listeners<TurnEvent>;
  private readonly exits: Listeners<ProcessExitInfo>;
  private turn: ClaudeTurn | undefined;
  private currentTurnId: string | undefined;
  private totalCostUsd: number | undefined;
  private dead = false;
  private killing: Promise<void> | undefined;

  constructor(private readonly parts: ClaudeSessionParts) {
    this.sessionId = parts.sessionId;
    this.providerSessionId = parts.providerSessionId;
    this.modelId = parts.modelId;
    this.chosenModel = parts.chosenModel;
    this.chosenEffort = parts.chosenEffort;
    this.totalCostUsd = parts.freshCost ? 0 : undefined;
    this.upserts = new Listeners("Claude upsert", parts.logger);
    this.turns = new Listeners("Claude turn event", parts.logger);
    this.exits = new Listeners("Claude process exit", parts.logger);
    this.commands = new ClaudeCommands(parts.query, parts.logger);
    parts.process?.onExit((exit) => {
      setTimeout(() => this.onEnded(new Error(describeProcessExit(exit.exitCode, exit.signal))), EXIT_DRAIN_MS);
    });
    void this.readLoop();
  }

  /** True while the CLI process runs and the session was not killed. */
  get isAlive(): boolean {
    return !this.dead && this.killing === undefined;
  }

  /** This session's permission requests (`onPermissionRequest` registers its handler here). */
  get permissions(): PermissionBroker {
    return this.parts.permissions;
  }

  /** The running turn's id, if any. */
  get runningTurnId(): string | undefined {
    return this.currentTurnId;
  }

  /** Subscribes to upserts. */
  onUpsert(listener: (upsert: UpsertObject) => void): () => void {
    return this.upserts.add(listener);
  }

  /** Subscribes to turn events. */
  onTurn(listener: (event: TurnEvent) => void): () => void {
    return this.turns.add(listener);
  }

  /** Subscribes to an unexpected end of the CLI process. */
  onExit(listener: (info: ProcessExitInfo) => void): () => void {
    return this.exits.add(listener);
  }

  /**
   * Starts a turn: pushes the message (its `images` as `image` blocks before the text, see `userMessage`) into the
   * CLI's input and returns the new `turnId` (the message's uuid).
   * @throws ProviderError `PROCESS_CRASH` when the process is gone, `TURN_IN_PROGRESS` while a turn runs.
   */
  send(text: string, images: readonly MessageImage[] = []): string {
    if (!this.isAlive) throw new ProviderError("PROCESS_CRASH", "The Claude Code process of this session has ended.");
    if (this.turn) throw new ProviderError("TURN_IN_PROGRESS", "A turn is already running in this session.");
    const turnId = randomUUID();
    this.currentTurnId = turnId;
    this.turn = new ClaudeTurn({
      turnId,
      sessionId: this.sessionId,
      fallbackModelId: this.modelId ?? "claude",
      previousTotalCostUsd: this.totalCostUsd,
      batching: this.parts.batching,
      logger: this.parts.logger,
      emitUpsert: (upsert) => this.upserts.emit(upsert),
      emitTurn: (event) => this.onTurnEvent(event),
    });
    this.parts.input.push(userMessage(text, turnId, images));
    return turnId;
  }

  /**
   * Cancels the running turn with `interrupt()`; the turn ends `cancelled` when the CLI answers, or after 5 s
   * without an answer (also when `interrupt()` itself never returns: a frozen CLI); resolves within those 5 s.
   * Pending permission requests are denied. No-op when idle.
   * @throws ProviderError `INTERRUPT_FAILED` when the CLI refuses the interrupt.
   */
  async cancel(): Promise<void> {
    const turn = this.turn;
    if (!turn || !this.isAlive) return;
    turn.requestCancel();
    this.parts.permissions.closeAll("cancelled");
    // Armed before asking: a frozen CLI (stopped, swapped out) may never answer `interrupt()` at all.
    const fallback = setTimeout(() => {
      if (this.turn === turn) turn.endCancelled("Cancelled by the user (Claude Code did not confirm)");
    }, CANCEL_ANSWER_MS);
    fallback.unref();
    try {
      await withTimeout(this.parts.query.interrupt(), CANCEL_ANSWER_MS, "Claude Code answering interrupt()");
    } catch (error) {
      if (error instanceof TimeoutError) return; // the fallback has ended (or now ends) the turn
      clearTimeout(fallback);
      if (this.turn !== turn || !this.isAlive) return;
      throw new ProviderError("INTERRUPT_FAILED", `Could not interrupt Claude Code: ${String(error)}`, {
        cause: error,
      });
    }
  }

  /**
   * Sets the CLI's permission mode (`Query.setPermissionMode`).
   * @throws ProviderError `PROTOCOL_ERROR` when the CLI refuses it (e.g. `bypassPermissions` on a session that was
   *   not started in that mode), `PROCESS_CRASH` when the process is gone.
   */
  async setPermissionMode(mode: PermissionMode): Promise<void> {
    if (!this.isAlive) throw new ProviderError("PROCESS_CRASH", "The Claude Code process of this session has ended.");
    try {
      await this.parts.query.setPermissionMode(mode);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ProviderError("PROTOCOL_ERROR", `Claude Code refused permission mode ${mode}: ${reason}`, {
        cause: error,
      });
    }
  }

  /**
   * The CLI's models (`Query.supportedModels()`) with the current one (see `claudeModels`).
   * @throws ProviderError `PROCESS_CRASH` when the process is gone, `PROTOCOL_ERROR` when the CLI does not answer.
   */
  async listModels(): Promise<ProviderModels> {
    if (!this.isAlive) throw new ProviderError("PROCESS_CRASH", "The Claude Code process of this session has ended.");
    try {
      const infos = await this.parts.query.supportedModels();
      return claudeModels(infos, { chosen: this.chosenModel, reported: this.modelId, chosenEffort: this.chosenEffort });
    } catch (error) {
      throw new ProviderError("PROTOCOL_ERROR", `Claude Code did not list its models: ${String(error)}`, {
        cause: error,
      });
    }
  }

  /**
   * Sets the model of the next turns (`Query.setModel`) and, when given, the effort level (`Query.applyFlagSettings`
   * `{ effortLevel }`, session-only, as the CLI's `/effort`).
   * @throws ProviderError `PROCESS_CRASH` when the process is gone, `PROTOCOL_ERROR` when the CLI refuses either.
   */
  async setModel(model: string, effort?: string): Promise<void> {
    if (!this.isAlive) throw new ProviderError("PROCESS_CRASH", "The Claude Code process of this session has ended.");
    try {
      await this.parts.query.setModel(model);
      this.chosenModel = model;
      if (effort !== undefined) {
        if (!isEffortLevel(effort)) throw new Error(`unknown effort level ${effort}`);
        await this.parts.query.applyFlagSettings({ effortLevel: effort });
        this.chosenEffort = effort;
      }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ProviderError("PROTOCOL_ERROR", `Claude Code refused model ${model}: ${reason}`, { cause: error });
    }
  }

  /**
   * Ends the session for good: a running turn ends `cancelled`, input ends, `close()`, then the process group is
   * signalled until the CLI is gone. Idempotent; resolves when the process has exited.
   */
  kill(): Promise<void> {
    this.killing ??= (async () => {
      this.turn?.endCancelled("The session was ended");
      this.parts.permissions.closeAll("session ended");
      this.parts.input.end();
      try {
        this.parts.query.close();
      } catch {
        // already closed
      }
      await this.parts.process?.terminate();
      this.dead = true;
    })();
    return this.killing;
  }

  private async readLoop(): Promise<void> {
    try {
      for await (const message of this.parts.query) this.route(message, Date.now());
      this.onEnded(undefined);
    } catch (error) {
      this.onEnded(error);
    }
  }

  private route(message: SDKMessage, receivedAt: number): void {
    if (message.type === "system" && message.subtype === "init") this.modelId = message.model;
    this.commands.apply(message);
    this.turn?.apply(message, receivedAt);
  }

  private onTurnEvent(event: TurnEvent): void {
    if (event.type !== "turn_started" && event.turnId === this.currentTurnId) {
      const turn = this.turn;
      if (turn?.totalCostUsd !== undefined) this.totalCostUsd = turn.totalCostUsd;
      this.turn = undefined;
      this.currentTurnId = undefined;
      this.parts.permissions.closeAll("turn ended");
    }
    this.turns.emit(event);
  }

  /** The query ended or threw, or the process exited: unless killed, this is a crash. */
  private onEnded(error: unknown): void {
    if (this.dead) return;
    this.dead = true;
    if (this.killing) return;
    const exit = this.parts.process?.exit;
    const message = exit
      ? describeProcessExit(exit.exitCode, exit.signal, this.parts.process?.stderrTail)
      : error instanceof Error
        ? error.message
        : "The Claude Code process ended.";
    this.turn?.endFailed("PROCESS_CRASH", message);
    this.parts.permissions.closeAll("process ended");
    this.parts.input.end();
    try {
      this.parts.query.close();
    } catch {
      // already closed
    }
    void this.parts.process?.terminate(0, 0);
    this.exits.emit({ exitCode: exit?.exitCode ?? null, signal: exit?.signal ?? null, message });
  }
}
