// `npm start` as a user runs it: prints a working URL with the token, keeps the token, SIGTERM ends every CLI process.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, expect, it } from "vitest";
import { descendantProcesses, type ProcessInfo } from "../testing/app/processes.js";
import { writeCodexConfig } from "../testing/openai/codex-config.js";
import { findProcessesByEnv } from "./core/index.js";
import { TestClient } from "./http/testing/harness.js";
import { TerminalTestClient } from "./http/testing/terminal-client.js";

const MAIN = fileURLToPath(new URL("./main.ts", import.meta.url));

let root: string;
const running: ChildProcess[] = [];

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "liminal-main-test-"));
});
afterEach(async () => {
  for (const child of running.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
  // What a failed test left (the server, its CLIs, its terminals' shells) carries one of the test's folders.
  const left = [
    ...(await findProcessesByEnv("HOME", path.join(root, "home"))),
    ...(await findProcessesByEnv("LIMINAL_DATA_DIR", path.join(root, "data"))),
  ];
  for (const entry of left) killQuietly(entry.pid);
  await rm(root, { recursive: true, force: true });
});

/**
 * Runs `server/main.ts` (or, with `npm`, `npm start` in a process group of its own, as a process manager does) with
 * every folder under `root`; `url` resolves with the printed URL.
 */
function startMain(extraEnv: Record<string, string> = {}, options: { npm?: boolean } = {}) {
  const [command, args] = options.npm ? ["npm", ["start"]] : [process.execPath, ["--import", "tsx", MAIN]];
  const child = spawn(command, args, {
    cwd: fileURLToPath(new URL("..", import.meta.url)),
    detached: options.npm === true,
    env: {
      ...process.env,
      HOME: path.join(root, "home"),
      LIMINAL_DATA_DIR: path.join(root, "data"),
      CLAUDE_CONFIG_DIR: path.join(root, "claude"),
      CLAUDE_CODE_TMPDIR: path.join(root, "claude-tmp"),
      CODEX_HOME: path.join(root, "codex"),
      LIMINAL_PORT: "0",
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.push(child);
  let text = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      text += chunk.toString();
      const match = /Open:\s+(http:\/\/\S+)/.exec(text);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    void exited.then((code) => reject(new Error(`exited with ${code} before printing its URL:\n${text}`)));
  });
  url.catch(() => undefined); // a run expected to fail never reads `url`
  return { child, url, exited, output: () => text };
}

const isClaudeCli = (info: ProcessInfo) => /claude-agent-sdk-linux-x64\/claude\b/.test(info.command);

/** The processes under `pid` once one of them is the Claude Code CLI (polls /proc with `expect.poll`; fails after 30 s). */
async function cliRunningUnder(pid: number): Promise<ProcessInfo[]> {
  let found: ProcessInfo[] = [];
  await expect
    .poll(
      () => {
        found = descendantProcesses(pid);
        return found.some(isClaudeCli);
      },
      { timeout: 30_000, interval: 100, message: `a Claude Code process under ${pid}` },
    )
    .toBe(true);
  return found;
}

function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

it("prints a URL whose token opens the API, reuses the token on restart, and SIGTERM ends every CLI process", async () => {
  const first = startMain();
  const url = new URL(await first.url);
  expect(url.hostname).toBe("127.0.0.1");
  const token = url.searchParams.get("token") ?? "";
  expect(token).toMatch(/^[0-9a-f]{64}$/);

  const health = await fetch(new URL("/api/health", url), { headers: { authorization: `Bearer ${token}` } });
  expect(health.status).toBe(200);
  expect(await health.json()).toMatchObject({ status: "ok" });
  expect((await fetch(new URL("/api/health", url))).status).toBe(401);
  const page = await fetch(url, { redirect: "manual" });
  expect(page.status).toBe(302);
  expect(page.headers.get("set-cookie")).toContain(`liminal_token=${token}`);

  // The warm-start spare is a real Claude Code process: wait for it, so the check below covers a live CLI.
  const children = await cliRunningUnder(first.child.pid ?? 0);
  expect(children.some(isClaudeCli)).toBe(true);
  first.child.kill("SIGTERM");
  expect(await first.exited).toBe(0);
  expect(first.output()).toContain("SIGTERM: stopping");
  expect(children.filter((info) => isRunning(info.pid))).toEqual([]);

  const second = startMain();
  expect(new URL(await second.url).searchParams.get("token")).toBe(token);
  second.child.kill("SIGINT");
  expect(await second.exited).toBe(0);
});

it("SIGTERM ends every terminal's shell and all it started, also processes in their own session", async () => {
  const run = startMain();
  const url = new URL(await run.url);
  const headers = { authorization: `Bearer ${url.searchParams.get("token")}` };
  const api = async (route: string, body: object) => {
    const response = await fetch(new URL(route, url), {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return (await response.json()) as Record<string, unknown>;
  };
  await mkdir(path.join(root, "project"), { recursive: true });
  const { project } = (await api("/api/projects", { path: path.join(root, "project") })) as {
    project: { projectId: string };
  };
  const { sessionId } = await api("/api/session/create", { cliType: "claude-code", projectId: project.projectId });
  const ws = await TestClient.connect(`ws://${url.host}/ws`, headers);
  const created = await ws.request({ type: "terminal:create", sessionId });
  if (created.type !== "terminal:created") throw new Error(JSON.stringify(created));
  const { terminalId } = created.terminal;
  const terminal = await TerminalTestClient.connect(Number(url.port), terminalId, { headers });
  terminal.type("setsid sleep 1007 & sleep 1008 & echo jobs-$((2+3))");
  await terminal.waitForOutput(/jobs-5\r?\n/);
  await expect
    .poll(async () => (await findProcessesByEnv("LIMINAL_TERMINAL_ID", terminalId)).length, { timeout: 5000 })
    .toBeGreaterThanOrEqual(3);

  run.child.kill("SIGTERM");
  expect(await run.exited).toBe(0);
  expect(await findProcessesByEnv("LIMINAL_TERMINAL_ID", terminalId)).toEqual([]);
  await terminal.close();
  await ws.close();
});

it("after a SIGKILL of the server, its watchdog ends the agents, CLIs and terminal shells it left within seconds", async () => {
  // codex-acp starts only with a provider configured (no request is made: nothing is sent to the session).
  writeCodexConfig(path.join(root, "codex"), { baseUrl: "http://127.0.0.1:9/v1" });
  const run = startMain({ LOCAL_MODEL_API_KEY: "unused" });
  const url = new URL(await run.url);
  const headers = { authorization: `Bearer ${url.searchParams.get("token")}` };
  const post = async (route: string, body: object) =>
    (await (
      await fetch(new URL(route, url), {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify(body),
      })
    ).json()) as Record<string, unknown>;
  await mkdir(path.join(root, "project"), { recursive: true });
  const { project } = (await post("/api/projects", { path: path.join(root, "project") })) as {
    project: { projectId: string };
  };
  const codex = await post("/api/session/create", { cliType: "codex", projectId: project.projectId });
  expect(codex).toMatchObject({ cliType: "codex" });
  const { sessionId } = await post("/api/session/create", { cliType: "claude-code", projectId: project.projectId });
  const ws = await TestClient.connect(`ws://${url.host}/ws`, headers);
  const created = await ws.request({ type: "terminal:create", sessionId });
  if (created.type !== "terminal:created") throw new Error(JSON.stringify(created));
  const terminal = await TerminalTestClient.connect(Number(url.port), created.terminal.terminalId, { headers });
  terminal.type("setsid sleep 1009 & nohup sleep 1010 >/dev/null 2>&1 & echo left-$((3+4))");
  await terminal.waitForOutput(/left-7\r?\n/);
  const mark = ownerOf(run.child.pid ?? 0);
  const owned = () => findProcessesByEnv("LIMINAL_SERVER_OWNER", mark);
  const left = async () => {
    const args = (await owned()).map((p) => p.args);
    return { agent: args.some((a) => /codex-acp/.test(a)), shellJob: args.includes("sleep 1009") };
  };
  await expect.poll(left, { timeout: 20_000 }).toEqual({ agent: true, shellJob: true });

  run.child.kill("SIGKILL");
  await run.exited;
  await expect.poll(async () => (await owned()).map((p) => p.args), { timeout: 10_000 }).toEqual([]);
  await terminal.close();
  await ws.close();
});

it.each(["SIGTERM", "SIGINT"] as const)(
  "%s to the npm start process alone (as a process manager sends it) stops the server and all it started",
  async (signal) => {
    const run = startMain({ LIMINAL_CLAUDE_WARM_START: "0" }, { npm: true });
    await run.url;
    const dataDir = path.join(root, "data");
    expect((await findProcessesByEnv("LIMINAL_DATA_DIR", dataDir)).length).toBeGreaterThan(0);
    run.child.kill(signal);
    await run.exited;
    await expect
      .poll(async () => (await findProcessesByEnv("LIMINAL_DATA_DIR", dataDir)).map((p) => p.args), { timeout: 10_000 })
      .toEqual([]);
    expect(run.output()).toContain(`${signal}: stopping`);
  },
);

it("one Ctrl+C reaching the server twice at once (terminal and relay) still stops it gracefully", async () => {
  const run = startMain({ LIMINAL_CLAUDE_WARM_START: "0" });
  await run.url;
  run.child.kill("SIGINT");
  run.child.kill("SIGINT");
  expect(await run.exited).toBe(0);
  expect(run.output()).toContain("SIGINT: stopping");
  expect(run.output()).not.toContain("Stopping immediately");
});

it("refuses to start with an unusable port, saying which setting is wrong", async () => {
  const run = startMain({ LIMINAL_PORT: "http" });
  expect(await run.exited).toBe(1);
  expect(run.output()).toMatch(/could not start: LIMINAL_PORT must be a whole number/);
});

it("refuses to start when the access-token file is a folder, with a sentence naming it and no stack trace", async () => {
  await mkdir(path.join(root, "data", "access-token"), { recursive: true });
  const run = startMain();
  expect(await run.exited).toBe(1);
  const output = run.output();
  expect(output).toContain(
    `could not start: ${path.join(root, "data", "access-token")} is a folder where a file belongs: fix or move it aside`,
  );
  expect(output).not.toMatch(/^\s+at /m);
});

/** SIGKILL, ignoring a process that already ended. */
function killQuietly(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // already gone
  }
}

/** The owner mark (`LIMINAL_SERVER_OWNER`) of the server process `pid`: `<pid>:<start time in clock ticks>`. */
function ownerOf(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return `${pid}:${stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]}`;
}
