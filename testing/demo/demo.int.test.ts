// Demo mode as a user runs it: prints a working URL with the token, keeps its data across restarts, Ctrl+C ends all.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { descendantProcesses } from "../app/processes.js";

const DEMO = fileURLToPath(new URL("./demo.ts", import.meta.url));

let root: string;
const running: ChildProcess[] = [];

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "liminal-demo-test-"));
});

afterEach(async () => {
  for (const child of running.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await rm(root, { recursive: true, force: true });
});

/** Starts `testing/demo/demo.ts` on a free port with its data under `root`; resolves with the printed URL and the output. */
async function startDemo(): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, ["--import", "tsx", DEMO], {
    cwd: fileURLToPath(new URL("../..", import.meta.url)),
    env: {
      ...process.env,
      LIMINAL_DATA_DIR: path.join(root, "data"),
      LIMINAL_PORT: "0",
      HOME: path.join(root, "home"),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.push(child);
  let text = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    text += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    text += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const match = /Open:\s+(http:\/\/\S+)/.exec(text);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on("data", check);
    child.on("exit", (code) => reject(new Error(`demo exited with ${code} before printing its URL:\n${text}`)));
  });
  return { child, url, output: () => text };
}

/** Sends SIGINT and resolves with the exit code. */
function interrupt(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once("exit", (code) => resolve(code));
    child.kill("SIGINT");
  });
}

/**
 * Creates a session in the demo project over the REST API (`POST /api/session/create`, CONTRACTS.md section 6) with
 * the token of the printed URL; expects 201 and resolves with its id and the request headers to reuse.
 */
async function createSession(
  url: string,
  body: { cliType: string; permissionMode?: string },
): Promise<{ sessionId: string; headers: Record<string, string> }> {
  const token = new URL(url).searchParams.get("token") ?? "";
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const list = await fetch(new URL("/api/projects", url), { headers });
  const projectId = ((await list.json()) as { projects: { projectId: string }[] }).projects[0]?.projectId;
  const created = await fetch(new URL("/api/session/create", url), {
    method: "POST",
    headers,
    body: JSON.stringify({ ...body, projectId }),
  });
  expect(created.status).toBe(201);
  const { sessionId } = (await created.json()) as { sessionId: string };
  return { sessionId, headers };
}

/** True while `pid` is a live (not zombie) process. */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

async function projectPaths(url: string): Promise<string[]> {
  const token = new URL(url).searchParams.get("token") ?? "";
  const response = await fetch(new URL("/api/projects", url), { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { projects: { path: string }[] }).projects.map((project) => project.path);
}

describe("npm run demo (testing/demo/demo.ts)", () => {
  it("prints a URL whose token opens the app, lists the seeded demo project, and says what to try", async () => {
    const demo = await startDemo();
    const projectDir = path.join(root, "data", "demo", "project");
    expect(await projectPaths(demo.url)).toEqual([projectDir]);
    expect(existsSync(path.join(projectDir, "README.md"))).toBe(true);
    expect(demo.output()).toMatch(/think, run a command, read\/write\/edit a file, or give a code example/);
    const page = await fetch(demo.url, { redirect: "manual" });
    expect(page.status).toBe(302);
    expect(page.headers.get("set-cookie")).toMatch(/liminal_token=/);
    expect(await interrupt(demo.child)).toBe(0);
  });

  it("keeps its token and its one demo project across a restart", async () => {
    const first = await startDemo();
    const firstToken = new URL(first.url).searchParams.get("token");
    expect(await interrupt(first.child)).toBe(0);

    const second = await startDemo();
    expect(new URL(second.url).searchParams.get("token")).toBe(firstToken);
    expect(await projectPaths(second.url)).toEqual([path.join(root, "data", "demo", "project")]);
    expect(await interrupt(second.child)).toBe(0);
  });

  it("a Claude Code session in bypassPermissions mode writes a file without asking (also as root)", async () => {
    const demo = await startDemo();
    const { sessionId, headers } = await createSession(demo.url, {
      cliType: "claude-code",
      permissionMode: "bypassPermissions",
    });
    const sent = await fetch(new URL(`/api/session/${sessionId}/send`, demo.url), {
      method: "POST",
      headers,
      body: JSON.stringify({ content: "scenario:tool-write" }),
    });
    expect(sent.status).toBe(202);
    const file = path.join(root, "data", "demo", "project", "hello.txt");
    await expect
      .poll(() => existsSync(file), { timeout: 60_000, message: "hello.txt written by Claude Code" })
      .toBe(true);
    expect(readFileSync(file, "utf8")).toBe("Hello from Liminal Builder\n");
    expect(await interrupt(demo.child)).toBe(0);
  });

  it("Ctrl+C ends the CLI process of a running session", async () => {
    const demo = await startDemo();
    await createSession(demo.url, { cliType: "codex" });
    const clis = descendantProcesses(demo.child.pid).filter((info) => info.command.includes("codex-acp"));
    expect(clis.length).toBe(1);

    expect(await interrupt(demo.child)).toBe(0);
    expect(clis.filter((info) => isRunning(info.pid))).toEqual([]);
  });
});
