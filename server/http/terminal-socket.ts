// `GET /ws/terminal/:terminalId`: one browser viewing one terminal — output out as binary frames, keys and sizes in.
import type { FastifyInstance } from "fastify";
import type { RawData, WebSocket } from "ws";
import {
  ContractValidationError,
  parseContract,
  type TerminalClientFrame,
  TerminalClientFrameSchema,
  type TerminalServerFrame,
} from "../../shared/contracts/index.js";
import type { SessionService, Terminal, TerminalViewer } from "../sessions/index.js";
import { toErrorResponse } from "./errors.js";
import { tooDeepAt, tooDeepMessage } from "./json-depth.js";

/** The largest frame a browser may send on a terminal socket, in bytes (an `input` holds at most 64 Ki characters). */
export const TERMINAL_FRAME_MAX_BYTES = 256 * 1024;
/** Close code of a terminal socket whose terminal does not exist or was closed (reason: `TERMINAL_NOT_FOUND`). */
export const TERMINAL_GONE_CLOSE_CODE = 4404;
/** Most browsers viewing one terminal at once; one more is refused (`TERMINAL_LIMIT`, close code 1013). */
export const MAX_VIEWERS_PER_TERMINAL = 16;

const OPEN = 1;

/**
 * Registers the terminal socket (after `@fastify/websocket`; the access rules of access-control.ts run first, as for
 * `/ws`). `?since=<offset>`: the output offset the browser already shows (see `Terminal.attach`). A frame that is
 * binary, over {@link TERMINAL_FRAME_MAX_BYTES}, not JSON or not a `TerminalClientFrame` is answered
 * `error { code: "INVALID_REQUEST", message }` and changes nothing; the socket stays open (a frame over the WebSocket
 * endpoint's `maxPayload`, 16 MiB, closes it with 1009). An unknown terminal, or one closed while viewed, closes the
 * socket with {@link TERMINAL_GONE_CLOSE_CODE} after an `error` frame; more than {@link MAX_VIEWERS_PER_TERMINAL}
 * viewers, with 1013 (`TERMINAL_LIMIT`).
 */
export function registerTerminalSocket(app: FastifyInstance, service: SessionService): void {
  app.get<{ Params: { terminalId: string }; Querystring: { since?: string } }>(
    "/ws/terminal/:terminalId",
    { websocket: true },
    (socket, request) => {
      const { terminalId } = request.params;
      let terminal: Terminal;
      try {
        terminal = service.terminals.get(terminalId);
      } catch (error) {
        sendGone(socket, toErrorResponse(error).body.message);
        return;
      }
      if (terminal.viewerCount >= MAX_VIEWERS_PER_TERMINAL) {
        sendFrame(socket, {
          type: "error",
          code: "TERMINAL_LIMIT",
          message: `${terminal.viewerCount} pages already show this terminal, the most it serves`,
        });
        socket.close(1013, "TERMINAL_LIMIT");
        return;
      }
      const since = parseOffset(request.query.since);
      let detached = false;
      const viewer: TerminalViewer = terminal.attach(
        {
          output: (data) => {
            if (socket.readyState === OPEN) socket.send(data, { binary: true });
          },
          frame: (frame) => sendFrame(socket, frame),
          queuedBytes: () => socket.bufferedAmount,
        },
        since,
      );
      let unsubscribe = () => {};
      const leave = () => {
        if (detached) return;
        detached = true;
        unsubscribe();
        viewer.detach();
      };
      unsubscribe = service.terminals.onChange((change) => {
        if (change.kind === "closed" && change.terminalId === terminalId) {
          leave();
          sendGone(socket, "The terminal was closed");
        }
      });
      socket.on("message", (data: RawData, isBinary: boolean) => {
        if (detached) return;
        const frame = readFrame(data, isBinary);
        if ("error" in frame) {
          sendFrame(socket, { type: "error", code: "INVALID_REQUEST", message: frame.error });
          return;
        }
        try {
          switch (frame.type) {
            case "input":
              return terminal.write(frame.data);
            case "resize":
              return terminal.resize(frame.cols, frame.rows);
            case "ack":
              return viewer.ack(frame.offset);
          }
        } catch (error) {
          request.log.error({ err: error, terminalId }, "terminal frame failed");
          sendFrame(socket, { type: "error", ...toErrorResponse(error).body });
        }
      });
      socket.on("close", leave);
      socket.on("error", (error) => request.log.warn({ err: error }, "terminal WebSocket error"));
    },
  );
}

function readFrame(data: RawData, isBinary: boolean): TerminalClientFrame | { error: string } {
  if (isBinary) return { error: "Terminal frames are JSON text, not binary" };
  const bytes = Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? Buffer.from(data) : data;
  if (bytes.length > TERMINAL_FRAME_MAX_BYTES) {
    return { error: `Frame of ${bytes.length} bytes refused: at most ${TERMINAL_FRAME_MAX_BYTES} per frame` };
  }
  const text = bytes.toString("utf8");
  const deep = tooDeepAt(text);
  if (deep >= 0) return { error: tooDeepMessage(deep) };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: `Malformed JSON: ${(error as Error).message}` };
  }
  try {
    return parseContract(TerminalClientFrameSchema, value, "terminal frame");
  } catch (error) {
    return { error: error instanceof ContractValidationError ? error.message : String(error) };
  }
}

function parseOffset(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,15}$/.test(value)) return undefined;
  return Number(value);
}

function sendFrame(socket: WebSocket, frame: TerminalServerFrame): void {
  if (socket.readyState === OPEN) socket.send(JSON.stringify(frame));
}

function sendGone(socket: WebSocket, message: string): void {
  sendFrame(socket, { type: "error", code: "TERMINAL_NOT_FOUND", message });
  if (socket.readyState === OPEN) socket.close(TERMINAL_GONE_CLOSE_CODE, "TERMINAL_NOT_FOUND");
}
