// The project routes and /api/health over Fastify inject: bodies, statuses and error codes.
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./testing/harness.js";

let t: TestApp;

beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

async function call(method: "GET" | "POST" | "DELETE", url: string, payload?: object) {
  const response = await t.app.inject({ method, url, headers: t.auth, ...(payload ? { payload } : {}) });
  return { status: response.statusCode, body: response.json() };
}

describe("project routes", () => {
  it("adds a project (201), lists it, removes it (200), and the list is empty again", async () => {
    const path = await t.folder("app");
    const added = await call("POST", "/api/projects", { path });
    expect(added.status).toBe(201);
    expect(added.body.project).toMatchObject({ path, name: "app" });
    const { projectId } = added.body.project;
    expect((await call("GET", "/api/projects")).body).toEqual({ projects: [added.body.project] });
    expect(await call("DELETE", `/api/projects/${projectId}`)).toEqual({ status: 200, body: { projectId } });
    expect((await call("GET", "/api/projects")).body).toEqual({ projects: [] });
  });

  it("refuses a bad path with 400 INVALID_PATH", async () => {
    const { status, body } = await call("POST", "/api/projects", { path: "relative/folder" });
    expect(status).toBe(400);
    expect(body).toEqual({ code: "INVALID_PATH", message: expect.stringContaining("relative/folder") });
  });

  it("refuses a body without path with 400 INVALID_REQUEST naming path", async () => {
    const { status, body } = await call("POST", "/api/projects", { folder: "/x" });
    expect(status).toBe(400);
    expect(body.code).toBe("INVALID_REQUEST");
    expect(body.message).toMatch(/path/);
  });

  it("refuses a duplicate with 409 DUPLICATE_PROJECT", async () => {
    const path = await t.folder("app");
    await call("POST", "/api/projects", { path });
    const { status, body } = await call("POST", "/api/projects", { path });
    expect(status).toBe(409);
    expect(body.code).toBe("DUPLICATE_PROJECT");
  });

  it("answers removing an unknown project with 404 PROJECT_NOT_FOUND", async () => {
    const { status, body } = await call("DELETE", "/api/projects/p-nope");
    expect(status).toBe(404);
    expect(body.code).toBe("PROJECT_NOT_FOUND");
  });

  it("answers listing sessions of an unknown project with 404 PROJECT_NOT_FOUND", async () => {
    const { status, body } = await call("GET", "/api/session/list?projectId=p-nope");
    expect(status).toBe(404);
    expect(body.code).toBe("PROJECT_NOT_FOUND");
  });
});

describe("GET /api/health", () => {
  it("reports ok, the package version and the uptime", async () => {
    const { status, body } = await call("GET", "/api/health");
    expect(status).toBe(200);
    expect(body).toEqual({
      status: "ok",
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      uptimeMs: expect.any(Number),
    });
    expect(body.uptimeMs).toBeGreaterThanOrEqual(0);
  });

  it("adds the store warnings when a store file was corrupt", async () => {
    await t.close();
    t = await createTestApp({ dataFiles: { "projects.json": "{ not json" } });
    const { body } = await call("GET", "/api/health");
    expect(body.status).toBe("ok");
    expect(body.warnings).toEqual([expect.stringContaining(join(t.dataDir, "projects.json.corrupt-"))]);
    expect(body.storeErrors).toHaveLength(1);
  });
});
