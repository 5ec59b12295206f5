// One session's runtime: its event log, its CLI process lifecycle (start/resume, crash, kill) and the calls on a live CLI.
import type { CliType, PermissionMode, SessionState, UpsertObject } from "../../shared/contracts/index.js";
import { cliLabel } from "../../shared/contracts/index.js";
import type { Logger } from "../../shared/util/index.js";
import { type CliProvider, isProviderError, type ProcessExitInfo } from "../providers/index.js";
import { ChangeGate } from "./change-gate.js";
import { callError, startError } from "./errors.js";
import { EventLog } from "./event-log.js";
import { IdleTimer } from "./idle-timer.js";
import type { ImageStore } from "./image-store.js";
import { PendingPermissions } from "./permissions.js";
import { ProviderLink } from "./provider-link.js";
import { resumeSession } from "./resume.js";
import type { RuntimeContext } from "./runtime-context.js";
import type { ServiceEvents } from "./service-events.js";
import { type CheckedImage, storeMessageImages } from "./session-images.js";
import type { SessionRecordKeeper } from "./session-record.js";
import { SERVER_SHUTDOWN, userMessageUpsert } from "./synthetic-events.js";
import { TurnTracker } from "./turn-tracker.js";
import { ServiceError } from "./types.js";

/**
 * The runtime of one app session, whether it ever runs a CLI or is only read (a session found on disk whose history
 * is shown). It exists from the first time the session is opened, sent to or started, and holds:
 * - the session's `EventLog` (seq, replay, history pages);
 * - the provider wiring (`ProviderLink`): events subscribed once per CLI session (each start), unsubscribed when it
 *   ends; payloads pass through unchanged, only `seq` is added (`EventLog`);
 * - one in-flight start promise shared by concurrent callers, so one session never has two CLI processes;
 * - turn tracking (`TurnTracker`): exactly one terminal event per turn, and send-time buffering so the user's own
 *   message upsert goes first; when the process dies or is killed mid-turn without a terminal event, the turn is
 *   closed here (`turn_error PROCESS_CRASH` / `turn_complete cancelled`, open items ended as errors);
 * - the pending permission requests (`PendingPermissions`), closed when the process ends;
 * - at server shutdown (`dispose`), the running turn is ended `turn_error SERVER_SHUTDOWN` the same way;
 * - idle sleep: a live session with no turn and no pending permission request for `idleMs` closes its CLI process
 *   (state `sleeping`); the next message or load resumes it (`provider.loadSession`) before it is sent, once.
 * Every state change is announced as `events.changed` (the session id), which `SessionRuntimes` turns into
 * `session:updated`.
 */
export class SessionRuntime {
  readonly log: EventLog;
  readonly permissions: PendingPermissions;
  private readonly link: ProviderLink;
  private readonly turns: TurnTracker;
  private currentState: SessionState = "idle";
  /** The model the CLI last reported (its start, or a turn's `turn_started.modelId`). */
  private reportedModel: string | undefined;
  private starting: Promise<void> | undefined;
  /** The CLI being closed to sleep: a start waits for it. */
  private fallingAsleep: Promise<void> | undefined;
  private readonly idle: IdleTimer;
  /** Holds announcements while `kill` / `dispose` run: their state changes are announced once, at the end. */
  private readonly gate: ChangeGate;

  private readonly events: ServiceEvents;
  private readonly logger: Logger;
  private readonly record: SessionRecordKeeper;

  constructor(
    readonly sessionId: string,
    readonly cliType: CliType,
    context: RuntimeContext,
  ) {
    const { events, logger } = context;
    this.events = events;
    this.logger = logger;
    this.record = context.record;
    this.gate = new ChangeGate(() => events.changed.emit(sessionId));
    this.log = new EventLog(sessionId, context.eventLogLimit, context.seqBase, context.replayBudgetBytes);
    this.permissions = new PendingPermissions(
      sessionId,
      (request) => events.permissionRequested.emit({ sessionId, request }),
      (resolution) => events.permissionResolved.emit(resolution),
    );
    this.idle = new IdleTimer(context.idleMs ?? 0, () => void this.sleep());
    this.link = new ProviderLink(sessionId, cliType, () => context.registry.resolve(cliType), logger);
    this.turns = new TurnTracker(sessionId, this.log, this.permissions, events, logger, {
      started: (modelId) => {
        if (modelId) this.reportedModel = modelId;
        this.setState("running");
      },
      ended: (event) => {
        if (this.currentState === "running") this.setState("idle", false);
        this.record.turnEnded(event);
        this.gate.changed();
      },
    });
  }

  /**
   * `idle`, `starting`, `running` (a turn is accepted and not ended), `sleeping` (its CLI closed after `idleMs` idle;
   * resumes on the next message) or `dead` (killed / process ended).
   */
  get state(): SessionState {
    return this.currentState;
  }

  /** The model the CLI last reported for this session (its start or the last `turn_started`), if any. */
  get modelId(): string | undefined {
    return this.reportedModel;
  }

