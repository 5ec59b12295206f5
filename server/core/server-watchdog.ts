// What this server starts carries its owner mark; a small watchdog ends all of it when the server dies without cleanup.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { within } from "../../shared/util/index.js";
import { findProcessesByEnv, waitUntilGone } from "./proc-scan.js";

/**
 * Environment variable carried by every process the server starts (CLIs, agents, terminal shells) and inherited by
 * everything those start: the owning server as `<pid>:<start time>` (`/proc/<pid>/stat` field 22, clock ticks since
 * boot), so a reused pid is never mistaken for it.
 */
export const SERVER_OWNER_ENV = "LIMINAL_SERVER_OWNER";

let cachedMark: string | undefined;

/** This server's owner mark, `<pid>:<start time>` (`<pid>:` where `/proc` is missing); read once. */
export function serverOwnerMark(): string {
  if (cachedMark) return cachedMark;
  let started = "";
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    started = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? "";
  } catch {
    // no /proc: the pid alone
  }
  cachedMark = `${process.pid}:${started}`;
  return cachedMark;
}

/**
 * The watchdog, in POSIX sh (no second Node, ~1 MB): waits while the server (`$1`) lives, checking every second, then
 * SIGKILLs every process whose environment holds exactly `$2` (`LIMINAL_SERVER_OWNER=<mark>`) and exits.
 */
const WATCHDOG_SCRIPT = `
while kill -0 "$1" 2>/dev/null; do sleep 1; done
for environ in /proc/[0-9]*/environ; do
  if tr '\\000' '\\n' < "$environ" 2>/dev/null | grep -qxF "$2"; then
    pid=\${environ#/proc/}
    kill -9 "\${pid%/environ}" 2>/dev/null
  fi
done
`;

/** A running watchdog; `stop()` ends it and resolves once it is gone (at most 1 s): the server stopped cleanly. */
export interface ServerWatchdog {
  stop(): Promise<void>;
}

/**
 * Starts the watchdog of this server: a detached `sh` (its own process group, so a Ctrl+C to the server's group does
 * not end it) that, once this process is gone — also after SIGKILL, which leaves no chance to clean up — kills every
 * process carrying {@link SERVER_OWNER_ENV} with this server's mark, within about a second. Linux only (reads /proc);
 * elsewhere, or when `sh` cannot start, it returns a watchdog that does nothing.
 */
export function startServerWatchdog(mark: string = serverOwnerMark()): ServerWatchdog {
  const none: ServerWatchdog = { stop: async () => undefined };
  if (process.platform !== "linux") return none;
  let child: ChildProcess | undefined;
  try {
    child = spawn(
      "sh",
      ["-c", WATCHDOG_SCRIPT, "liminal-watchdog", String(process.pid), `${SERVER_OWNER_ENV}=${mark}`],
      {
        detached: true,
        stdio: "ignore",
      },
    );
    child.on("error", () => undefined);
    child.unref();
  } catch {
    return none;
  }
  const watchdog = child;
  const exited = new Promise<void>((resolve) => watchdog.once("exit", () => resolve()));
  return {
    stop: async () => {
      if (watchdog.exitCode !== null || watchdog.signalCode !== null) return;
      // Its group: the `sh` and the `sleep` it waits in.
      try {
        if (watchdog.pid !== undefined) process.kill(-watchdog.pid, "SIGKILL");
      } catch {
        watchdog.kill("SIGKILL");
      }
      await within(exited, 1000);
    },
  };
}

/**
 * The last step of a clean stop: SIGKILL whatever still carries this server's owner mark after every session and
 * terminal was ended (an agent that missed its end in a race, a tool it started), and wait up to `timeoutMs` for them
 * to be gone. Returns the command lines of what it had to end (for the log); `[]` where `/proc` is missing.
 */
export async function endLeftoverProcesses(mark: string = serverOwnerMark(), timeoutMs = 2000): Promise<string[]> {
  const left = await findProcessesByEnv(SERVER_OWNER_ENV, mark);
  for (const entry of left) {
    try {
      process.kill(entry.pid, "SIGKILL");
    } catch {
      // ended meanwhile
    }
  }
  await waitUntilGone(
    left.map((entry) => entry.pid),
    timeoutMs,
  );
  return left.map((entry) => entry.args);
}
