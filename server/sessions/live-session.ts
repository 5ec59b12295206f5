// One session's runtime: its provider wiring, start/resume, turn tracking, send-time buffering and event log.
import type {
  CliType,
  PermissionMode,
  PermissionRequest,
  SessionState,
  StreamMessage,
  TurnEvent,
  TurnTerminalEvent,
  UpsertObject,
} from "../../shared/contracts/index.js";
import { type CliProvider, isProviderError, type ProcessExitInfo, type ProviderSession } from "../providers/index.js";
import type { Logger } from "../store/json-store.js";
import { callError, cliLabel, startError } from "./errors.js";
import { EventLog } from "./event-log.js";
import { PendingPermissions } from "./permissions.js";
import { type TurnClosing, turnClosingEvents, userMessageUpsert } from "./synthetic-events.js";
import { type PermissionResolution, ServiceError } from "./types.js";

/** What a `LiveSession` asks of the service that owns it (metadata and fan-out live there). */
export interface LiveSessionHost {
  /** Where and how to start the CLI; `providerSessionId` set means resume (`provider.loadSession`). */
  startOptions(): { projectDir: string; permissionMode: PermissionMode; providerSessionId?: string };
  /** The CLI session is up (record its `providerSessionId`). */
  started(session: ProviderSession): void;
  /** A numbered stream message to fan out. */
  stream(message: StreamMessage): void;
  /** The user's message was accepted as turn `turnId` (title, last activity, clear last error). */
  userMessage(content: string, turnId: string): void;
  /** A turn ended (last activity; `turn_error` sets the last error). */
  turnEnded(event: TurnTerminalEvent): void;
  /** State or liveness changed (`session:updated`). */
  changed(): void;
  permissionRequested(request: PermissionRequest): void;
  permissionResolved(resolution: PermissionResolution): void;
  logger: Logger;
}

/** How many ended turnIds are remembered to drop late events of a finished turn. */
const REMEMBERED_TURNS = 256;

/**
 * The runtime of one app session. It exists from the first time the session is opened, sent to or started, and holds:
 * - the provider wiring: `onUpsert`/`onTurn`/`onPermissionRequest`/`onProcessExit` subscribed once per CLI session
 *   (each start), unsubscribed when it ends; payloads pass through unchanged, only `seq` is added (`EventLog`);
 * - one in-flight start promise shared by concurrent callers, so one session never has two CLI processes;
 * - turn tracking: exactly one terminal event per turn (a second terminal event, or any event of an ended turn, is
 *   dropped, and so is an upsert of a turn that is not running); when the process dies or is killed mid-turn without a terminal event, the service closes the turn
 *   itself (`turn_error PROCESS_CRASH` / `turn_complete cancelled`, open items ended as errors);
 * - send-time buffering: provider events that arrive between calling `provider.sendMessage` and its resolution are
 *   held, so the user's own message upsert (`${turnId}:user`) goes first, then those events, in order.
 */
export class LiveSession {
  readonly log: EventLog;
  readonly permissions: PendingPermissions;
  private currentState: SessionState = "idle";
  private attached = false;
  private unsubscribers: (() => void)[] = [];
  private starting: Promise<void> | undefined;
  private sending = false;
  private buffer: (UpsertObject | TurnEvent)[] | undefined;
  private runningTurn: string | undefined;
  private readonly ended = new Set<string>();
  /** The provider of the current CLI session (resolved at start, so a history-only session needs none). */
  private provider: CliProvider | undefined;
  /** True once a CLI process served this session during this server run. */
  private servedThisRun = false;

  constructor(
    readonly sessionId: string,
    readonly cliType: CliType,
    private readonly resolveProvider: () => CliProvider,
    private readonly host: LiveSessionHost,
    eventLogLimit?: number,
    seqBase?: number,
  ) {
    this.log = new EventLog(sessionId, eventLogLimit, seqBase);
    this.permissions = new PendingPermissions(
      sessionId,
      (request) => host.permissionRequested(request),
      (resolution) => host.permissionResolved(resolution),
    );
  }

  /** `idle`, `starting`, `running` (a turn is accepted and not ended) or `dead` (killed / process ended). */
  get state(): SessionState {
    return this.currentState;
  }

  /** The turn currently running, if any. */
  get runningTurnId(): string | undefined {
    return this.runningTurn;
  }

  /** True while this session's CLI process is up and wired. */
  isAlive(): boolean {
    if (!this.attached || !this.provider) return false;
    try {
      return this.provider.isAlive(this.sessionId);
    } catch {
      return false;
    }
  }

