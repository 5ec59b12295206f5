// Access control: token (header, cookie, query), the cookie hand-off at `/`, Host and Origin checks, WS upgrades.
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { loadOrCreateAccessToken } from "./access-token.js";
import { createTestApp, listen, TEST_TOKEN, type TestApp, TestClient } from "./testing/harness.js";

let t: TestApp | undefined;
const temps: string[] = [];

afterEach(async () => {
  await t?.close();
  t = undefined;
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "liminal-access-"));
  temps.push(dir);
  return dir;
}

/** The status, body and code of a refused WebSocket upgrade. */
async function refusedUpgrade(url: string, headers: Record<string, string>) {
  const socket = new WebSocket(url, { headers });
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    socket.on("open", () => reject(new Error("the upgrade was accepted")));
    socket.on("error", () => {});
    socket.on("unexpected-response", (_request, response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => {
        body += chunk.toString();
      });
      response.on("end", () => {
        socket.terminate();
        resolve({ status: response.statusCode ?? 0, body });
      });
    });
  });
}

describe("the access token on /api", () => {
  it("refuses a call without a token with 401 UNAUTHORIZED", async () => {
    t = await createTestApp();
    const response = await t.app.inject({ method: "GET", url: "/api/projects" });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ code: "UNAUTHORIZED", message: expect.stringContaining("missing") });
  });

  it("refuses a wrong token with 401 UNAUTHORIZED saying it is wrong", async () => {
    t = await createTestApp();
    const response = await t.app.inject({
      method: "GET",
      url: "/api/health",
      headers: { authorization: `Bearer ${"b".repeat(64)}` },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ code: "UNAUTHORIZED", message: expect.stringContaining("wrong") });
  });

  it.each([
    ["bearer header", { headers: { authorization: `Bearer ${TEST_TOKEN}` } }],
    ["cookie", { headers: { cookie: `theme=dark; liminal_token=${TEST_TOKEN}` } }],
    ["query", { query: { token: TEST_TOKEN } }],
  ])("accepts the token as a %s", async (_how, options) => {
    t = await createTestApp();
    const response = await t.app.inject({ method: "GET", url: "/api/projects", ...options });
    expect(response.statusCode).toBe(200);
  });
});

