// Test harness for the HTTP layer: an app on the fake service with a temp data dir, and a recording WebSocket client.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import WebSocket from "ws";
import type { ServerMessage, StreamMessage, UpsertObject } from "../../../shared/contracts/index.js";
import type { ServerConfig } from "../../core/index.js";
import type { SessionService } from "../../sessions/types.js";
import { buildApp } from "../app.js";
import type { WebSocketOptions } from "../ws-handler.js";
import { FakeSessionService } from "./fake-session-service.js";

/** A fixed token for tests (64 hex characters). */
export const TEST_TOKEN = "a".repeat(64);

/** An app under test and what it was built from; `close()` ends the app and removes the temp folder. */
export interface TestApp {
  app: FastifyInstance;
  service: FakeSessionService;
  config: ServerConfig;
  /** `Authorization` header carrying the right token. */
  auth: { authorization: string };
  close(): Promise<void>;
}

/** Builds the app on a `FakeSessionService` (or `service`), data and client dirs in a fresh temp folder. */
export async function createTestApp(
  options: { service?: SessionService; clientDir?: string; webSocket?: WebSocketOptions; host?: string } = {},
): Promise<TestApp> {
  const root = await mkdtemp(join(tmpdir(), "liminal-http-"));
  const service = (options.service ?? new FakeSessionService()) as FakeSessionService;
  const config: ServerConfig = {
    port: 0,
    host: options.host ?? "127.0.0.1",
    allowedHosts: [],
    dataDir: join(root, "data"),
    claudeConfigDir: join(root, "claude"),
    codexHome: join(root, "codex"),
    clientDir: options.clientDir ?? join(root, "no-client"),
  };
  const app = await buildApp({ service, config, accessToken: TEST_TOKEN, webSocket: options.webSocket });
  return {
    app,
    service,
    config,
    auth: { authorization: `Bearer ${TEST_TOKEN}` },
    close: async () => {
      await app.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Listens on 127.0.0.1 with a free port; returns the `ws://` URL of `/ws` and the port. */
export async function listen(app: FastifyInstance): Promise<{ port: number; wsUrl: string }> {
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (!address || typeof address === "string") throw new Error("no TCP address");
  return { port: address.port, wsUrl: `ws://127.0.0.1:${address.port}/ws` };
}

/** Waits until `condition()` is true, checking every 5 ms; fails after `timeoutMs` with `what`. */
export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A WebSocket client that records every server message in order. */
export class TestClient {
  readonly messages: ServerMessage[] = [];
  private counter = 0;

  private constructor(readonly socket: WebSocket) {
    socket.on("message", (data) => this.messages.push(JSON.parse(String(data)) as ServerMessage));
  }

  /** Connects with the test token (or `headers` instead) and resolves once open. */
  static async connect(url: string, headers: Record<string, string> = { authorization: `Bearer ${TEST_TOKEN}` }) {
    const socket = new WebSocket(url, { headers });
    await new Promise<void>((resolve, reject) => {
      socket.once("open", () => resolve());
      socket.once("error", reject);
    });
    return new TestClient(socket);
  }

  /** Sends a command (an object is JSON-encoded; a string goes as is). */
  send(command: object | string): void {
    this.socket.send(typeof command === "string" ? command : JSON.stringify(command));
  }

  /** Sends `command` with a fresh `requestId` and resolves with the first reply or `error` echoing it. */
  async request(command: Record<string, unknown>): Promise<ServerMessage> {
    const requestId = `req-${++this.counter}`;
    this.send({ ...command, requestId });
    return this.waitFor((m) => "requestId" in m && m.requestId === requestId, `reply to ${String(command.type)}`);
  }

  /** Resolves with the first recorded message (past or future) matching `predicate`. */
  async waitFor(predicate: (message: ServerMessage) => boolean, what = "a message"): Promise<ServerMessage> {
    await waitUntil(() => this.messages.some(predicate), what);
    return this.messages.find(predicate) as ServerMessage;
  }

  /** The recorded stream messages (`session:upsert` / `session:turn`) of `sessionId`, in arrival order. */
  stream(sessionId: string): StreamMessage[] {
    return this.messages.filter(
      (m): m is StreamMessage =>
        (m.type === "session:upsert" || m.type === "session:turn") && m.sessionId === sessionId,
    );
  }

  /** Ends the connection (without the closing handshake, so a paused socket cannot hang) and waits for it. */
  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    const closed = new Promise((resolve) => this.socket.once("close", resolve));
    this.socket.terminate();
    await closed;
  }
}

/** The text of a message or thinking upsert (undefined for a tool call). */
export function textOf(upsert: UpsertObject): string | undefined {
  return upsert.type === "tool_call" ? undefined : upsert.content;
}