  /**
   * Starts the CLI (create, or resume when a `providerSessionId` is known) unless it is live. Concurrent callers share
   * one start. @throws ServiceError `SESSION_CREATE_FAILED` / `SESSION_NOT_FOUND` (see `startError`).
   */
  ensureLive(): Promise<void> {
    if (this.isAlive()) return Promise.resolve();
    this.starting ??= this.start().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private async start(): Promise<void> {
    if (this.attached) {
      // The process went away without telling us (no onProcessExit): end its turn before starting another one.
      this.closeRunningTurn({ kind: "error", code: "PROCESS_CRASH", message: `${cliLabel(this.cliType)} stopped` });
      this.permissions.closeAll("the CLI process ended");
      this.detach();
    }
    const previous = this.currentState;
    this.setState("starting");
    const { projectDir, permissionMode, providerSessionId } = this.host.startOptions();
    const options = { sessionId: this.sessionId, projectDir, permissionMode };
    let provider: CliProvider;
    try {
      provider = this.resolveProvider();
      this.provider = provider;
      if (providerSessionId) {
        const loaded = await this.resume(provider, providerSessionId, options);
        this.log.seed(loaded.history);
        this.host.started(loaded);
      } else {
        const created = await provider.createSession(options);
        this.log.seed([]);
        this.host.started(created);
      }
    } catch (error) {
      this.setState(previous === "dead" ? "dead" : "idle");
      throw startError(error, this.cliType, providerSessionId);
    }
    this.attach(provider);
    this.setState("idle");
  }

  /**
   * Resumes the CLI session. When the CLI does not know it although this server ran it (the process died before it
   * saved the conversation, e.g. Claude Code killed during its first turn, before its transcript was written),
   * there is nothing to resume: the session goes on in a fresh CLI session, and a system message in the
   * conversation says the agent will not see what came before. Any other failure is thrown.
   */
  private async resume(
    provider: CliProvider,
    providerSessionId: string,
    options: { sessionId: string; projectDir: string; permissionMode: PermissionMode },
  ): Promise<ProviderSession & { history: UpsertObject[] }> {
    try {
      return await provider.loadSession(providerSessionId, options);
    } catch (error) {
      if (!this.servedThisRun || !isProviderError(error, "SESSION_NOT_FOUND")) throw error;
      const created = await provider.createSession(options);
      const cli = cliLabel(this.cliType);
      this.host.logger.warn(`${cli} had not saved session ${providerSessionId}; continuing in a new CLI session`, {
        sessionId: this.sessionId,
        providerSessionId: created.providerSessionId,
      });
      const turnId = `${this.sessionId}:restart:${created.providerSessionId}`;
      const at = new Date().toISOString();
      this.host.stream(
        this.log.append({
          type: "message",
          origin: "system",
          content: `${cli} had not saved this conversation when its process stopped, so it continues in a new ${cli} session: the agent does not see the messages above.`,
          turnId,
          sessionId: this.sessionId,
          itemId: `${turnId}:notice`,
          status: "complete",
          sourceTimestamp: at,
          emittedAt: at,
        }),
      );
      return { ...created, history: [] };
    }
  }

  private attach(provider: CliProvider): void {
    this.servedThisRun = true;
    const id = this.sessionId;
    this.unsubscribers = [
      provider.onUpsert(id, (upsert) => this.receive(upsert)),
      provider.onTurn(id, (event) => this.receive(event)),
      provider.onPermissionRequest(id, (request) => this.permissions.add(request)),
      provider.onProcessExit(id, (info) => this.processExited(info)),
    ];
    this.attached = true;
  }

  private detach(): void {
    for (const unsubscribe of this.unsubscribers.splice(0)) {
      try {
        unsubscribe();
      } catch (error) {
        this.host.logger.warn(`Unsubscribing from ${cliLabel(this.cliType)} failed`, { error: String(error) });
      }
    }
    this.attached = false;
  }

  /**
   * Sends the user's message (starting/resuming first) and resolves with the provider's `turnId` once the CLI has
   * accepted it. @throws ServiceError `TURN_IN_PROGRESS`, `PROCESS_CRASH`, `SESSION_CREATE_FAILED`, `SESSION_NOT_FOUND`.
   */
  async sendMessage(content: string): Promise<{ turnId: string }> {
    await this.ensureLive();
    if (this.sending || this.runningTurn) {
      throw new ServiceError("TURN_IN_PROGRESS", "A turn is already running in this session; wait or cancel it");
    }
    this.sending = true;
    this.buffer = [];
    const sourceTimestamp = new Date().toISOString();
    let turnId: string;
    try {
      ({ turnId } = await this.live().sendMessage(this.sessionId, content));
    } catch (error) {
      this.sending = false;
      this.dropBuffer("the CLI refused the message");
      if (isProviderError(error, "PROCESS_CRASH")) this.markDead();
      throw callError(error, this.cliType);
    }
    this.sending = false;
    if (this.currentState === "dead") {
      this.dropBuffer("the CLI stopped");
      throw new ServiceError("PROCESS_CRASH", `${cliLabel(this.cliType)} stopped while the message was being sent`);
    }
    this.runningTurn = turnId;
    this.setState("running", false);
    this.host.userMessage(content, turnId);
    this.accept(userMessageUpsert({ sessionId: this.sessionId, turnId, content, sourceTimestamp }));
    this.flushBuffer();
    this.host.changed();
    return { turnId };
  }

  /** Asks the CLI to cancel the running turn (no-op when nothing runs or the process is down). */
  async cancelTurn(): Promise<void> {
    if (!this.isAlive() || (!this.runningTurn && !this.sending)) return;
    try {
      await this.live().cancelTurn(this.sessionId);
    } catch (error) {
      throw callError(error, this.cliType);
    }
  }

  /** Changes the CLI's permission mode when live (the caller persists it either way). */
  async setPermissionMode(mode: PermissionMode): Promise<void> {
    if (!this.isAlive()) return;
    try {
      await this.live().setPermissionMode(this.sessionId, mode);
    } catch (error) {
      throw callError(error, this.cliType);
    }
  }

  /** Ends the CLI process (waiting for a start in progress first); state `dead`. Idempotent. */
  async kill(): Promise<void> {
    if (this.starting) await this.starting.catch(() => undefined);
    if (this.attached) {
      try {
        await this.live().killSession(this.sessionId);
      } catch (error) {
        if (!isProviderError(error, "SESSION_NOT_FOUND")) {
          this.host.logger.warn(`Killing ${cliLabel(this.cliType)} failed`, { error: String(error) });
        }
      }
      this.closeRunningTurn({ kind: "cancelled" });
    }
    this.markDead();
  }

  private live(): CliProvider {
    if (!this.provider) throw new ServiceError("PROCESS_CRASH", `${cliLabel(this.cliType)} is not running`);
    return this.provider;
  }

  /** Server shutdown: closes pending permission requests and unsubscribes (the registry ends the processes). */
  dispose(): void {
    this.permissions.closeAll("server shutting down");
    this.detach();
    this.currentState = "dead";
  }

  private processExited(info: ProcessExitInfo): void {
    this.host.logger.warn(`${cliLabel(this.cliType)} process of session ${this.sessionId} ended`, { ...info });
    this.closeRunningTurn({ kind: "error", code: "PROCESS_CRASH", message: info.message });
    this.markDead();
  }

  private markDead(): void {
    this.permissions.closeAll("the CLI process ended");
    this.detach();
    this.runningTurn = undefined;
    this.setState("dead");
  }

  /** Ends the running turn on the service's side when the CLI can no longer do it. */
  private closeRunningTurn(how: TurnClosing): void {
    this.dropBuffer("the CLI stopped while a message was being sent");
    const turnId = this.runningTurn;
    if (!turnId) return;
    for (const event of turnClosingEvents(this.sessionId, turnId, this.log.openItems(turnId), how)) this.accept(event);
  }

  private receive(event: UpsertObject | TurnEvent): void {
    if (this.buffer) this.buffer.push(event);
    else this.accept(event);
  }

  /** A refused send started no turn: whatever the provider emitted meanwhile is not shown (logged). */
  private dropBuffer(why: string): void {
    const held = this.buffer ?? [];
    this.buffer = undefined;
    if (held.length > 0) {
      this.host.logger.info(`Dropped ${held.length} provider event(s): ${why}`, { sessionId: this.sessionId });
    }
  }

  private flushBuffer(): void {
    const held = this.buffer ?? [];
    this.buffer = undefined;
    for (const event of held) this.accept(event);
  }

  /**
   * Records and fans out one event. Dropped (logged): anything of a turn that already ended, and upserts or terminal
   * events of a turn that is not the running one (a turn is running from `turn_started`, or from `sendMessage`
   * resolving with its turnId, until its terminal event).
   */
  private accept(event: UpsertObject | TurnEvent): void {
    const { turnId } = event;
    const terminal = event.type === "turn_complete" || event.type === "turn_error";
    const unknown = event.type !== "turn_started" && turnId !== this.runningTurn;
    if (this.ended.has(turnId) || unknown) {
      const why = this.ended.has(turnId) ? "ended" : "unknown";
      this.host.logger.info(`Dropped a ${event.type} of ${why} turn ${turnId}`, { sessionId: this.sessionId });
      return;
    }
    if (event.type === "turn_started") {
      this.runningTurn = turnId;
      this.setState("running");
    }
    if (terminal) this.remember(turnId);
    this.host.stream(this.log.append(event));
    if (terminal) {
      this.permissions.closeTurn(turnId, "the turn ended");
      if (this.runningTurn === turnId) this.runningTurn = undefined;
      if (this.currentState === "running") this.currentState = "idle";
      this.host.turnEnded(event);
      this.host.changed();
    }
  }

  private remember(turnId: string): void {
    this.ended.add(turnId);
    if (this.ended.size > REMEMBERED_TURNS) {
      const oldest = this.ended.values().next().value;
      if (oldest !== undefined) this.ended.delete(oldest);
    }
  }

  private setState(state: SessionState, notify = true): void {
    if (this.currentState === state) return;
    this.currentState = state;
    if (notify) this.host.changed();
  }
}
