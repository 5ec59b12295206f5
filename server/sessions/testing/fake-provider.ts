// A scripted fake CliProvider for unit tests of the session service and the HTTP/WebSocket layer (no CLI process).
import type {
  CliType,
  MessageUpsert,
  PermissionDecision,
  PermissionMode,
  PermissionRequest,
  TurnEvent,
  TurnTerminalEvent,
  UpsertObject,
} from "../../../shared/contracts/index.js";
import {
  type CliProvider,
  type MessageImage,
  type ProcessExitInfo,
  ProviderError,
  type ProviderSession,
  type ProviderSessionOptions,
} from "../../providers/index.js";

/** The methods whose next call can be made to fail or wait (`failNext`, `hold`). */
export type FakeMethod = "createSession" | "loadSession" | "sendMessage" | "cancelTurn" | "killSession";

/** What a `FakeProvider.onSend` script gets: the new turn and ways to emit on it before `sendMessage` resolves. */
export interface FakeSendContext {
  sessionId: string;
  turnId: string;
  message: string;
  provider: FakeProvider;
}

interface FakeSession {
  options: ProviderSessionOptions;
  providerSessionId: string;
  alive: boolean;
  runningTurnId: string | undefined;
  upsert: Set<(upsert: UpsertObject) => void>;
  turn: Set<(event: TurnEvent) => void>;
  exit: Set<(info: ProcessExitInfo) => void>;
  permission: ((request: PermissionRequest) => Promise<PermissionDecision>) | undefined;
}

const T0 = "2026-01-01T00:00:00.000Z";

/**
 * A `CliProvider` driven by the test (CONTRACTS.md section 5 behaviour, no process):
 * - `createSession` gives `providerSessionId` `fake-<n>` (or the next of `providerSessionIds`); `loadSession` accepts
 *   any id (or only `knownResumeIds` when set, else `SESSION_NOT_FOUND`) and returns `histories.get(id) ?? []`.
 * - `sendMessage` gives turnIds `turn-1`, `turn-2`, … (or the next of `turnIds`), refuses with `TURN_IN_PROGRESS`
 *   while a turn runs and `PROCESS_CRASH` when not alive. By default it emits `turn_started` BEFORE it resolves (the
 *   race a real CLI has); set `emitTurnStartedOnSend = false` to emit it yourself. `onSend` runs before it resolves
 *   too, for scripting more early events.
 * - `cancelTurn` emits `turn_complete { status: "cancelled" }` for the running turn (unless `cancelEmits = false`).
 * - `killSession` marks the session dead silently; `crash(sessionId)` simulates an unexpected exit (`onProcessExit`).
 * - Emit anything with `emitUpsert` / `emitTurn`, or the helpers `upsert`, `startTurn`, `completeTurn`, `failTurn`;
 *   ask for permission with `requestPermission` (resolves `cancelled` when no handler is registered).
 * - `failNext(method, error)` makes the next call throw; `hold(method)` makes the next call wait for `release()`.
 * - `calls` records every call; `listenerCount` shows how many subscriptions a session has.
 */
export class FakeProvider implements CliProvider {
  readonly calls = {
    createSession: [] as ProviderSessionOptions[],
    loadSession: [] as { providerSessionId: string; options: ProviderSessionOptions }[],
    sendMessage: [] as { sessionId: string; message: string; images?: readonly MessageImage[] }[],
    cancelTurn: [] as string[],
    killSession: [] as string[],
    setPermissionMode: [] as { sessionId: string; mode: PermissionMode }[],
  };
  /** `CliProvider.setTitle`: absent unless a test gives one (a CLI without session titles). */
  setTitle?: (providerSessionId: string, title: string, projectDir: string) => Promise<boolean>;
  /** `CliProvider.acceptsImages`: what it answers (default true, as Claude Code). */
  imageInput = true;
  /** History `loadSession` returns per providerSessionId. */
  readonly histories = new Map<string, UpsertObject[]>();
  /** When set, `loadSession` only knows these resume ids. */
  knownResumeIds: Set<string> | undefined;
  /** TurnIds to hand out next, in order (then `turn-<n>`). */
  readonly turnIds: string[] = [];
  /** providerSessionIds `createSession` hands out next, in order (then `fake-<n>`). */
  readonly providerSessionIds: string[] = [];
  emitTurnStartedOnSend = true;
  cancelEmits = true;
  modelId = "fake-model";
  onSend: ((context: FakeSendContext) => void | Promise<void>) | undefined;

  private readonly sessions = new Map<string, FakeSession>();
  private readonly failures = new Map<FakeMethod, unknown[]>();
  private readonly holds = new Map<FakeMethod, { gate: Promise<void>; reached: () => void }[]>();
  private counter = 0;
  private turnCounter = 0;

  constructor(readonly cliType: CliType = "claude-code") {}

