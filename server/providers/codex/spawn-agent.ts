// Starts the codex-acp binary as its own process group and ends it (and every child it started) with signals.
import { spawn } from "node:child_process";
import { Readable, Writable } from "node:stream";
import { within } from "../../../shared/util/index.js";
import type { ProcessExitInfo } from "../provider.js";
import { killGroupOnExit } from "./agent-owner.js";
import type { LaunchPlan } from "./executable.js";

/**
 * A running ACP agent as the provider sees it: byte streams to and from it (newline-delimited JSON-RPC), a promise
 * of its end, and a way to end it. The real one is a codex-acp process; unit tests pass an in-process fake through
 * `CodexProviderConfig.spawnAgent`.
 */
export interface AgentChannel {
  /** The agent's stdin. */
  stdin: WritableStream<Uint8Array>;
  /** The agent's stdout. */
  stdout: ReadableStream<Uint8Array>;
  /** Resolves once when the agent has ended, however it ended (never rejects). */
  exited: Promise<ProcessExitInfo>;
  /** Ends the agent for good; resolves when it is gone. Idempotent. */
  kill(): Promise<void>;
  /** The process id, when the agent is a process. */
  pid?: number;
}

/** Starts one agent whose working directory is `cwd` (the project folder). */
export type SpawnAgent = (cwd: string) => AgentChannel;

const STDERR_TAIL = 4000;

function describeExit(code: number | null, signal: string | null, stderr: string): string {
  const how = signal ? `signal ${signal}` : `exit code ${code}`;
  const lastLine = stderr
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .at(-1);
  return `codex-acp exited (${how})${lastLine ? `: ${lastLine}` : ""}`;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    if (process.platform === "win32") process.kill(pid, signal);
    else process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

/**
 * Spawns `plan.executable` with `cwd` as its working directory (Codex's Linux sandbox root follows the process's
 * cwd), `detached: true` so it leads its own process group. `kill()` sends SIGTERM to the whole group (codex-acp does
 * not exit when stdin closes), then SIGKILL to the group after `killGraceMs` (default 2000 ms) or as soon as the
 * leader is gone, so no tool child outlives it. Until it ends, this server's exit (normal, `process.exit`, uncaught
 * exception) SIGKILLs the group (`killGroupOnExit`). A spawn failure (missing binary) resolves `exited` with its message.
 */
export function spawnCodexAcp(plan: LaunchPlan, cwd: string, killGraceMs = 2000): AgentChannel {
  const child = spawn(plan.executable, plan.args, {
    cwd,
    env: plan.env,
    detached: true,
    stdio: ["pipe", "pipe", "pipe"],
  });
  const forgetGroup = child.pid === undefined ? undefined : killGroupOnExit(child.pid);
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-STDERR_TAIL);
  });
  child.stdin.on("error", () => undefined);
  const exited = new Promise<ProcessExitInfo>((resolve) => {
    child.once("error", (error) => {
      if (child.pid === undefined) resolve({ exitCode: null, signal: null, message: error.message });
    });
    child.once("exit", (code, signal) => {
      forgetGroup?.();
      // Let the last stderr lines arrive (they can trail the exit event), but never wait on a pipe a child holds open.
      const settle = () => resolve({ exitCode: code, signal, message: describeExit(code, signal, stderr) });
      if (child.stderr.closed) return settle();
      const timer = setTimeout(settle, 200);
      child.stderr.once("close", () => {
        clearTimeout(timer);
        settle();
      });
    });
  });
  let killing: Promise<void> | undefined;
  const kill = (): Promise<void> => {
    killing ??= (async () => {
      const pid = child.pid;
      if (pid === undefined) return;
      if (child.exitCode === null && child.signalCode === null) signalGroup(pid, "SIGTERM");
      await within(exited, killGraceMs);
      signalGroup(pid, "SIGKILL");
      await exited;
    })();
    return killing;
  };
  return {
    stdin: Writable.toWeb(child.stdin) as WritableStream<Uint8Array>,
    stdout: Readable.toWeb(child.stdout) as ReadableStream<Uint8Array>,
    exited,
    kill,
    ...(child.pid !== undefined ? { pid: child.pid } : {}),
  };
}
