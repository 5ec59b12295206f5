// Ties every codex-acp process to the server that started it, so none outlives a server that died without cleanup.
import { readdirSync, readFileSync } from "node:fs";

/**
 * Environment variable carried by every codex-acp process we start (and inherited by its tools): the owning server
 * as `<pid>:<start time>` (`/proc/<pid>/stat` field 22, clock ticks since boot), so a reused pid is not mistaken
 * for the owner.
 */
export const AGENT_OWNER_ENV = "LIMINAL_CODEX_OWNER";

/** The start time of `pid` in clock ticks since boot (Linux `/proc/<pid>/stat` field 22), or undefined. */
function startTime(pid: number | "self", procDir: string): string | undefined {
  try {
    const stat = readFileSync(`${procDir}/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: fields after it start past the last ")".
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

/** This server's owner marker, `<pid>:<start time>` (`<pid>:` where `/proc` is missing). */
export function ownerMarker(procDir = "/proc"): string {
  return `${process.pid}:${startTime("self", procDir) ?? ""}`;
}

/** True while the process that `marker` names is running (same pid and start time). */
function ownerAlive(marker: string, procDir: string): boolean {
  const [pidText, started] = marker.split(":");
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (!started) {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
  return startTime(pid, procDir) === started;
}

/**
 * Ends the codex-acp process groups (and any tool process) left running by a server that is gone: every process
 * whose environment carries {@link AGENT_OWNER_ENV} naming a server that no longer runs gets SIGKILL, to its process
 * group when it leads one. Called when a Codex provider starts; a server killed with SIGKILL cannot clean up itself,
 * and codex-acp does not exit when its stdin closes. Linux only (reads `/proc`); elsewhere it does nothing.
 * @returns the pids signalled.
 */
export function reapOrphanedAgents(procDir = "/proc"): number[] {
  let entries: string[];
  try {
    entries = readdirSync(procDir);
  } catch {
    return [];
  }
  const prefix = `${AGENT_OWNER_ENV}=`;
  const reaped: number[] = [];
  for (const entry of entries) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    let environ: string;
    try {
      environ = readFileSync(`${procDir}/${pid}/environ`, "latin1");
    } catch {
      continue;
    }
    const marker = environ
      .split("\0")
      .find((line) => line.startsWith(prefix))
      ?.slice(prefix.length);
    if (marker === undefined || ownerAlive(marker, procDir)) continue;
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        continue;
      }
    }
    reaped.push(pid);
  }
  return reaped;
}

const liveGroups = new Set<number>();
let exitHookInstalled = false;

/**
 * Remembers a running agent's process group so that, if this server exits (normally, `process.exit`, or an
 * uncaught exception), the group gets SIGKILL synchronously on the `exit` event. Returns the forget function to call
 * once the agent has ended.
 */
export function killGroupOnExit(pid: number): () => void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on("exit", () => {
      for (const group of liveGroups) {
        try {
          process.kill(-group, "SIGKILL");
        } catch {
          // already gone
        }
      }
    });
  }
  liveGroups.add(pid);
  return () => liveGroups.delete(pid);
}
