// One browser's WebSocket: its outbox, the sessions it watches, and the command loop (parse → dispatch → reply).
import type { PermissionRequest, ServerMessage } from "../../shared/contracts/index.js";
import type { SessionService } from "../sessions/index.js";
import { toErrorResponse } from "./errors.js";
import { dispatchCommand, parseCommand } from "./ws-dispatch.js";
import { type OutboxLimits, type OutboxSocket, SocketOutbox } from "./ws-outbox.js";
import { type OpenOptions, SessionWatch } from "./ws-session-watch.js";

/** Where unexpected failures are reported (Fastify's logger in the app). */
export interface ConnectionLogger {
  error(details: object, message: string): void;
}

/**
 * The server side of one WebSocket (CONTRACTS.md section 7). Every incoming text is parsed and dispatched on its own:
 * a malformed or failing command gets `error { requestId?, code, message, sessionId? }` and the socket stays open;
 * one session's failure never touches another session's watch.
 */
export class WsConnection {
  readonly outbox: SocketOutbox;
  private readonly watches = new Map<string, SessionWatch>();
  private closed = false;

  constructor(
    socket: OutboxSocket,
    private readonly service: SessionService,
    limits: OutboxLimits,
    private readonly log: ConnectionLogger,
  ) {
    this.outbox = new SocketOutbox(socket, limits);
  }

  /** Sends one message (dropped once the socket closed). */
  send(message: ServerMessage): void {
    this.outbox.send(message);
  }

  /** True while this socket receives `sessionId`'s stream. */
  isWatching(sessionId: string): boolean {
    return this.watches.has(sessionId);
  }

  /** Handles one incoming WebSocket message (text or binary holding UTF-8 JSON). Never throws. */
  async handleMessage(raw: string): Promise<void> {
    const parsed = parseCommand(raw);
    if (!parsed.ok) return this.send({ type: "error", ...parsed.error });
    const { command } = parsed;
    // For `permission:respond` the `requestId` is the permission request's id: echoing it still names the command.
    const requestId = command.requestId;
    const sessionId = "sessionId" in command ? command.sessionId : undefined;
    try {
      const replies = await dispatchCommand(command, { service: this.service, connection: this });
      for (const reply of replies) this.send(reply);
    } catch (error) {
      const response = toErrorResponse(error);
      if (response.unexpected) this.log.error({ err: error, command: command.type }, "WebSocket command failed");
      this.send({
        type: "error",
        ...(requestId === undefined ? {} : { requestId }),
        ...response.body,
        ...(sessionId === undefined ? {} : { sessionId }),
      });
    }
  }

  /** Starts (or restarts) streaming `sessionId` to this socket; see `SessionWatch.open`. */
  async openSession(sessionId: string, options: OpenOptions): Promise<void> {
    if (this.closed) return;
    let watch = this.watches.get(sessionId);
    if (!watch) {
      watch = new SessionWatch(sessionId, this.service, this.outbox, (error) =>
        this.reportResyncError(sessionId, error),
      );
      this.watches.set(sessionId, watch);
    }
    try {
      await watch.open(options);
    } catch (error) {
      if (this.watches.get(sessionId) === watch && watch.currentState === "closed") this.watches.delete(sessionId);
      throw error;
    }
  }

  /** Stops streaming `sessionId` to this socket. */
  closeSession(sessionId: string): void {
    this.watches.get(sessionId)?.close();
    this.watches.delete(sessionId);
  }

  /** Forwards a permission request to this socket when it watches the request's session. */
  sendPermissionRequest(sessionId: string, request: PermissionRequest): void {
    this.watches.get(sessionId)?.sendPermissionRequest(request);
  }

  /** The socket closed: unsubscribe every watch and stop drain checks. */
  dispose(): void {
    this.closed = true;
    for (const watch of this.watches.values()) watch.close();
    this.watches.clear();
    this.outbox.dispose();
  }

  private reportResyncError(sessionId: string, error: unknown): void {
    const response = toErrorResponse(error);
    if (response.unexpected) this.log.error({ err: error, sessionId }, "WebSocket resync failed");
    this.watches.delete(sessionId);
    this.send({ type: "error", ...response.body, sessionId });
  }
}