  /** The next call of `method` throws `error` (a ProviderError with `code` when a string is given). */
  failNext(method: FakeMethod, error: unknown): void {
    const list = this.failures.get(method) ?? [];
    list.push(typeof error === "string" ? new ProviderError(error as never, `fake ${method} failed: ${error}`) : error);
    this.failures.set(method, list);
  }

  /** The next call of `method` waits until `release()`; `reached` resolves once that call has begun waiting. */
  hold(method: FakeMethod): { release: () => void; reached: Promise<void> } {
    let release!: () => void;
    let reached!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const reachedPromise = new Promise<void>((r) => {
      reached = r;
    });
    const list = this.holds.get(method) ?? [];
    list.push({ gate, reached });
    this.holds.set(method, list);
    return { release, reached: reachedPromise };
  }

  private async enter(method: FakeMethod): Promise<void> {
    const held = this.holds.get(method)?.shift();
    if (held) {
      held.reached();
      await held.gate;
    }
    const failure = this.failures.get(method)?.shift();
    if (failure !== undefined) throw failure;
  }

  private session(sessionId: string): FakeSession {
    const session = this.sessions.get(sessionId);
    if (!session) throw new ProviderError("SESSION_NOT_FOUND", `fake: no session ${sessionId}`);
    return session;
  }

  private open(options: ProviderSessionOptions, providerSessionId: string): ProviderSession {
    const previous = this.sessions.get(options.sessionId);
    this.sessions.set(options.sessionId, {
      options,
      providerSessionId,
      alive: true,
      runningTurnId: undefined,
      upsert: previous?.upsert ?? new Set(),
      turn: previous?.turn ?? new Set(),
      exit: previous?.exit ?? new Set(),
      permission: previous?.permission,
    });
    return { sessionId: options.sessionId, cliType: this.cliType, providerSessionId, modelId: this.modelId };
  }

  async createSession(options: ProviderSessionOptions): Promise<ProviderSession> {
    this.calls.createSession.push(options);
    await this.enter("createSession");
    this.counter += 1;
    return this.open(options, this.providerSessionIds.shift() ?? `fake-${this.counter}`);
  }

  async loadSession(
    providerSessionId: string,
    options: ProviderSessionOptions,
  ): Promise<ProviderSession & { history: UpsertObject[] }> {
    this.calls.loadSession.push({ providerSessionId, options });
    await this.enter("loadSession");
    if (this.knownResumeIds && !this.knownResumeIds.has(providerSessionId)) {
      throw new ProviderError("SESSION_NOT_FOUND", `fake: unknown resume id ${providerSessionId}`);
    }
    const history = (this.histories.get(providerSessionId) ?? []).map((u) => ({ ...u, sessionId: options.sessionId }));
    return { ...this.open(options, providerSessionId), history };
  }

  /** @see CliProvider.acceptsImages: `imageInput`. */
  acceptsImages(sessionId: string): boolean {
    this.session(sessionId);
    return this.imageInput;
  }

  async sendMessage(sessionId: string, message: string, images?: readonly MessageImage[]): Promise<{ turnId: string }> {
    this.calls.sendMessage.push({ sessionId, message, ...(images ? { images } : {}) });
    await this.enter("sendMessage");
    const session = this.session(sessionId);
    if (!session.alive) throw new ProviderError("PROCESS_CRASH", "fake: the process is dead");
    if (session.runningTurnId) throw new ProviderError("TURN_IN_PROGRESS", "fake: a turn is running");
    this.turnCounter += 1;
    const turnId = this.turnIds.shift() ?? `turn-${this.turnCounter}`;
    session.runningTurnId = turnId;
    if (this.emitTurnStartedOnSend) this.startTurn(sessionId, turnId);
    await this.onSend?.({ sessionId, turnId, message, provider: this });
    return { turnId };
  }

  async cancelTurn(sessionId: string): Promise<void> {
    this.calls.cancelTurn.push(sessionId);
    await this.enter("cancelTurn");
    const session = this.session(sessionId);
    if (session.runningTurnId && this.cancelEmits) this.completeTurn(sessionId, session.runningTurnId, "cancelled");
  }

  async killSession(sessionId: string): Promise<void> {
    this.calls.killSession.push(sessionId);
    await this.enter("killSession");
    const session = this.sessions.get(sessionId);
    if (session) {
      session.alive = false;
      session.runningTurnId = undefined;
    }
  }

  isAlive(sessionId: string): boolean {
    return this.sessions.get(sessionId)?.alive === true;
  }

  onUpsert(sessionId: string, callback: (upsert: UpsertObject) => void): () => void {
    const set = this.session(sessionId).upsert;
    set.add(callback);
    return () => set.delete(callback);
  }

  onTurn(sessionId: string, callback: (event: TurnEvent) => void): () => void {
    const set = this.session(sessionId).turn;
    set.add(callback);
    return () => set.delete(callback);
  }

  onPermissionRequest(
    sessionId: string,
    handler: (request: PermissionRequest) => Promise<PermissionDecision>,
  ): () => void {
    const session = this.session(sessionId);
    session.permission = handler;
    return () => {
      if (session.permission === handler) session.permission = undefined;
    };
  }

