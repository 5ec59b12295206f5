// The Session API of CONTRACTS.md section 6 over Fastify inject: routes, bodies, statuses and error bodies.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, injectJson, type TestApp } from "./testing/harness.js";

let t: TestApp;
let projectId: string;

beforeEach(async () => {
  t = await createTestApp();
  projectId = (await t.project("app")).projectId;
});
afterEach(async () => {
  await t.close();
});

const call = (method: "GET" | "POST" | "DELETE", url: string, payload?: unknown) => injectJson(t, method, url, payload);

async function createSession(cliType = "claude-code"): Promise<string> {
  const { status, body } = await call("POST", "/api/session/create", { cliType, projectId });
  expect(status).toBe(201);
  return body.sessionId;
}

describe("POST /api/session/create", () => {
  it("creates a session: 201 with its id and cliType, and it is listed under the project", async () => {
    const { status, body } = await call("POST", "/api/session/create", { cliType: "codex", projectId });
    expect(status).toBe(201);
    expect(body).toEqual({
      sessionId: expect.any(String),
      cliType: "codex",
      workspace: { kind: "folder", path: expect.stringMatching(/\/folders\/app$/) },
    });
    const list = await call("GET", `/api/session/list?projectId=${projectId}`);
    expect(list.body.sessions.map((s: { sessionId: string }) => s.sessionId)).toEqual([body.sessionId]);
  });

  it("passes the permission mode on", async () => {
    const { body } = await call("POST", "/api/session/create", { cliType: "codex", projectId, permissionMode: "plan" });
    expect(t.service.getSession(body.sessionId).permissionMode).toBe("plan");
  });

  it("refuses an unknown cliType with 400 UNSUPPORTED_CLI_TYPE", async () => {
    const { status, body } = await call("POST", "/api/session/create", { cliType: "gemini", projectId });
    expect(status).toBe(400);
    expect(body.code).toBe("UNSUPPORTED_CLI_TYPE");
    expect(body.message).toContain("gemini");
  });

  it("refuses an invalid body with 400 INVALID_REQUEST naming the field", async () => {
    const missing = await call("POST", "/api/session/create", { cliType: "codex" });
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ code: "INVALID_REQUEST", message: expect.stringMatching(/projectId/) });
    const badMode = await call("POST", "/api/session/create", { cliType: "codex", projectId, permissionMode: "yolo" });
    expect(badMode.body.code).toBe("INVALID_REQUEST");
    expect(badMode.body.message).toMatch(/permissionMode/);
  });

  it("answers 404 PROJECT_NOT_FOUND for an unknown project", async () => {
    const { status, body } = await call("POST", "/api/session/create", { cliType: "codex", projectId: "p-nope" });
    expect(status).toBe(404);
    expect(body.code).toBe("PROJECT_NOT_FOUND");
  });

  it("answers 502 with the service's words when the CLI cannot start", async () => {
    t.codex.failNext("createSession", new Error("ENOENT"));
    const { status, body } = await call("POST", "/api/session/create", { cliType: "codex", projectId });
    expect(status).toBe(502);
    expect(body).toEqual({ code: "SESSION_CREATE_FAILED", message: "Could not start Codex: ENOENT" });
  });

  it("answers malformed JSON with 400 INVALID_REQUEST in the { code, message } shape", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/api/session/create",
      headers: { ...t.auth, "content-type": "application/json" },
      payload: '{"cliType": "codex",',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ code: "INVALID_REQUEST", message: expect.stringMatching(/JSON/i) });
  });
});

describe("GET /api/session/list", () => {
  it("lists only the project's sessions", async () => {
    const mine = await createSession();
    const other = (await t.project("other")).projectId;
    await t.session(other);
    const { status, body } = await call("GET", `/api/session/list?projectId=${projectId}`);
    expect(status).toBe(200);
    expect(body.sessions).toEqual([
      expect.objectContaining({ sessionId: mine, cliType: "claude-code", projectId, state: "idle" }),
    ]);
  });

  it("answers 400 PROJECT_ID_REQUIRED without projectId", async () => {
    for (const url of ["/api/session/list", "/api/session/list?projectId="]) {
      const { status, body } = await call("GET", url);
      expect(status).toBe(400);
      expect(body.code).toBe("PROJECT_ID_REQUIRED");
    }
  });
});

