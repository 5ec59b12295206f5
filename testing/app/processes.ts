// Process facts for stacks and their tests: which processes descend from this one (Linux /proc).
import { readdirSync, readFileSync } from "node:fs";

/** One running process: id, parent id, and its command line (arguments joined by spaces). */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  command: string;
}

/**
 * Every live process whose ancestry leads to `rootPid` (default: this process), read from `/proc`. Zombies are left
 * out (they have exited). Returns [] where `/proc` does not exist.
 */
export function descendantProcesses(rootPid: number = process.pid): ProcessInfo[] {
  let entries: string[];
  try {
    entries = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  const all: ProcessInfo[] = [];
  for (const name of entries) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // Fields after the command (which may hold spaces and parentheses): state ppid …
      const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (rest[0] === "Z") continue;
      const command = readFileSync(`/proc/${name}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
      all.push({ pid: Number(name), ppid: Number(rest[1]), command });
    } catch {
      // The process ended while we looked.
    }
  }
  const found: ProcessInfo[] = [];
  const parents = new Set([rootPid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const info of all) {
      if (!parents.has(info.pid) && parents.has(info.ppid)) {
        parents.add(info.pid);
        found.push(info);
        grew = true;
      }
    }
  }
  return found;
}

/** The descendants that are CLI processes (Claude Code or codex-acp), by their command line. */
export function cliProcesses(rootPid: number = process.pid): ProcessInfo[] {
  return descendantProcesses(rootPid).filter((info) => /claude|codex-acp/i.test(info.command));
}
