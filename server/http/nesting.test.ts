// A message nested absurdly deep (issue 18 §4: 16 MiB of `[` froze every session for 12 s) is refused before parsing.
import { afterEach, expect, it } from "vitest";
import { createTestApp, listen, type TestApp, TestClient } from "./testing/harness.js";

let t: TestApp | undefined;
let client: TestClient | undefined;
afterEach(async () => {
  await client?.close();
  await t?.close();
  t = undefined;
  client = undefined;
});

const nested = (levels: number) => `${"[".repeat(levels)}${"]".repeat(levels)}`;

it("answers a 16 MB frame of nested brackets on /ws with INVALID_REQUEST, and the socket keeps working", async () => {
  t = await createTestApp();
  const { wsUrl } = await listen(t.app);
  client = await TestClient.connect(wsUrl);
  client.send(nested(8_000_000));
  const refused = await client.waitFor((m) => m.type === "error", "the refusal");
  expect(refused).toMatchObject({ type: "error", code: "INVALID_REQUEST" });
  expect(refused.type === "error" && refused.message).toContain("nested deeper than 64 levels");
  expect(await client.request({ type: "project:list" })).toMatchObject({ type: "project:list", projects: [] });
});

it("answers a deeply nested REST body with 400 INVALID_REQUEST", async () => {
  t = await createTestApp();
  const response = await t.app.inject({
    method: "POST",
    url: "/api/projects",
    headers: { ...t.auth, "content-type": "application/json" },
    payload: nested(2_500_000),
  });
  expect(response.statusCode).toBe(400);
  expect(response.json()).toMatchObject({ code: "INVALID_REQUEST", message: expect.stringContaining("nested deeper") });
});
