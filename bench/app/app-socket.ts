// A WebSocket client of our running server for checks that need its events without a page: session:updated and the
// stream of the sessions it opens (CONTRACTS.md section 7).
import WebSocket from "ws";
import type { AppServer } from "./app-server.js";

/** One message from the server as it arrived, with its arrival time on the bench clock (epoch ms). */
export interface ReceivedMessage {
  at: number;
  message: { type: string; sessionId?: string; [key: string]: unknown };
}

/** A connected client: every server message is recorded; `next` waits for one to come. */
export interface AppSocket {
  /** Sends `session:open` (the server then streams that session's upserts and turn events here). */
  open(sessionId: string): void;
  /**
   * Resolves with the first message after this call (or already recorded from index `from` on) that `test` accepts.
   * @throws Error naming `what` after `timeoutMs` (default 120 s) or when the socket closes.
   */
  waitFor(
    what: string,
    test: (message: ReceivedMessage["message"]) => boolean,
    options?: { from?: number; timeoutMs?: number },
  ): Promise<ReceivedMessage>;
  /** How many messages arrived so far (a `from` for `waitFor`). */
  readonly count: number;
  close(): void;
}

/** Connects to `server`'s `/ws` with its token (Bearer header) and resolves once open. */
export async function connectAppSocket(server: AppServer): Promise<AppSocket> {
  const socket = new WebSocket(`${server.url.replace(/^http/, "ws")}/ws`, {
    headers: { authorization: `Bearer ${server.token}` },
  });
  const received: ReceivedMessage[] = [];
  const waiters = new Set<() => void>();
  let closed = false;
  socket.on("message", (data) => {
    received.push({ at: performance.timeOrigin + performance.now(), message: JSON.parse(String(data)) });
    for (const check of [...waiters]) check();
  });
  socket.on("close", () => {
    closed = true;
    for (const check of [...waiters]) check();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  return {
    get count() {
      return received.length;
    },
    open(sessionId) {
      socket.send(JSON.stringify({ type: "session:open", sessionId }));
    },
    waitFor(what, test, options = {}) {
      const from = options.from ?? received.length;
      const timeoutMs = options.timeoutMs ?? 120_000;
      return new Promise<ReceivedMessage>((resolve, reject) => {
        let index = from;
        const check = () => {
          for (; index < received.length; index += 1) {
            const entry = received[index];
            if (entry && test(entry.message)) {
              finish();
              resolve(entry);
              return;
            }
          }
          if (closed) {
            finish();
            reject(new Error(`the server's WebSocket closed while waiting for ${what}`));
          }
        };
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`no ${what} within ${timeoutMs} ms`));
        }, timeoutMs);
        const finish = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close() {
      socket.terminate();
    },
  };
}
