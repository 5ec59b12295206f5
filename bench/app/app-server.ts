// Our whole server as shipped (`server/main.ts`), started as its own process against the run's stand-ins, with the
// run marker in its environment (inherited by every CLI it starts).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { type AnthropicServer, startAnthropicServer } from "../../testing/anthropic/server.js";
import { writeCodexConfig } from "../../testing/openai/codex-config.js";
import { type OpenAIServer, startOpenAIServer } from "../../testing/openai/server.js";
import type { CheckContext } from "../lib/check.js";
import { type IsolatedDirs, isolatedDirs } from "../lib/cli-env.js";
import type { StandInDelta } from "../lib/delta-recorder.js";
import { type GroupProcess, spawnGroup } from "../lib/spawn.js";

/** The server's world: both stand-ins, isolated CLI folders, a data folder and a project. */
export interface AppSandbox {
  dirs: IsolatedDirs;
  dataDir: string;
  anthropic: AnthropicServer;
  openai: OpenAIServer;
  /** The server's whole environment. */
  env: Record<string, string>;
}

/**
 * Starts both stand-ins (`onDelta` gets every written delta of either), makes isolated folders (the project holds a
 * README.md; CODEX_HOME a config.toml) and the server environment: `LIMINAL_PORT=0`, `LIMINAL_HOST=127.0.0.1`,
 * `LIMINAL_DATA_DIR`, `CLAUDE_CONFIG_DIR`, `CLAUDE_CODE_TMPDIR`, `CODEX_HOME`, `HOME`, the stand-ins' URLs and keys,
 * `CLAUDE_CODE_MAX_RETRIES=0`, `IS_SANDBOX=1`, the run marker, plus `extraEnv`. `project` replaces the project
 * folder (an existing one, e.g. where a recorded history ran). Stand-ins close with the check.
 */
export async function appSandbox(
  ctx: CheckContext,
  options: { onDelta?: (event: StandInDelta) => void; extraEnv?: Record<string, string>; project?: string } = {},
): Promise<AppSandbox> {
  const root = ctx.tmpDir("app");
  const dirs = isolatedDirs(root);
  if (options.project) dirs.project = options.project;
  const dataDir = path.join(root, "data");
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path.join(dirs.project, "README.md"), "# Benchmark project\n");
  const hook = options.onDelta ? { onDelta: options.onDelta } : {};
  const anthropic = await startAnthropicServer(hook);
  ctx.defer(() => anthropic.close());
  const openai = await startOpenAIServer(hook);
  ctx.defer(() => openai.close());
  writeCodexConfig(dirs.codexHome, { baseUrl: openai.baseUrl });
  return {
    dirs,
    dataDir,
    anthropic,
    openai,
    env: {
      PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
      LIMINAL_PORT: "0",
      LIMINAL_HOST: "127.0.0.1",
      LIMINAL_DATA_DIR: dataDir,
      CLAUDE_CONFIG_DIR: dirs.claudeConfigDir,
      CLAUDE_CODE_TMPDIR: dirs.claudeTmp,
      CODEX_HOME: dirs.codexHome,
      HOME: dirs.home,
      ANTHROPIC_BASE_URL: anthropic.url,
      ANTHROPIC_API_KEY: "bench",
      CLAUDE_CODE_MAX_RETRIES: "0",
      IS_SANDBOX: "1",
      LOCAL_MODEL_API_KEY: "bench",
      ...ctx.markerEnv,
      ...options.extraEnv,
    },
  };
}

let built: Promise<void> | undefined;

/**
 * Builds the browser app once per bench run (`npm run build:client`, as `npm start` does), whether or not
 * `dist/client` exists, so a run never measures a stale build of the client.
 */
export function buildClientOnce(repoRoot: string): Promise<void> {
  built ??= new Promise<void>((resolve, reject) => {
    try {
      execFileSync(process.execPath, ["--import", "tsx", path.join(repoRoot, "scripts/build-client.ts")], {
        cwd: repoRoot,
        stdio: "ignore",
      });
      resolve();
    } catch (error) {
      reject(new Error(`npm run build:client failed: ${(error as Error).message}`));
    }
  });
  return built;
}