  onProcessExit(sessionId: string, callback: (info: ProcessExitInfo) => void): () => void {
    const set = this.session(sessionId).exit;
    set.add(callback);
    return () => set.delete(callback);
  }

  async setPermissionMode(sessionId: string, mode: PermissionMode): Promise<void> {
    this.calls.setPermissionMode.push({ sessionId, mode });
    this.session(sessionId);
  }

  async dispose(): Promise<void> {
    for (const session of this.sessions.values()) session.alive = false;
  }

  // ---- scripting ----------------------------------------------------------------------------------------------

  /** Emits `upsert` to the session's `onUpsert` subscribers, unchanged. */
  emitUpsert(sessionId: string, upsert: UpsertObject): void {
    for (const callback of [...this.session(sessionId).upsert]) callback(upsert);
  }

  /** Emits `event` to the session's `onTurn` subscribers; a terminal event ends the fake's running turn. */
  emitTurn(sessionId: string, event: TurnEvent): void {
    const session = this.session(sessionId);
    if (event.type !== "turn_started" && session.runningTurnId === event.turnId) session.runningTurnId = undefined;
    for (const callback of [...session.turn]) callback(event);
  }

  /** Emits `turn_started` for `turnId`. */
  startTurn(sessionId: string, turnId: string): void {
    this.session(sessionId).runningTurnId = turnId;
    this.emitTurn(sessionId, {
      type: "turn_started",
      turnId,
      sessionId,
      modelId: this.modelId,
      providerId: this.cliType,
    });
  }

  /** Emits `turn_complete` with `status`; returns the event. */
  completeTurn(sessionId: string, turnId: string, status: "completed" | "cancelled" = "completed"): TurnTerminalEvent {
    const event: TurnTerminalEvent = { type: "turn_complete", turnId, sessionId, status };
    this.emitTurn(sessionId, event);
    return event;
  }

  /** Emits `turn_error`; returns the event. */
  failTurn(sessionId: string, turnId: string, errorCode = "PROVIDER_API_ERROR", errorMessage = "fake failure") {
    const event: TurnTerminalEvent = { type: "turn_error", turnId, sessionId, errorCode, errorMessage };
    this.emitTurn(sessionId, event);
    return event;
  }

  /** Builds and emits an agent `message` upsert (`itemId` defaults to `${turnId}:1:0`); returns it. */
  upsert(
    sessionId: string,
    turnId: string,
    fields: Partial<Omit<MessageUpsert, "type" | "sessionId" | "turnId">> = {},
  ): MessageUpsert {
    const upsert = fakeMessage({ sessionId, turnId, ...fields });
    this.emitUpsert(sessionId, upsert);
    return upsert;
  }

  /** Asks the registered permission handler; `cancelled` when none is registered (the CLI would deny). */
  requestPermission(sessionId: string, request: Partial<PermissionRequest> & { requestId: string }) {
    const session = this.session(sessionId);
    const full: PermissionRequest = {
      sessionId,
      turnId: session.runningTurnId ?? "turn-?",
      toolName: "Write",
      input: { file_path: "hello.txt" },
      options: [
        { optionId: "allow", name: "Allow once", kind: "allow_once" },
        { optionId: "deny", name: "Deny", kind: "reject_once" },
      ],
      ...request,
    };
    return session.permission
      ? session.permission(full)
      : Promise.resolve<PermissionDecision>({ outcome: "cancelled" });
  }

  /** Simulates an unexpected exit of the session's process (calls `onProcessExit` subscribers). */
  crash(sessionId: string, info: Partial<ProcessExitInfo> = {}): void {
    const session = this.session(sessionId);
    session.alive = false;
    session.runningTurnId = undefined;
    const full = { exitCode: 1, signal: null, message: "fake process exited with code 1", ...info };
    for (const callback of [...session.exit]) callback(full);
  }

  /** Subscriptions currently held on `sessionId` (0s for an unknown session). */
  listenerCount(sessionId: string): { upsert: number; turn: number; exit: number; permission: number } {
    const s = this.sessions.get(sessionId);
    return {
      upsert: s?.upsert.size ?? 0,
      turn: s?.turn.size ?? 0,
      exit: s?.exit.size ?? 0,
      permission: s?.permission ? 1 : 0,
    };
  }

  /** Number of sessions whose fake process is alive. */
  aliveCount(): number {
    return [...this.sessions.values()].filter((s) => s.alive).length;
  }
}

/** A complete-by-default agent `message` upsert for tests (override any field). */
export function fakeMessage(
  fields: Partial<Omit<MessageUpsert, "type">> & { sessionId: string; turnId: string },
): MessageUpsert {
  return {
    type: "message",
    origin: "agent",
    itemId: `${fields.turnId}:1:0`,
    status: "complete",
    content: "",
    sourceTimestamp: T0,
    emittedAt: T0,
    ...fields,
  };
}
