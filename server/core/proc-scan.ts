// Finds live processes by an environment entry through /proc (Linux): a CLI, a shell, and every child they started.
import { readdir, readFile } from "node:fs/promises";

/** One live process: pid, parent pid and command line (arguments joined by spaces). */
export interface ProcessEntry {
  pid: number;
  ppid: number;
  args: string;
}

/**
 * Every live, non-zombie process whose environment holds exactly `name=value`. Processes started by a CLI inherit
 * its environment, so this finds tool children even after they left the CLI's process group or lost their parent.
 * Returns `[]` where `/proc` does not exist (macOS, Windows).
 */
export async function findProcessesByEnv(name: string, value: string): Promise<ProcessEntry[]> {
  const needle = `\0${name}=${value}\0`;
  let names: string[];
  try {
    names = await readdir("/proc");
  } catch {
    return [];
  }
  const found: ProcessEntry[] = [];
  for (const pid of names) {
    if (!/^\d+$/.test(pid) || Number(pid) === process.pid) continue;
    try {
      const environ = await readFile(`/proc/${pid}/environ`, "utf8");
      if (!`\0${environ}\0`.includes(needle)) continue;
      const stat = await readFile(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (fields[0] === "Z") continue;
      const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8");
      found.push({ pid: Number(pid), ppid: Number(fields[1]), args: cmdline.split("\0").join(" ").trim() });
    } catch {
      // the process ended while we looked, or is not ours to read
    }
  }
  return found;
}

/** How often {@link waitUntilGone} looks at `/proc` again, in ms. */
const GONE_POLL_MS = 5;

/**
 * Waits until none of `pids` is alive any more (no `/proc/<pid>`, or a zombie: killed, not yet reaped), looking every
 * 5 ms for at most `timeoutMs`. A signalled process does not vanish at once (the kernel still has to run its exit),
 * and no event announces the end of a process that is not our child, so this polls with a deadline. Returns the pids
 * still alive at the deadline (`[]` when all are gone).
 */
export async function waitUntilGone(pids: readonly number[], timeoutMs: number): Promise<number[]> {
  const deadline = performance.now() + timeoutMs;
  let alive = [...pids];
  for (;;) {
    const states = await Promise.all(alive.map((pid) => isAlive(pid)));
    alive = alive.filter((_, index) => states[index]);
    if (alive.length === 0 || performance.now() >= deadline) return alive;
    await new Promise((resolve) => setTimeout(resolve, GONE_POLL_MS));
  }
}

async function isAlive(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}
