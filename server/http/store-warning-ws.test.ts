// A store problem found at start (projects.json unreadable, moved aside) reaches every browser that connects later.
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { createTestApp, listen, type TestApp, TestClient } from "./testing/harness.js";

let t: TestApp | undefined;
let client: TestClient | undefined;
afterEach(async () => {
  await client?.close();
  await t?.close();
});

it("sends a browser that connects after start the store problems found at start, as STORE_ERROR", async () => {
  t = await createTestApp({ dataFiles: { "projects.json": "{ truncated" } });
  const { wsUrl } = await listen(t.app);
  client = await TestClient.connect(wsUrl);
  const warning = await client.waitFor((m) => m.type === "error" && m.code === "STORE_ERROR", "STORE_ERROR");
  expect(warning.type === "error" && warning.message).toMatch(
    new RegExp(`projects\\.json was unreadable .*moved to ${join(t.dataDir, "projects.json.corrupt-")}`),
  );
});

it("sends nothing of the kind when the stores are sound", async () => {
  t = await createTestApp();
  const { wsUrl } = await listen(t.app);
  client = await TestClient.connect(wsUrl);
  await client.request({ type: "project:list" });
  expect(client.messages.filter((m) => m.type === "error")).toEqual([]);
});
