// Requests Fastify's router refuses (bad percent-encoding, an over-long path segment) get the API's own error shape.
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