describe("session routes by id", () => {
  it("loads a session: 200 { sessionId, cliType }", async () => {
    const sessionId = await createSession("codex");
    expect(await call("POST", `/api/session/${sessionId}/load`)).toEqual({
      status: 200,
      body: { sessionId, cliType: "codex" },
    });
  });

  it("sends: 202 with the service's turnId, which starts the turn on the stream", async () => {
    const sessionId = await createSession();
    const stream = t.script(sessionId).messages;
    const { status, body } = await call("POST", `/api/session/${sessionId}/send`, { content: "Hello" });
    expect(status).toBe(202);
    const started = stream.find((m) => m.payload.type === "turn_started");
    expect(started).toBeDefined();
    expect(body).toEqual({ turnId: started?.payload.turnId });
  });

  it("refuses an empty message with 400 naming content", async () => {
    const sessionId = await createSession();
    const { status, body } = await call("POST", `/api/session/${sessionId}/send`, { content: "  " });
    expect(status).toBe(400);
    expect(body.message).toMatch(/content/);
  });

  it("answers 409 TURN_IN_PROGRESS while a turn runs", async () => {
    const sessionId = await createSession();
    await call("POST", `/api/session/${sessionId}/send`, { content: "first" });
    const { status, body } = await call("POST", `/api/session/${sessionId}/send`, { content: "second" });
    expect(status).toBe(409);
    expect(body.code).toBe("TURN_IN_PROGRESS");
  });

  it("answers 503 PROCESS_CRASH when the CLI process is dead", async () => {
    const sessionId = await createSession();
    // The process dies while it takes the message (a dead one between messages is resumed on send instead).
    t.claude.onSend = (send) => send.provider.crash(send.sessionId);
    const { status, body } = await call("POST", `/api/session/${sessionId}/send`, { content: "hi" });
    expect(status).toBe(503);
    expect(body).toEqual({ code: "PROCESS_CRASH", message: expect.stringContaining("Claude Code stopped") });
  });

  it("cancels the running turn: 200, and the turn ends cancelled", async () => {
    const sessionId = await createSession();
    const stream = t.script(sessionId).messages;
    const sent = await call("POST", `/api/session/${sessionId}/send`, { content: "long job" });
    expect(await call("POST", `/api/session/${sessionId}/cancel`)).toEqual({ status: 200, body: { ok: true } });
    const last = stream.at(-1)?.payload;
    expect(last).toMatchObject({ type: "turn_complete", turnId: sent.body.turnId, status: "cancelled" });
  });

  it("accepts a POST with an empty JSON body", async () => {
    const sessionId = await createSession();
    const response = await t.app.inject({
      method: "POST",
      url: `/api/session/${sessionId}/cancel`,
      headers: { ...t.auth, "content-type": "application/json" },
      payload: "",
    });
    expect(response.statusCode).toBe(200);
  });

  it("kills: 200, then status says dead and not alive", async () => {
    const sessionId = await createSession();
    const killed = await call("POST", `/api/session/${sessionId}/kill`);
    expect(killed.status).toBe(200);
    expect(killed.body.session.state).toBe("dead");
    expect(await call("GET", `/api/session/${sessionId}/status`)).toEqual({
      status: 200,
      body: { sessionId, cliType: "claude-code", isAlive: false, state: "dead" },
    });
  });

  it("reports status of a live session", async () => {
    const sessionId = await createSession();
    const { body } = await call("GET", `/api/session/${sessionId}/status`);
    expect(body).toEqual({ sessionId, cliType: "claude-code", isAlive: true, state: "idle" });
  });

  it("changes the permission mode", async () => {
    const sessionId = await createSession();
    const { status, body } = await call("POST", `/api/session/${sessionId}/permission-mode`, {
      permissionMode: "acceptEdits",
    });
    expect(status).toBe(200);
    expect(body.session.permissionMode).toBe("acceptEdits");
    const bad = await call("POST", `/api/session/${sessionId}/permission-mode`, { permissionMode: "everything" });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/permissionMode/);
  });

  it("renames: 200 with the session; an empty title is 400 INVALID_REQUEST naming the field", async () => {
    const sessionId = await createSession();
    const { status, body } = await call("POST", `/api/session/${sessionId}/rename`, { title: " Deploy script " });
    expect(status).toBe(200);
    expect(body.session).toMatchObject({ sessionId, title: "Deploy script" });
    const bad = await call("POST", `/api/session/${sessionId}/rename`, { title: "  " });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: "INVALID_REQUEST", message: expect.stringMatching(/title/) });
  });

  it("archives: the session leaves the list", async () => {
    const sessionId = await createSession();
    expect(await call("POST", `/api/session/${sessionId}/archive`)).toEqual({ status: 200, body: { ok: true } });
    const list = await call("GET", `/api/session/list?projectId=${projectId}`);
    expect(list.body.sessions).toEqual([]);
  });

  it("lists archived sessions with ?archived=true and unarchives one back into the list", async () => {
    const sessionId = await createSession();
    await call("POST", `/api/session/${sessionId}/archive`);
    const archived = await call("GET", `/api/session/list?projectId=${projectId}&archived=true`);
    expect(archived.body.sessions).toEqual([expect.objectContaining({ sessionId, archived: true })]);
    const back = await call("POST", `/api/session/${sessionId}/unarchive`);
    expect(back).toEqual({
      status: 200,
      body: { ok: true, session: expect.objectContaining({ sessionId, archived: false }) },
    });
    const list = await call("GET", `/api/session/list?projectId=${projectId}&archived=false`);
    expect(list.body.sessions.map((s: { sessionId: string }) => s.sessionId)).toEqual([sessionId]);
    expect((await call("GET", `/api/session/list?projectId=${projectId}&archived=true`)).body.sessions).toEqual([]);
  });

  it("refuses an archived flag other than true / false with 400 INVALID_REQUEST", async () => {
    const response = await call("GET", `/api/session/list?projectId=${projectId}&archived=maybe`);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: "INVALID_REQUEST", message: expect.stringMatching(/archived/) });
  });

  it.each([
    ["POST", "load", undefined],
    ["GET", "status", undefined],
    ["POST", "send", { content: "hi" }],
    ["POST", "cancel", undefined],
    ["POST", "kill", undefined],
    ["POST", "archive", undefined],
    ["POST", "unarchive", undefined],
    ["POST", "permission-mode", { permissionMode: "plan" }],
    ["POST", "rename", { title: "x" }],
  ] as const)("%s /api/session/:id/%s answers 404 SESSION_NOT_FOUND for an unknown id", async (method, route, body) => {
    const response = await call(method, `/api/session/s-unknown/${route}`, body);
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ code: "SESSION_NOT_FOUND", message: expect.stringContaining("s-unknown") });
  });

  it("answers an unexpected failure with 500 INTERNAL_ERROR and a message", async () => {
    const sessionId = await createSession();
    await call("POST", `/api/session/${sessionId}/send`, { content: "long job" });
    t.claude.failNext("cancelTurn", new TypeError("cannot read properties of undefined"));
    const { status, body } = await call("POST", `/api/session/${sessionId}/cancel`);
    expect(status).toBe(500);
    expect(body).toEqual({ code: "INTERNAL_ERROR", message: expect.stringContaining("cannot read properties") });
  });

  it("answers an unknown API route with 404 NOT_FOUND in the error shape", async () => {
    const { status, body } = await call("GET", "/api/nothing-here");
    expect(status).toBe(404);
    expect(body.code).toBe("NOT_FOUND");
  });
});
