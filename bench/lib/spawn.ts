// Spawning CLI processes in their own process group and ending the whole group (nothing of a sample survives it).
import { type ChildProcess, type SpawnOptions, spawn } from "node:child_process";
import { listProcesses } from "./process-table.js";

/** A spawned process group. `stop()` ends every process in it. */
export interface GroupProcess {
  child: ChildProcess;
  /** The leader's pid (= the process group id). */
  pid: number;
  /** Resolves with the exit code / signal when the leader exits. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** What the process wrote to stderr so far (for error messages): the latest 64 KiB. */
  stderr(): string;
  /**
   * Sends `signal` (default SIGTERM) to the whole group, then SIGKILL to the group after `graceMs` (default 3000) if
   * the leader has not exited. Once it has, the group is SIGKILLed once more so children that ignored SIGTERM go
   * too, and `stop` resolves when no live process of the group is left in /proc (at most 2 s more). Safe to call
   * twice.
   */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** Resolves when no live (non-zombie) process of group `pgid` is left, or after `timeoutMs`. */
async function groupGone(pgid: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (listProcesses({ envNames: [] }).some((info) => info.pgid === pgid && info.state !== "Z")) {
    if (Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Spawns `command` detached (its own process group) with piped stdio. `env` replaces the environment entirely:
 * pass PATH and the run's marker yourself.
 * @throws Error when the process cannot be spawned (no pid).
 */
export function spawnGroup(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: Record<string, string>; stdio?: SpawnOptions["stdio"] },
): GroupProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: options.stdio ?? ["pipe", "pipe", "pipe"],
  });
  if (child.pid === undefined) throw new Error(`Could not spawn ${command}`);
  const pid = child.pid;
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-65_536);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
    child.once("error", () => resolve({ code: null, signal: null }));
  });
  let stopping: Promise<void> | undefined;
  return {
    child,
    pid,
    exited,
    stderr: () => stderr,
    stop(signal = "SIGTERM", graceMs = 3000) {
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          killGroup(pid, signal);
          const timer = setTimeout(() => killGroup(pid, "SIGKILL"), graceMs);
          await exited;
          clearTimeout(timer);
        }
        killGroup(pid, "SIGKILL");
        await groupGone(pid, 2000);
      })();
      return stopping;
    },
  };
}
