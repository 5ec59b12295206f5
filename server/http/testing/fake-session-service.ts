// An in-memory SessionService for HTTP/WebSocket tests: scripted stream, seq log with replay, controllable failures.
import {
  type CliType,
  CliTypeSchema,
  type PermissionMode,
  type PermissionRequest,
  type Project,
  type SessionSummary,
  type StreamMessage,
  type TurnEvent,
  type UpsertObject,
} from "../../../shared/contracts/index.js";
import {
  type OpenSessionResult,
  type PermissionResolution,
  ServiceError,
  type SessionService,
  type StoreErrorInfo,
} from "../../sessions/types.js";
import { completedItems, NOW, userMessage } from "./samples.js";

export { agentText, userMessage } from "./samples.js";

type Listener<A extends unknown[]> = (...args: A) => void;

/**
 * A SessionService double. Sessions live in memory; `emitUpsert` / `emitTurn` append to a per-session log with
 * `seq` 1, 2, 3 … and fan out to `onStream` listeners, like the real service. `openSession` replays after `afterSeq`
 * when the log still holds it (the last `logCapacity` messages), else returns history like the real EventLog: completed
 * items up to the last finished turn, `seq` = the log head, and the messages of a running turn as `inFlight`. `failNext(method, error)` makes the next call of
 * `method` throw; `holdOpen(point)` holds the next `openSession` before / after it reads the log, so a test can emit
 * during the subscribe race (messages then land in both the result and the live stream, or only in the latter).
 */
export class FakeSessionService implements SessionService {
  readonly projects = new Map<string, Project>();
  readonly sessions = new Map<string, SessionSummary>();
  readonly logs = new Map<string, StreamMessage[]>();
  readonly pending = new Map<string, PermissionRequest[]>();
  readonly crashed = new Set<string>();
  /** How many stream messages per session stay replayable. */
  logCapacity = 1000;
  private readonly holds = new Map<"before-read" | "after-read", { reached: () => void; released: Promise<void> }>();
  shutdownCalls = 0;
  private readonly failures = new Map<string, Error>();
  private readonly heads = new Map<string, number>();
  private readonly streamListeners = new Map<string, Set<Listener<[StreamMessage]>>>();
  private readonly updatedListeners = new Set<Listener<[SessionSummary]>>();
  private readonly requestListeners = new Set<Listener<[string, PermissionRequest]>>();
  private readonly resolvedListeners = new Set<Listener<[PermissionResolution]>>();
  private readonly storeErrorListeners = new Set<Listener<[StoreErrorInfo]>>();
  private readonly storeProblems: StoreErrorInfo[] = [];
  private counter = 0;

  /** Makes the next call of `method` throw `error`. */
  failNext(method: keyof SessionService, error: Error): void {
    this.failures.set(method, error);
  }

  /**
   * Holds the next `openSession` at `point` (before or after it reads the log). `reached` resolves once it waits
   * there; `release()` lets it go on.
   */
  holdOpen(point: "before-read" | "after-read"): { reached: Promise<void>; release: () => void } {
    let reached = () => {};
    let release = () => {};
    const reachedPromise = new Promise<void>((resolve) => {
      reached = resolve;
    });
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.holds.set(point, { reached, released });
    return { reached: reachedPromise, release };
  }

  private async pause(point: "before-read" | "after-read"): Promise<void> {
    const hold = this.holds.get(point);
    if (!hold) return;
    this.holds.delete(point);
    hold.reached();
    await hold.released;
  }

  /** Adds a project directly (no path checks). */
  seedProject(path = "/work/app"): Project {
    const project: Project = {
      projectId: `p-${++this.counter}`,
      path,
      name: path.split("/").pop() ?? path,
      addedAt: NOW,
    };
    this.projects.set(project.projectId, project);
    return project;
  }

  /** Adds an idle session directly. */
  seedSession(projectId: string, cliType: CliType = "claude-code", sessionId = `s-${++this.counter}`): SessionSummary {
    const session: SessionSummary = {
      sessionId,
      cliType,
      projectId,
      title: "New session",
      state: "idle",
      lastActiveAt: NOW,
      permissionMode: "default",
      source: "app",
    };
    this.sessions.set(sessionId, session);
    this.logs.set(sessionId, []);
    return session;
  }

  /** Appends an upsert to the session's stream; returns its `seq`. */
  emitUpsert(sessionId: string, payload: UpsertObject): number {
    return this.append({ type: "session:upsert", sessionId, seq: 0, payload });
  }

  /** Appends a turn event to the session's stream; returns its `seq`. */
  emitTurn(sessionId: string, payload: TurnEvent): number {
    if (payload.type !== "turn_started") this.update(sessionId, { state: "idle" });
    return this.append({ type: "session:turn", sessionId, seq: 0, payload });
  }

