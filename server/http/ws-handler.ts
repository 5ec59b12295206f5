// The `/ws` endpoint: one WsConnection per socket, and the fan-out of service events to the connected browsers.
import websocket from "@fastify/websocket";
import type { FastifyInstance } from "fastify";
import type { RawData } from "ws";
import { MAX_SEND_BODY_BYTES, type ServerMessage } from "../../shared/contracts/index.js";
import type { SessionService } from "../sessions/index.js";
import { describeStoreError } from "./store-warnings.js";
import { startAttentionFanout } from "./ws-attention.js";
import { WsConnection } from "./ws-connection.js";
import { DEFAULT_OUTBOX_LIMITS, type OutboxLimits } from "./ws-outbox.js";

/** Tunables of the WebSocket endpoint. */
export interface WebSocketOptions {
  /** Per-socket outgoing bounds (see ws-outbox.ts); defaults `DEFAULT_OUTBOX_LIMITS`. */
  limits?: Partial<OutboxLimits>;
  /**
   * Largest incoming frame in bytes; a bigger one closes the socket with 1009 (ws). Default `MAX_SEND_BODY_BYTES`
   * (80 MiB, a `session:send` with ten 5 MiB images); any other command over 16 MiB is answered `INVALID_REQUEST`
   * (ws-dispatch.ts), a terminal socket refuses a frame over its own `TERMINAL_FRAME_MAX_BYTES` (terminal-socket.ts).
   */
  maxPayloadBytes?: number;
}

/**
 * Registers `@fastify/websocket` (call before any other route) and `GET /ws` (CONTRACTS.md section 7). Access control
 * runs in the `onRequest` hook before the upgrade. Fan-out:
 * - `session:updated { session }` goes to every connected socket;
 * - `permission:request` and `permission:resolved` go to the sockets watching the session;
 * - a session's new slash-command list goes to the sockets watching it as `session:commands` (no `requestId`);
 * - every session's approvals and turn ends go to every socket as `attention:*` (ws-attention.ts), with an
 *   `attention:snapshot` first as a socket connects;
 * - a store problem (corrupt projects.json / sessions.json moved aside, failed save) goes to every socket as
 *   `error { code: "STORE_ERROR", message }`, and every problem so far to each socket as it connects;
 * - the session stream goes to the sockets that opened the session (see ws-session-watch.ts);
 * - a terminal created, changed or closed goes to every socket as `terminal:updated` / `terminal:closed` (a terminal's
 *   bytes have their own socket, see terminal-socket.ts).
 */
export async function registerWebSocket(
  app: FastifyInstance,
  service: SessionService,
  options: WebSocketOptions = {},
): Promise<void> {
  await app.register(websocket, { options: { maxPayload: options.maxPayloadBytes ?? MAX_SEND_BODY_BYTES } });
  const limits: OutboxLimits = { ...DEFAULT_OUTBOX_LIMITS, ...options.limits };
  const connections = new Set<WsConnection>();
  const attention = startAttentionFanout(service, (message) => {
    for (const connection of connections) connection.send(message);
  });
  const unsubscribers = [
    service.onSessionUpdated((session) => {
      for (const connection of connections) connection.send({ type: "session:updated", session });
    }),
    service.onPermissionRequest((sessionId, request) => {
      for (const connection of connections) connection.sendPermissionRequest(sessionId, request);
    }),
    service.onPermissionResolved((resolution) => {
      for (const connection of connections) {
        if (connection.isWatching(resolution.sessionId))
          connection.send({ type: "permission:resolved", ...resolution });
      }
    }),
    service.onCommandsChanged((sessionId, commands) => {
      for (const connection of connections) {
        if (connection.isWatching(sessionId)) connection.send({ type: "session:commands", sessionId, commands });
      }
    }),
    service.terminals.onChange((change) => {
      const message: ServerMessage =
        change.kind === "updated"
          ? { type: "terminal:updated", terminal: change.terminal }
          : { type: "terminal:closed", terminalId: change.terminalId, sessionId: change.sessionId };
      for (const connection of connections) connection.send(message);
    }),
    service.onStoreError((error) => {
      const message = describeStoreError(error);
      for (const connection of connections) connection.send({ type: "error", code: "STORE_ERROR", message });
    }),
  ];
  app.addHook("onClose", async () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
    attention.stop();
  });

  app.get("/ws", { websocket: true }, (socket, request) => {
    const connection = new WsConnection(socket, service, limits, request.log);
    connections.add(connection);
    connection.send(attention.ledger.snapshot());
    // Problems found before this browser connected (a corrupt projects.json moved aside at start): it shows them too.
    for (const error of service.storeErrors()) {
      connection.send({ type: "error", code: "STORE_ERROR", message: describeStoreError(error) });
    }
    socket.on("message", (data: RawData) => {
      void connection.handleMessage(toText(data));
    });
    socket.on("close", () => {
      connections.delete(connection);
      connection.dispose();
    });
    socket.on("error", (error) => request.log.warn({ err: error }, "WebSocket error"));
  });
}

function toText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString("utf8");
  return data.toString("utf8");
}
