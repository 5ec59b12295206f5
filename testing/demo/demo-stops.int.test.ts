// Stopping the demo as users and process managers do, 20 times, with a Claude Code and a Codex session mid-turn:
// each time every process it started is gone (issue 18 §3).
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, expect, it } from "vitest";
import { findProcessesByEnv } from "../../server/core/index.js";

/** Inherited by the demo and everything it starts: how this test finds them in the process table. */
const MARK_VAR = "DEMO_STOP_TEST_RUN";

let root: string;
let mark: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "liminal-demo-stop-"));
  mark = randomUUID();
});
afterEach(async () => {
  for (const entry of await findProcessesByEnv(MARK_VAR, mark)) {
    try {
      process.kill(entry.pid, "SIGKILL");
    } catch {
      // gone already
    }
  }
  await rm(root, { recursive: true, force: true });
});

type Stop = "SIGINT to the group (Ctrl+C)" | "SIGINT to the npm process" | "SIGTERM to the npm process";
const STOPS: Stop[] = ["SIGINT to the group (Ctrl+C)", "SIGINT to the npm process", "SIGTERM to the npm process"];

/** `npm run demo` in a process group of its own (as a terminal or a process manager runs it); resolves with its URL. */
async function startDemo(): Promise<{ child: ChildProcess; url: URL; exited: Promise<void>; output: () => string }> {
  const child = spawn("npm", ["run", "demo"], {
    cwd: fileURLToPath(new URL("../..", import.meta.url)),
    env: {
      ...process.env,
      LIMINAL_DATA_DIR: path.join(root, "data"),
      LIMINAL_PORT: "0",
      HOME: path.join(root, "home"),
      [MARK_VAR]: mark,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let text = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await new Promise<URL>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      text += chunk.toString();
      const match = /Open:\s+(http:\/\/\S+)/.exec(text);
      if (match?.[1]) resolve(new URL(match[1]));
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    void exited.then(() => reject(new Error(`the demo exited before printing its URL:\n${text}`)));
  });
  return { child, url, exited, output: () => text };
}

/** Starts a session of `cliType` in the demo project and sends it a slow turn; resolves once the turn runs. */
async function sessionMidTurn(url: URL, cliType: "claude-code" | "codex"): Promise<void> {
  const headers = { authorization: `Bearer ${url.searchParams.get("token")}`, "content-type": "application/json" };
  const api = async (method: string, route: string, body?: object) => {
    const response = await fetch(new URL(route, url), {
      method,
      headers,
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return (await response.json()) as Record<string, unknown>;
  };
  const { projects } = (await api("GET", "/api/projects")) as { projects: { projectId: string }[] };
  const { sessionId } = await api("POST", "/api/session/create", { cliType, projectId: projects[0]?.projectId });
  await api("POST", `/api/session/${sessionId}/send`, { content: "Tell me a long story. scenario:slow pace:200" });
  await expect
    .poll(async () => (await api("GET", `/api/session/${sessionId}/status`)).state, { timeout: 20_000 })
    .toBe("running");
}

it.each(Array.from({ length: 20 }, (_, round) => [round + 1, STOPS[round % STOPS.length] as Stop] as const))(
  "stop %i (%s) with both CLIs mid-turn leaves no process behind",
  async (_round, stop) => {
    const run = await startDemo();
    await Promise.all([sessionMidTurn(run.url, "claude-code"), sessionMidTurn(run.url, "codex")]);
    const before = await findProcessesByEnv(MARK_VAR, mark);
    expect(before.some((p) => /codex-acp/.test(p.args))).toBe(true);
    expect(before.some((p) => /claude-agent-sdk/.test(p.args))).toBe(true);

    const pid = run.child.pid ?? 0;
    if (stop === "SIGINT to the group (Ctrl+C)") process.kill(-pid, "SIGINT");
    else run.child.kill(stop === "SIGINT to the npm process" ? "SIGINT" : "SIGTERM");
    await run.exited;
    await expect
      .poll(async () => (await findProcessesByEnv(MARK_VAR, mark)).map((p) => `${p.pid} ${p.args}`), {
        timeout: 3000,
        message: "processes left after the demo stopped",
      })
      .toEqual([]);
    expect(run.output()).not.toContain("Stopping immediately");
  },
);
