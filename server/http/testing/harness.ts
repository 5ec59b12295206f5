// Test harness for the HTTP layer: the app on the real session service (fake CLIs), and a recording WebSocket client.
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { expect } from "vitest";
import WebSocket from "ws";
import type { ServerMessage, StreamMessage, UpsertObject } from "../../../shared/contracts/index.js";
import type { ServerConfig } from "../../core/index.js";
import { buildApp } from "../app.js";
import type { WebSocketOptions } from "../ws-handler.js";
import { createTestService, type TestService, type TestServiceOptions } from "./service.js";
import { probeService } from "./service-probe.js";

/** A fixed token for tests (64 hex characters). */
export const TEST_TOKEN = "a".repeat(64);

/** An app under test and the real service it runs on; `close()` ends both and removes the temp folder. */
export interface TestApp extends TestService {
  app: FastifyInstance;
  config: ServerConfig;
  /** `Authorization` header carrying the right token. */
  auth: { authorization: string };
  /** Stream subscriptions the app holds on `sessionId` (to prove it unsubscribes). */
  streamListenerCount(sessionId: string): number;
}

/**
 * Builds the app on the real session service of `createTestService` (fake Claude Code and Codex, no projects yet),
 * with data and client dirs in its fresh temp folder.
 */
export async function createTestApp(
  options: TestServiceOptions & { clientDir?: string; webSocket?: WebSocketOptions; host?: string } = {},
): Promise<TestApp> {
  const tested = await createTestService(options);
  const probe = probeService(tested.service);
  const config: ServerConfig = {
    port: 0,
    host: options.host ?? "127.0.0.1",
    allowedHosts: [],
    dataDir: tested.dataDir,
    claudeConfigDir: join(tested.root, "claude"),
    codexHome: join(tested.root, "codex"),
    clientDir: options.clientDir ?? join(tested.root, "no-client"),
    idleMinutes: 0,
  };
  const app = await buildApp({
    service: probe.service,
    config,
    accessToken: TEST_TOKEN,
    webSocket: options.webSocket,
  });
  return {
    ...tested,
    app,
    config,
    auth: { authorization: `Bearer ${TEST_TOKEN}` },
    streamListenerCount: probe.streamListenerCount,
    close: async () => {
      await app.close();
      await tested.close();
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
    // Listening from the start: what the server sends as the socket opens is recorded too.
    const client = new TestClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once("open", () => resolve());
      socket.once("error", reject);
    });
    return client;
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

  /** Resolves with the first recorded message (past or future) matching `predicate`; fails after 5 s naming `what`. */
  async waitFor(predicate: (message: ServerMessage) => boolean, what = "a message"): Promise<ServerMessage> {
    await expect
      .poll(() => this.messages.some(predicate), { message: `waiting for ${what}`, interval: 5, timeout: 5000 })
      .toBe(true);
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

/**
 * Sends one authorised JSON request to the app under test (`app.inject`) and returns its status and parsed body
 * (`undefined` for an empty body).
 */
export async function injectJson(
  t: TestApp,
  method: "GET" | "POST" | "PATCH" | "DELETE",
  url: string,
  payload?: unknown,
  // biome-ignore lint/suspicious/noExplicitAny: each test reads the fields of the body it expects
): Promise<{ status: number; body: any }> {
  const response = await t.app.inject({
    method,
    url,
    headers: t.auth,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  return { status: response.statusCode, body: response.body === "" ? undefined : response.json() };
}
