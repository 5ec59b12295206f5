// Resident memory and CPU time of a process and its descendants (our server and the CLIs it started), from /proc.
import path from "node:path";
import { type ProcessInfo, processTree, readCpuSeconds, readRssKiB } from "./process-table.js";

/** What a process of our server's tree is: the server itself, a Claude Code CLI, a codex-acp, or anything else. */
export type ProcessRole = "server" | "claude" | "codex-acp" | "other";

/** One member of a server's process tree. */
export interface TreeMember {
  pid: number;
  role: ProcessRole;
  /** The program's file name (argv[0] without its folder), or the kernel's command name. */
  command: string;
}

/** One process of a {@link TreeMemory} reading. */
export interface ProcessMemory extends TreeMember {
  /** VmRSS in KiB. */
  rssKiB: number;
}

/** One reading of a process tree's resident memory. */
export interface TreeMemory {
  /** Sum of every member's VmRSS, KiB (shared pages count once per process, as `ps` shows them). */
  totalKiB: number;
  /** Each member, root first. */
  processes: ProcessMemory[];
}

/** What {@link watchTree} measured between its start and `stop()`. */
export interface TreeUsage {
  /** The reading with the highest total. */
  peak: TreeMemory;
  /** CPU seconds (user + system) used meanwhile, summed by role (processes that ended meanwhile are missed). */
  cpuSeconds: Record<ProcessRole, number>;
}

/**
 * The role of `info` in the tree rooted at `rootPid`: the root is the server; a program named `claude` (the Claude
 * Code binary the Claude Agent SDK ships) or run from a `claude-agent-sdk` package is Claude Code; one named
 * `codex-acp` is codex-acp.
 */
export function processRole(info: ProcessInfo, rootPid: number): ProcessRole {
  if (info.pid === rootPid) return "server";
  const name = path.basename(info.cmdline[0] ?? "") || info.comm;
  if (name === "codex-acp") return "codex-acp";
  if (name === "claude" || info.cmdline.some((arg) => arg.includes("claude-agent-sdk"))) return "claude";
  return "other";
}

/** `rootPid` and its live descendants now (see `processTree`), with their roles. */
export function treeMembers(rootPid: number): TreeMember[] {
  return processTree(rootPid).map((info) => ({
    pid: info.pid,
    role: processRole(info, rootPid),
    command: path.basename(info.cmdline[0] ?? "") || info.comm,
  }));
}

/** The VmRSS of each of `members` that is still there, and their sum. */
export function readMemory(members: readonly TreeMember[]): TreeMemory {
  const processes: ProcessMemory[] = [];
  for (const member of members) {
    const rssKiB = readRssKiB(member.pid);
    if (rssKiB !== undefined) processes.push({ ...member, rssKiB });
  }
  return { totalKiB: processes.reduce((sum, p) => sum + p.rssKiB, 0), processes };
}

/** A running {@link watchTree}. */
export interface TreeWatch {
  /** Stops sampling; the peak includes a reading taken now, on the tree as it is now. */
  stop(): TreeUsage;
}

/**
 * Watches the tree of `rootPid`: samples its resident memory every `intervalMs` (default 250) and counts the CPU time
 * its processes use until `stop()`. The members are found at the start (reading the whole table takes
 * milliseconds; each sample then reads only the members' /proc/<pid>/status) and again at `stop()`; a process that
 * appeared meanwhile counts all its CPU time. Memory has no event to await, hence the interval.
 */
export function watchTree(rootPid: number, intervalMs = 250): TreeWatch {
  const members = treeMembers(rootPid);
  const cpuAtStart = new Map(members.map((member) => [member.pid, readCpuSeconds(member.pid) ?? 0]));
  let peak = readMemory(members);
  const timer = setInterval(() => {
    const reading = readMemory(members);
    if (reading.totalKiB > peak.totalKiB) peak = reading;
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      const now = treeMembers(rootPid);
      const cpuSeconds: Record<ProcessRole, number> = { server: 0, claude: 0, "codex-acp": 0, other: 0 };
      for (const member of now) {
        const used = (readCpuSeconds(member.pid) ?? 0) - (cpuAtStart.get(member.pid) ?? 0);
        cpuSeconds[member.role] += Math.max(0, used);
      }
      const last = readMemory(now);
      return { peak: last.totalKiB > peak.totalKiB ? last : peak, cpuSeconds };
    },
  };
}