  /** Raises a permission request for the session. */
  requestPermission(request: PermissionRequest): void {
    const list = this.pending.get(request.sessionId) ?? [];
    list.push(request);
    this.pending.set(request.sessionId, list);
    for (const listener of this.requestListeners) listener(request.sessionId, request);
  }

  onStream(sessionId: string, listener: Listener<[StreamMessage]>): () => void {
    const set = this.streamListeners.get(sessionId) ?? new Set();
    set.add(listener);
    this.streamListeners.set(sessionId, set);
    return () => set.delete(listener);
  }
  onSessionUpdated(listener: Listener<[SessionSummary]>): () => void {
    this.updatedListeners.add(listener);
    return () => this.updatedListeners.delete(listener);
  }
  onPermissionRequest(listener: Listener<[string, PermissionRequest]>): () => void {
    this.requestListeners.add(listener);
    return () => this.requestListeners.delete(listener);
  }
  onPermissionResolved(listener: Listener<[PermissionResolution]>): () => void {
    this.resolvedListeners.add(listener);
    return () => this.resolvedListeners.delete(listener);
  }

  onStoreError(listener: Listener<[StoreErrorInfo]>): () => void {
    this.storeErrorListeners.add(listener);
    return () => this.storeErrorListeners.delete(listener);
  }
  storeErrors(): StoreErrorInfo[] {
    return [...this.storeProblems];
  }
  /** Records a store problem and tells the listeners, like the real JSON stores. */
  reportStoreError(error: StoreErrorInfo): void {
    this.storeProblems.push(error);
    for (const listener of this.storeErrorListeners) listener(error);
  }

  /** Number of stream listeners of a session (to prove unsubscription). */
  streamListenerCount(sessionId: string): number {
    return this.streamListeners.get(sessionId)?.size ?? 0;
  }

  listProjects(): Project[] {
    this.maybeFail("listProjects");
    return [...this.projects.values()];
  }
  async addProject(path: string): Promise<Project> {
    this.maybeFail("addProject");
    if (!path.startsWith("/")) throw new ServiceError("INVALID_PATH", `Not a folder: ${path}`);
    if ([...this.projects.values()].some((p) => p.path === path)) {
      throw new ServiceError("DUPLICATE_PROJECT", `Already added: ${path}`);
    }
    return this.seedProject(path);
  }
  async removeProject(projectId: string): Promise<void> {
    this.maybeFail("removeProject");
    if (!this.projects.delete(projectId)) throw new ServiceError("PROJECT_NOT_FOUND", `No project ${projectId}`);
  }