describe("the Host and Origin checks", () => {
  it("refuses a foreign Host (DNS rebinding) with 403 FORBIDDEN even with the right token", async () => {
    t = await createTestApp();
    const response = await t.app.inject({
      method: "GET",
      url: "/api/projects",
      headers: { ...t.auth, host: "evil.example:3000" },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toEqual({ code: "FORBIDDEN", message: expect.stringContaining("evil.example") });
  });

  it.each(["localhost:3000", "127.0.0.1:3000", "[::1]:3000", "localhost"])("accepts Host %s", async (host) => {
    t = await createTestApp();
    const response = await t.app.inject({ method: "GET", url: "/api/projects", headers: { ...t.auth, host } });
    expect(response.statusCode).toBe(200);
  });

  it("accepts the configured non-loopback host", async () => {
    t = await createTestApp({ host: "192.168.1.20" });
    const headers = { ...t.auth, host: "192.168.1.20:3000" };
    expect((await t.app.inject({ method: "GET", url: "/api/projects", headers })).statusCode).toBe(200);
  });

  it("refuses an API call from a foreign Origin with 403", async () => {
    t = await createTestApp();
    const response = await t.app.inject({
      method: "POST",
      url: "/api/projects",
      headers: { ...t.auth, host: "127.0.0.1:3000", origin: "https://evil.example" },
      payload: { path: "/x" },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe("FORBIDDEN");
  });
});

describe("WebSocket upgrades", () => {
  it("accepts an upgrade with the token and no Origin (a non-browser client)", async () => {
    t = await createTestApp();
    const { wsUrl } = await listen(t.app);
    const client = await TestClient.connect(wsUrl);
    expect(await client.request({ type: "project:list" })).toMatchObject({ type: "project:list", projects: [] });
    await client.close();
  });

  it("accepts an upgrade from the app's own origin, on either loopback name", async () => {
    t = await createTestApp();
    const { wsUrl, port } = await listen(t.app);
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
      const client = await TestClient.connect(wsUrl, { cookie: `liminal_token=${TEST_TOKEN}`, origin });
      await client.close();
    }
  });

  it("refuses an upgrade without a token with 401 UNAUTHORIZED", async () => {
    t = await createTestApp();
    const { wsUrl } = await listen(t.app);
    const refused = await refusedUpgrade(wsUrl, {});
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.body).code).toBe("UNAUTHORIZED");
  });

  it("refuses an upgrade with a wrong token", async () => {
    t = await createTestApp();
    const { wsUrl } = await listen(t.app);
    expect((await refusedUpgrade(`${wsUrl}?token=${"c".repeat(64)}`, {})).status).toBe(401);
  });

  it("refuses an upgrade from a foreign Origin, or the right host on another port, with 403 FORBIDDEN", async () => {
    t = await createTestApp();
    const { wsUrl, port } = await listen(t.app);
    for (const origin of ["https://evil.example", `http://localhost:${port + 1}`, "null"]) {
      const refused = await refusedUpgrade(wsUrl, { authorization: `Bearer ${TEST_TOKEN}`, origin });
      expect(refused.status).toBe(403);
      expect(JSON.parse(refused.body)).toEqual({ code: "FORBIDDEN", message: expect.stringContaining("Origin") });
    }
  });
});

describe("the page at / and the cookie hand-off", () => {
  it("sets an HttpOnly SameSite=Strict cookie for a valid ?token= and redirects to / without it", async () => {
    t = await createTestApp();
    const response = await t.app.inject({ method: "GET", url: `/?token=${TEST_TOKEN}` });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe("/");
    const cookie = String(response.headers["set-cookie"]);
    expect(cookie).toContain(`liminal_token=${TEST_TOKEN}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const followed = await t.app.inject({ method: "GET", url: "/", headers: { cookie } });
    expect(followed.statusCode).toBe(503);
    expect(followed.body).toContain("npm run build:client");
  });

  it("answers / without a token with a 401 page saying to open the printed URL", async () => {
    t = await createTestApp();
    const response = await t.app.inject({ method: "GET", url: "/" });
    expect(response.statusCode).toBe(401);
    expect(response.headers["content-type"]).toMatch(/text\/html/);
    expect(response.body).toContain("printed");
    const wrong = await t.app.inject({ method: "GET", url: `/?token=${"d".repeat(64)}` });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers["set-cookie"]).toBeUndefined();
  });

  it("serves the built client with the cookie, and refuses its assets without it", async () => {
    const clientDir = await tempDir();
    await writeFile(join(clientDir, "index.html"), "<!doctype html><title>Liminal</title>");
    await mkdir(join(clientDir, "assets"));
    await writeFile(join(clientDir, "assets", "app.js"), "console.log('app');");
    t = await createTestApp({ clientDir });
    const cookie = `liminal_token=${TEST_TOKEN}`;
    const index = await t.app.inject({ method: "GET", url: "/", headers: { cookie } });
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain("<title>Liminal</title>");
    const asset = await t.app.inject({ method: "GET", url: "/assets/app.js", headers: { cookie } });
    expect(asset.body).toContain("console.log");
    expect((await t.app.inject({ method: "GET", url: "/assets/app.js" })).statusCode).toBe(401);
  });
});

describe("the stored access token", () => {
  it("is created on first start with mode 0600 and reused afterwards", async () => {
    const dataDir = join(await tempDir(), "nested", "data");
    const token = await loadOrCreateAccessToken(dataDir);
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect((await stat(join(dataDir, "access-token"))).mode & 0o777).toBe(0o600);
    expect(await loadOrCreateAccessToken(dataDir)).toBe(token);
    expect((await readFile(join(dataDir, "access-token"), "utf8")).trim()).toBe(token);
  });

  it("replaces a file that does not hold a valid token", async () => {
    const dataDir = await tempDir();
    await writeFile(join(dataDir, "access-token"), "hunter2\n", { mode: 0o644 });
    const token = await loadOrCreateAccessToken(dataDir);
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect((await stat(join(dataDir, "access-token"))).mode & 0o777).toBe(0o600);
  });
});
