// The real path end to end: REST create + send, real Claude Code against the local Anthropic stand-in, the stream over /ws.
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { StreamMessage } from "../../shared/contracts/index.js";
import { type AnthropicServer, startAnthropicServer } from "../../testing/anthropic/server.js";
import type { ServerConfig } from "../core/index.js";
import { ClaudeCodeProvider } from "../providers/claude/index.js";
import { ProviderRegistry } from "../providers/index.js";
import { DefaultSessionService } from "../sessions/index.js";
import { buildApp } from "./app.js";
import { listen, TEST_TOKEN, TestClient, textOf } from "./testing/harness.js";

let root: string;
let anthropic: AnthropicServer;
let service: DefaultSessionService;
let app: FastifyInstance;
let wsUrl: string;
let baseUrl: string;
let projectDir: string;
let client: TestClient | undefined;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "liminal-server-int-"));
  const dir = (name: string) => join(root, name);
  for (const name of ["home", "claude", "claude-tmp", "data", "project"]) await mkdir(dir(name), { recursive: true });
  projectDir = dir("project");
  anthropic = await startAnthropicServer();
  const registry = new ProviderRegistry();
  registry.register(
    new ClaudeCodeProvider({
      configDir: dir("claude"),
      homeDir: dir("home"),
      tmpDir: dir("claude-tmp"),
      baseUrl: anthropic.url,
      apiKey: "test-key",
      maxRetries: 0,
      warmStart: false,
    }),
  );
  service = new DefaultSessionService({ dataDir: dir("data"), registry, home: dir("home") });
  const config: ServerConfig = {
    port: 0,
    host: "127.0.0.1",
    allowedHosts: [],
    dataDir: dir("data"),
    claudeConfigDir: dir("claude"),
    codexHome: dir("codex"),
    clientDir: dir("no-client"),
    idleMinutes: 0,
  };
  app = await buildApp({ service, config, accessToken: TEST_TOKEN });
  const address = await listen(app);
  wsUrl = address.wsUrl;
  baseUrl = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  await client?.close();
  await service?.shutdown();
  await app?.close();
  await anthropic?.close();
  await rm(root, { recursive: true, force: true });
});

async function post(path: string, body: object): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${TEST_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

it("streams a Claude Code turn started over REST: the 202 turnId is the turn's, every upsert and the end arrive", async () => {
  const added = await post("/api/projects", { path: projectDir });
  expect(added.status).toBe(201);
  const projectId = (added.body.project as { projectId: string }).projectId;
  const created = await post("/api/session/create", { cliType: "claude-code", projectId });
  expect(created.status).toBe(201);
  const sessionId = created.body.sessionId as string;

  client = await TestClient.connect(wsUrl);
  await client.request({ type: "session:open", sessionId });
  const sent = await post(`/api/session/${sessionId}/send`, { content: "Say hello. scenario:text" });
  expect(sent.status).toBe(202);
  const turnId = sent.body.turnId as string;

  await client.waitFor(
    (m) => m.type === "session:turn" && m.payload.type !== "turn_started" && m.payload.turnId === turnId,
    "the end of the turn",
  );
  const stream: StreamMessage[] = client.stream(sessionId);
  const seqs = stream.map((m) => m.seq);
  expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => (seqs[0] ?? 0) + i));

  const turnEvents = stream.flatMap((m) => (m.type === "session:turn" ? [m.payload] : []));
  expect(turnEvents.map((e) => e.type)).toEqual(["turn_started", "turn_complete"]);
  expect(turnEvents[0]).toMatchObject({ turnId, sessionId, providerId: "claude-code" });
  expect(turnEvents[1]).toMatchObject({ turnId, status: "completed" });

  const upserts = stream.flatMap((m) => (m.type === "session:upsert" ? [m.payload] : []));
  expect(upserts.every((u) => u.turnId === turnId && u.sessionId === sessionId)).toBe(true);
  const user = upserts.find((u) => u.type === "message" && u.origin === "user");
  expect(user && textOf(user)).toContain("Say hello");
  const agentFinal = upserts.filter((u) => u.type === "message" && u.origin === "agent" && u.status === "complete");
  expect(agentFinal.map(textOf)).toEqual(["Hello! I am the local model. This is a plain text answer."]);
});