  /** The provider of this session's CLI while it is live (for calls without their own runtime method). */
  liveProvider(): CliProvider | undefined {
    return this.isAlive() ? this.link.live() : undefined;
  }

  /** The turn currently running, if any. */
  get runningTurnId(): string | undefined {
    return this.turns.runningTurnId;
  }

  /** True while this session's CLI process is up and wired. */
  isAlive(): boolean {
    return this.link.isAlive();
  }

  /**
   * Starts the CLI (create, or resume when a `providerSessionId` is known) unless it is live. Concurrent callers share
   * one start. @throws ServiceError `SESSION_CREATE_FAILED` / `SESSION_NOT_FOUND` (see `startError`).
   */
  ensureLive(): Promise<void> {
    if (this.isAlive() && !this.fallingAsleep) return Promise.resolve();
    this.starting ??= this.wake().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  /** Waits for a CLI still being closed to sleep, then starts it again unless that already happened. */
  private async wake(): Promise<void> {
    if (this.fallingAsleep) await this.fallingAsleep;
    if (!this.isAlive()) await this.start();
  }

  private async start(): Promise<void> {
    if (this.link.attached) {
      // The process went away without telling us (no onProcessExit): end its turn before starting another one.
      this.turns.close({ kind: "error", code: "PROCESS_CRASH", message: `${cliLabel(this.cliType)} stopped` });
      this.permissions.closeAll("the CLI process ended");
      this.link.detach();
    }
    const previous = this.currentState;
    this.setState("starting");
    const { projectDir, permissionMode, providerSessionId, model, effort } = this.record.startOptions();
    const providerOptions = { ...(model ? { model } : {}), ...(effort ? { effort } : {}) };
    const options = {
      sessionId: this.sessionId,
      projectDir,
      permissionMode,
      ...(model || effort ? { providerOptions } : {}),
    };
    let provider: CliProvider;
    try {
      provider = this.link.resolve();
      if (providerSessionId) {
        const loaded = await resumeSession(provider, providerSessionId, options, {
          cliType: this.cliType,
          servedThisRun: this.link.servedThisRun,
          hasItems: this.log.page(1).entries.length > 0,
          logger: this.logger,
          notice: (upsert) => this.events.stream(this.log.append(upsert)),
        });
        this.log.seed(loaded.history);
        this.record.started(loaded.providerSessionId);
        this.reportedModel = loaded.modelId ?? this.reportedModel;
      } else {
        const created = await provider.createSession(options);
        this.log.seed([]);
        this.record.started(created.providerSessionId);
        this.reportedModel = created.modelId ?? this.reportedModel;
      }
    } catch (error) {
      this.setState(previous === "dead" || previous === "sleeping" ? previous : "idle");
      throw startError(error, this.cliType, providerSessionId);
    }
    this.link.attach(provider, {
      upsert: (upsert) => this.turns.receive(upsert),
      turn: (event) => this.turns.receive(event),
      permissionRequest: (request) => this.permissions.add(request),
      processExit: (info) => this.processExited(info),
      commandsChanged: (commands) => this.events.commandsChanged.emit({ sessionId: this.sessionId, commands }),
    });
    this.setState("idle");
  }

  /**
   * Sends the user's message (starting/resuming first) and resolves with the provider's `turnId` once the CLI has
   * accepted it; `attachments`: its checked images, stored (see `storeMessageImages`) and sent before the text.
   * @throws ServiceError `TURN_IN_PROGRESS`, `PROCESS_CRASH`, `SESSION_CREATE_FAILED`, `SESSION_NOT_FOUND`,
   * `IMAGES_UNSUPPORTED`, `STORE_ERROR`.
   */
  async sendMessage(
    content: string,
    attachments?: { images: readonly CheckedImage[]; store: ImageStore },
  ): Promise<{ turnId: string }> {
    await this.ensureLive();
    const images = attachments?.images ?? [];
    const refs = attachments
      ? await storeMessageImages(this.link.live(), this.sessionId, this.cliType, images, attachments.store)
      : [];
    if (this.turns.busy) {
      throw new ServiceError("TURN_IN_PROGRESS", "A turn is already running in this session; wait or cancel it");
    }
    this.turns.holdForSend();
    const sourceTimestamp = new Date().toISOString();
    let turnId: string;
    try {
      const sent = images.map(({ mediaType, data }) => ({ mediaType, data }));
      ({ turnId } = await this.link.live().sendMessage(this.sessionId, content, ...(sent.length ? [sent] : [])));
    } catch (error) {
      this.turns.sendFailed("the CLI refused the message");
      if (isProviderError(error, "PROCESS_CRASH")) this.markDead();
      throw callError(error, this.cliType);
    }
    if (this.currentState === "dead") {
      this.turns.sendFailed("the CLI stopped");
      throw new ServiceError("PROCESS_CRASH", `${cliLabel(this.cliType)} stopped while the message was being sent`);
    }
    this.setState("running", false);
    this.record.userMessage(content);
    const user = userMessageUpsert({ sessionId: this.sessionId, turnId, content, sourceTimestamp });
    this.turns.sendAccepted(turnId, refs.length > 0 ? { ...user, images: refs } : user);
    this.gate.changed();
    return { turnId };
  }

  /**
   * False when the session's live CLI takes no images (`CliProvider.acceptsImages`); undefined while no CLI runs or
   * it can (what `SessionSummary.imageInput` shows).
   */
  imageInput(): false | undefined {
    if (!this.isAlive()) return undefined;
    try {
      return this.link.live().acceptsImages?.(this.sessionId) === false ? false : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Puts an item the service makes itself (outside any CLI turn, e.g. a worktree's setup command) in the session's
   * stream and history, numbered like any upsert.
   */
  appendItem(upsert: UpsertObject): void {
    this.events.stream(this.log.append(upsert));
  }

  /** Asks the CLI to cancel the running turn (no-op when nothing runs or the process is down). */
  async cancelTurn(): Promise<void> {
    if (!this.isAlive() || !this.turns.busy) return;
    try {
      await this.link.live().cancelTurn(this.sessionId);
    } catch (error) {
      throw callError(error, this.cliType);
    }
  }

  /** Changes the CLI's permission mode when live (the caller persists it either way). */
  async setPermissionMode(mode: PermissionMode): Promise<void> {
    if (!this.isAlive()) return;
    try {
      await this.link.live().setPermissionMode(this.sessionId, mode);
    } catch (error) {
      throw callError(error, this.cliType);
    }
  }

  /**
   * Ends the CLI process (waiting for a start in progress first); a running turn ends `turn_complete cancelled`;
   * state `dead`. Idempotent. The state changes on the way (e.g. `running` → `idle` → `dead`) are announced once, in
   * the final state, after the kill; `announce: false` leaves that announcement to the caller (an archive announces
   * the session once, dead and archived).
   */
  async kill(options: { announce?: boolean } = {}): Promise<void> {
    this.gate.hold();
    try {
      if (this.starting) await this.starting.catch(() => undefined);
      if (this.fallingAsleep) await this.fallingAsleep;
      if (this.link.attached) {
        try {
          await this.link.live().killSession(this.sessionId);
        } catch (error) {
          if (!isProviderError(error, "SESSION_NOT_FOUND")) {
            this.logger.warn(`Killing ${cliLabel(this.cliType)} failed`, { error: String(error) });
          }
        }
        this.turns.close({ kind: "cancelled" });
      }
      this.markDead();
    } finally {
      this.gate.release(options.announce ?? true);
    }
  }

  /**
   * Server shutdown (the registry ends the processes): a running turn ends `turn_error SERVER_SHUTDOWN` (open items
   * as errors, recorded and streamed like any turn end), pending permission requests are closed, events unsubscribed,
   * state `dead`, announced once.
   */
  dispose(): void {
    this.gate.hold();
    try {
      this.turns.close({
        kind: "error",
        code: SERVER_SHUTDOWN,
        message: "Liminal Builder stopped before this turn ended",
      });
      this.markDead("server shutting down");
    } finally {
      this.gate.release(true);
    }
  }

  /** The CLI died: its turn ends `PROCESS_CRASH` and the session is `dead`, announced once (never `idle` between). */
  private processExited(info: ProcessExitInfo): void {
    this.logger.warn(`${cliLabel(this.cliType)} process of session ${this.sessionId} ended`, { ...info });
    this.gate.hold();
    try {
      this.turns.close({ kind: "error", code: "PROCESS_CRASH", message: info.message });
      this.markDead();
    } finally {
      this.gate.release(true);
    }
  }

  /**
   * Closes the CLI of an idle session (`IdleTimer`): only when it is live, `idle`, no message is being sent and no
   * permission request waits (else nothing happens; the next idle period counts again). Its events are unsubscribed
   * first, so the closing process is never taken for a crash. The session is then `sleeping`, announced once (unless
   * a kill or shutdown came meanwhile); its provider session id is kept for the resume.
   */
  private async sleep(): Promise<void> {
    if (this.currentState !== "idle" || this.turns.busy || this.permissions.list().length > 0) return;
    if (!this.isAlive() || this.starting || this.fallingAsleep) return;
    this.gate.hold();
    const provider = this.link.live();
    this.link.detach();
    this.fallingAsleep = provider.killSession(this.sessionId).catch((error: unknown) => {
      this.logger.warn(`Closing the idle ${cliLabel(this.cliType)} process failed`, { error: String(error) });
    });
    try {
      await this.fallingAsleep;
      if (this.currentState === "idle") {
        this.setState("sleeping");
        this.logger.info(`${cliLabel(this.cliType)} session ${this.sessionId} is sleeping (idle)`);
      }
    } finally {
      this.fallingAsleep = undefined;
      this.gate.release(true);
    }
  }

  private markDead(reason = "the CLI process ended"): void {
    this.permissions.closeAll(reason);
    this.link.detach();
    this.turns.forgetRunning();
    this.setState("dead");
  }

  private setState(state: SessionState, notify = true): void {
    if (this.currentState === state) return;
    this.currentState = state;
    if (state === "idle") this.idle.arm();
    else this.idle.disarm();
    if (notify) this.gate.changed();
  }
}