  async listSessions(projectId: string): Promise<SessionSummary[]> {
    this.maybeFail("listSessions");
    if (!this.projects.has(projectId)) throw new ServiceError("PROJECT_NOT_FOUND", `No project ${projectId}`);
    return [...this.sessions.values()].filter((s) => s.projectId === projectId && !s.archived);
  }
  getSession(sessionId: string): SessionSummary {
    const session = this.sessions.get(sessionId);
    if (!session) throw new ServiceError("SESSION_NOT_FOUND", `No session ${sessionId}`);
    return session;
  }
  async createSession(input: { projectId: string; cliType: string; permissionMode?: PermissionMode }) {
    this.maybeFail("createSession");
    const cliType = CliTypeSchema.safeParse(input.cliType);
    if (!cliType.success) throw new ServiceError("UNSUPPORTED_CLI_TYPE", `Unsupported CLI type ${input.cliType}`);
    if (!this.projects.has(input.projectId)) throw new ServiceError("PROJECT_NOT_FOUND", "No such project");
    const session = this.seedSession(input.projectId, cliType.data);
    return this.update(session.sessionId, { permissionMode: input.permissionMode ?? "default" });
  }
  async loadSession(sessionId: string): Promise<SessionSummary> {
    this.maybeFail("loadSession");
    this.getSession(sessionId);
    this.crashed.delete(sessionId);
    return this.update(sessionId, { state: "idle" });
  }
  async openSession(sessionId: string, options: { afterSeq?: number; pageSize?: number } = {}) {
    this.getSession(sessionId);
    this.maybeFail("openSession");
    await this.pause("before-read");
    const log = [...(this.logs.get(sessionId) ?? [])];
    const head = this.heads.get(sessionId) ?? 0;
    await this.pause("after-read");
    const firstHeld = log[0]?.seq ?? head + 1;
    const { afterSeq } = options;
    if (afterSeq !== undefined && afterSeq >= firstHeld - 1 && afterSeq <= head) {
      return { kind: "replay", messages: log.filter((m) => m.seq > afterSeq) } satisfies OpenSessionResult;
    }
    const lastTurnEnd = log.findLastIndex((m) => m.type === "session:turn" && m.payload.type !== "turn_started");
    const done = log.slice(0, lastTurnEnd + 1);
    const entries = completedItems(done);
    const pageSize = options.pageSize ?? 100;
    return {
      kind: "history",
      entries: entries.slice(-pageSize),
      seq: head,
      hasMore: entries.length > pageSize,
      inFlight: log.slice(lastTurnEnd + 1),
    } satisfies OpenSessionResult;
  }
  async historyPage(sessionId: string, beforeItemId: string, pageSize = 100) {
    this.getSession(sessionId);
    const entries = completedItems(this.logs.get(sessionId) ?? []);
    const index = entries.findIndex((e) => e.itemId === beforeItemId);
    const older = entries.slice(0, Math.max(index, 0));
    const page = older.slice(-pageSize);
    return { entries: page, seq: this.logs.get(sessionId)?.at(-1)?.seq ?? 0, hasMore: older.length > page.length };
  }
  async sendMessage(sessionId: string, content: string): Promise<{ turnId: string }> {
    const session = this.getSession(sessionId);
    this.maybeFail("sendMessage");
    if (this.crashed.has(sessionId)) throw new ServiceError("PROCESS_CRASH", "Claude Code exited (code 1)");
    if (session.state === "running") throw new ServiceError("TURN_IN_PROGRESS", "A turn is already running");
    const turnId = `turn-${++this.counter}`;
    this.update(sessionId, { state: "running" });
    this.emitUpsert(sessionId, userMessage(sessionId, turnId, content));
    this.emitTurn(sessionId, { type: "turn_started", turnId, sessionId, modelId: "m", providerId: session.cliType });
    return { turnId };
  }
  async cancelTurn(sessionId: string): Promise<void> {
    this.getSession(sessionId);
    this.maybeFail("cancelTurn");
    const started = [...(this.logs.get(sessionId) ?? [])].reverse().find((m) => m.type === "session:turn");
    if (started?.type === "session:turn" && started.payload.type === "turn_started") {
      this.emitTurn(sessionId, {
        type: "turn_complete",
        turnId: started.payload.turnId,
        sessionId,
        status: "cancelled",
      });
    }
  }
  async killSession(sessionId: string): Promise<SessionSummary> {
    this.getSession(sessionId);
    this.maybeFail("killSession");
    return this.update(sessionId, { state: "dead" });
  }
  async archiveSession(sessionId: string): Promise<void> {
    this.getSession(sessionId);
    this.update(sessionId, { archived: true, state: "dead" });
  }
  async setPermissionMode(sessionId: string, mode: PermissionMode): Promise<SessionSummary> {
    this.getSession(sessionId);
    return this.update(sessionId, { permissionMode: mode });
  }
  respondToPermission(sessionId: string, requestId: string, optionId: string): PermissionResolution {
    this.getSession(sessionId);
    const list = this.pending.get(sessionId) ?? [];
    const request = list.find((r) => r.requestId === requestId);
    if (!request) throw new ServiceError("PERMISSION_REQUEST_NOT_FOUND", `No pending request ${requestId}`);
    this.pending.set(
      sessionId,
      list.filter((r) => r !== request),
    );
    const resolution: PermissionResolution = { sessionId, requestId, optionId, outcome: "selected" };
    for (const listener of this.resolvedListeners) listener(resolution);
    return resolution;
  }
  pendingPermissions(sessionId: string): PermissionRequest[] {
    this.getSession(sessionId);
    return [...(this.pending.get(sessionId) ?? [])];
  }
  status(sessionId: string) {
    const session = this.getSession(sessionId);
    const isAlive = session.state !== "dead" && !this.crashed.has(sessionId);
    return { sessionId, cliType: session.cliType, isAlive, state: session.state };
  }
  async shutdown(): Promise<void> {
    this.shutdownCalls += 1;
  }

  private append(message: StreamMessage): number {
    const log = this.logs.get(message.sessionId) ?? [];
    const seq = (this.heads.get(message.sessionId) ?? 0) + 1;
    this.heads.set(message.sessionId, seq);
    const stamped = { ...message, seq } as StreamMessage;
    log.push(stamped);
    while (log.length > this.logCapacity) log.shift();
    this.logs.set(message.sessionId, log);
    for (const listener of [...(this.streamListeners.get(message.sessionId) ?? [])]) listener(stamped);
    return seq;
  }

  private update(sessionId: string, patch: Partial<SessionSummary>): SessionSummary {
    const session = { ...this.getSession(sessionId), ...patch };
    this.sessions.set(sessionId, session);
    for (const listener of this.updatedListeners) listener(session);
    return session;
  }

  private maybeFail(method: string): void {
    const error = this.failures.get(method);
    if (error) {
      this.failures.delete(method);
      throw error;
    }
  }
}
