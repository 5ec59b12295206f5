// Requests Fastify's router refuses (bad percent-encoding, an over-long path segment) get the API's own error shape.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createTestApp, TEST_TOKEN, type TestApp } from "./testing/harness.js";

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe("malformed request paths", () => {
  it.each([
    ["a malformed percent-encoding", "/api/session/%E0%A4%A/status", 400],
    ["a lone %", `/api/session/%/status?token=${TEST_TOKEN}`, 400],
    ["a path segment over the router's limit", `/api/session/${"x".repeat(200)}/status`, 414],
  ])("answers %s with { code: INVALID_REQUEST, message } and does not echo the URL", async (_what, url, status) => {
    t = await createTestApp();
    for (const headers of [{ authorization: `Bearer ${TEST_TOKEN}` }, {}]) {
      const response = await t.app.inject({ method: "GET", url, headers });
      expect(response.statusCode).toBe(status);
      const body = response.json() as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(["code", "message"]);
      expect(body.code).toBe("INVALID_REQUEST");
      expect(response.body).not.toContain(TEST_TOKEN);
      expect(response.body).not.toContain("/api/session/");
    }
  });
});

describe("static files", () => {
  it.each(["/%00", "/index.html%00.js"])("refuses %s with 403 { code: FORBIDDEN, message }", async (url) => {
    const clientDir = await mkdtemp(join(tmpdir(), "liminal-static-"));
    await writeFile(join(clientDir, "index.html"), "<p>app</p>");
    try {
      t = await createTestApp({ clientDir });
      const response = await t.app.inject({ method: "GET", url, headers: t.auth });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toEqual({ code: "FORBIDDEN", message: "This path is not served" });
    } finally {
      await rm(clientDir, { recursive: true, force: true });
    }
  });
});