/** A running server process. */
export interface AppServer {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Opening it in a browser sets the token cookie. */
  urlWithToken: string;
  token: string;
  process: GroupProcess;
  /** The latest lines the server wrote to stdout and stderr (up to ≈ 8 KiB of each), for error messages. */
  logs(): string;
  /**
   * Calls the REST API (CONTRACTS.md section 6) with the token as a Bearer header; resolves with the JSON body.
   * @throws Error with the status and body for a non-2xx answer.
   */
  api<T>(method: "GET" | "POST" | "DELETE", route: string, body?: unknown): Promise<T>;
  /** SIGTERM to the server process only (it must end its CLIs itself); resolves when it has exited. */
  terminate(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /**
   * Ends the server for good: {@link terminate} (so it ends its own CLIs, which are not all in its process group),
   * then SIGKILL to its process group. Safe to call twice.
   */
  stop(): Promise<void>;
}

/**
 * Spawns `node [nodeArgs] --import tsx server/main.ts` in its own process group with `sandbox.env` and waits for the
 * printed `Open:  <url>/?token=<token>` line. `nodeArgs` are Node's own flags for the server process only (e.g.
 * `INSPECT_ARG`), never put in `NODE_OPTIONS`, so no CLI the server starts inherits them. The whole group is killed
 * when the check ends.
 * @throws Error with the server's output when it exits or prints no URL within `timeoutMs` (default 60 s).
 */
export async function startAppServer(
  ctx: CheckContext,
  sandbox: AppSandbox,
  timeoutMs = 60_000,
  nodeArgs: readonly string[] = [],
): Promise<AppServer> {
  const entry = path.join(ctx.repoRoot, "server/main.ts");
  if (!existsSync(entry)) throw new Error("server/main.ts is missing");
  const proc = spawnGroup(process.execPath, [...nodeArgs, "--import", "tsx", entry], {
    cwd: ctx.repoRoot,
    env: sandbox.env,
  });
  let server: AppServer | undefined;
  ctx.defer(() => (server ? server.stop() : proc.stop("SIGKILL")));
  const stdout = proc.child.stdout;
  if (!stdout) throw new Error("the server has no stdout");
  let output = "";
  let timer: NodeJS.Timeout | undefined;
  const urlWithToken = await new Promise<string>((resolve, reject) => {
    createInterface({ input: stdout }).on("line", (line) => {
      output = `${output}${line}\n`.slice(-8192);
      const match = /Open:\s+(\S+)/.exec(line);
      if (match?.[1]) resolve(match[1]);
    });
    proc.exited.then(({ code, signal }) =>
      reject(new Error(`the server exited (${code ?? signal}): ${output}${proc.stderr().slice(-800)}`)),
    );
    timer = setTimeout(
      () => reject(new Error(`the server printed no URL within ${timeoutMs} ms: ${output}`)),
      timeoutMs,
    );
  }).finally(() => clearTimeout(timer));
  const parsed = new URL(urlWithToken);
  const token = parsed.searchParams.get("token") ?? "";
  const url = parsed.origin;
  const terminate = async (waitMs = 15_000) => {
    if (proc.child.exitCode === null && proc.child.signalCode === null) process.kill(proc.pid, "SIGTERM");
    let killer: NodeJS.Timeout | undefined;
    const timeout = new Promise<{ code: null; signal: null }>((resolve) => {
      killer = setTimeout(() => resolve({ code: null, signal: null }), waitMs);
    });
    const result = await Promise.race([proc.exited, timeout]);
    clearTimeout(killer);
    return result;
  };
  server = {
    url,
    urlWithToken,
    token,
    process: proc,
    logs: () => `stdout:\n${output}\nstderr:\n${proc.stderr().slice(-8192)}`,
    async api<T>(method: "GET" | "POST" | "DELETE", route: string, body?: unknown): Promise<T> {
      const response = await fetch(`${url}${route}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${route} → ${response.status} ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
    },
    terminate,
    async stop() {
      await terminate(6000);
      await proc.stop("SIGKILL");
    },
  };
  return server;
}
