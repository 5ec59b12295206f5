// Reads the Linux process table from /proc: pid, parent, group, command line, cwd and chosen environment variables.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { MARKER_ENV } from "./check.js";

/** One process as /proc shows it. Fields that cannot be read (another user's process, a race) are empty. */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** Process group id (`kill(-pgid)` ends the whole group). */
  pgid: number;
  /** One-letter state from /proc/<pid>/stat: R running, S sleeping, Z zombie, … */
  state: string;
  /** The executable name from /proc/<pid>/stat (at most 15 characters). */
  comm: string;
  /** argv; empty for zombies and kernel threads. */
  cmdline: string[];
  /** The working directory, or "" when unreadable. */
  cwd: string;
  /** The environment variables named in `envNames` that the process has (initial environment). */
  env: Record<string, string>;
}

/** Options of {@link listProcesses}. */
export interface ListOptions {
  /** Environment variables to read into `ProcessInfo.env`; default `[MARKER_ENV]`. */
  envNames?: readonly string[];
  /** The /proc mount; default "/proc" (tests may point elsewhere). */
  procRoot?: string;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** Parses /proc/<pid>/stat: the command name sits in parentheses and may itself hold spaces or parentheses. */
export function parseStat(text: string): { comm: string; state: string; ppid: number; pgid: number } | undefined {
  const open = text.indexOf("(");
  const close = text.lastIndexOf(")");
  if (open < 0 || close < open) return undefined;
  const rest = text
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  const [state, ppid, pgid] = rest;
  if (state === undefined || ppid === undefined || pgid === undefined) return undefined;
  return { comm: text.slice(open + 1, close), state, ppid: Number(ppid), pgid: Number(pgid) };
}

/** Parses a NUL-separated /proc/<pid>/environ into the variables named in `names`. */
export function parseEnviron(text: string, names: readonly string[]): Record<string, string> {
  const wanted = new Set(names);
  const env: Record<string, string> = {};
  for (const entry of text.split("\0")) {
    const eq = entry.indexOf("=");
    if (eq <= 0) continue;
    const name = entry.slice(0, eq);
    if (wanted.has(name)) env[name] = entry.slice(eq + 1);
  }
  return env;
}

/** Reads one process, or `undefined` when it is gone. */
export function readProcess(pid: number, options: ListOptions = {}): ProcessInfo | undefined {
  const root = options.procRoot ?? "/proc";
  const stat = readText(`${root}/${pid}/stat`);
  const parsed = stat === undefined ? undefined : parseStat(stat);
  if (!parsed) return undefined;
  let cwd = "";
  try {
    cwd = readlinkSync(`${root}/${pid}/cwd`);
  } catch {
    // Unreadable (permissions) or gone: keep "".
  }
  const cmdline = (readText(`${root}/${pid}/cmdline`) ?? "").split("\0").filter((arg) => arg !== "");
  const environ = readText(`${root}/${pid}/environ`) ?? "";
  return { pid, ...parsed, cmdline, cwd, env: parseEnviron(environ, options.envNames ?? [MARKER_ENV]) };
}

/** Every process currently in the table (a snapshot; processes may end while it is read). Linux only. */
export function listProcesses(options: ListOptions = {}): ProcessInfo[] {
  const root = options.procRoot ?? "/proc";
  const processes: ProcessInfo[] = [];
  for (const entry of readdirSync(root)) {
    if (!/^\d+$/.test(entry)) continue;
    const info = readProcess(Number(entry), options);
    if (info) processes.push(info);
  }
  return processes;
}

/**
 * Environment variables that point into a run's temp folders: a CLI that rebuilds its environment (the Claude Agent
 * SDK's `env` option replaces it) still carries these, so a process is recognised even without the marker variable.
 */
export const RUN_PATH_ENV = ["HOME", "CLAUDE_CONFIG_DIR", "CODEX_HOME", "CLAUDE_CODE_TMPDIR", "LIMINAL_DATA_DIR"];

/** True when `info` belongs to bench run `marker` (see {@link findOrphans}). */
export function belongsToRun(info: ProcessInfo, marker: string): boolean {
  if (info.env[MARKER_ENV] === marker) return true;
  if (RUN_PATH_ENV.some((name) => info.env[name]?.includes(marker))) return true;
  return info.cwd.includes(marker) || info.cmdline.some((arg) => arg.includes(marker));
}

/**
 * The live (non-zombie) processes that belong to bench run `marker`: those whose environment has
 * `LIMINAL_BENCH_RUN=<marker>`, or whose cwd, command line or one of {@link RUN_PATH_ENV} contains the marker (the
 * run's temp folders are named after it). The calling process and `excludePids` are left out. After everything of
 * the run was ended, any process returned here is an orphan (issue 8, check 5).
 * @throws RangeError for a marker shorter than 6 characters (it would match unrelated processes).
 */
export function findOrphans(
  marker: string,
  options: ListOptions & { excludePids?: readonly number[] } = {},
): ProcessInfo[] {
  if (marker.length < 6) throw new RangeError(`Marker "${marker}" is too short to identify a run`);
  const exclude = new Set([process.pid, ...(options.excludePids ?? [])]);
  const envNames = [...new Set([MARKER_ENV, ...RUN_PATH_ENV, ...(options.envNames ?? [])])];
  return listProcesses({ ...options, envNames }).filter(
    (info) => !exclude.has(info.pid) && info.state !== "Z" && belongsToRun(info, marker),
  );
}

/** A short description for messages: `pid 123 (pgid 120) node server.js … [cwd /tmp/…]`. */
export function describeProcess(info: ProcessInfo): string {
  const command = info.cmdline.join(" ").slice(0, 160) || `[${info.comm}]`;
  return `pid ${info.pid} (ppid ${info.ppid}, pgid ${info.pgid}) ${command}${info.cwd ? ` [cwd ${info.cwd}]` : ""}`;
}

/**
 * Parses the `VmRSS:` line of /proc/<pid>/status (`VmRSS:   123456 kB`) into KiB; `undefined` when absent (a zombie
 * or kernel thread has none).
 */
export function parseRssKiB(statusText: string): number | undefined {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(statusText);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** The resident set size of `pid` in KiB (VmRSS), or `undefined` when it is gone or has none. */
export function readRssKiB(pid: number, procRoot = "/proc"): number | undefined {
  const text = readText(`${procRoot}/${pid}/status`);
  return text === undefined ? undefined : parseRssKiB(text);
}

/**
 * `rootPid` and every live (non-zombie) descendant of it now, found by parent pid (so also children that left its
 * process group, e.g. the detached Claude Code processes of our server), root first, then breadth first. Only the
 * members are read in full ({@link readProcess}); the rest of the table is read for its parent pids alone. Empty when
 * `rootPid` is gone.
 */
export function processTree(rootPid: number, options: ListOptions = {}): ProcessInfo[] {
  const root = options.procRoot ?? "/proc";
  const children = new Map<number, number[]>();
  for (const entry of readdirSync(root)) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readText(`${root}/${entry}/stat`);
    const parsed = stat === undefined ? undefined : parseStat(stat);
    if (!parsed || parsed.state === "Z") continue;
    children.set(parsed.ppid, [...(children.get(parsed.ppid) ?? []), Number(entry)]);
  }
  const tree: ProcessInfo[] = [];
  const queue = [rootPid];
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    const info = readProcess(pid, options);
    if (!info || info.state === "Z") continue;
    tree.push(info);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** Clock ticks per second of the times in /proc/<pid>/stat (`USER_HZ`, 100 on Linux). */
export const CLOCK_TICKS_PER_SECOND = 100;

/**
 * The CPU time a process has used, user plus system (fields 14 and 15 of /proc/<pid>/stat), in seconds; `undefined`
 * for an unparseable line.
 */
export function parseCpuSeconds(statText: string): number | undefined {
  const close = statText.lastIndexOf(")");
  if (close < 0) return undefined;
  const fields = statText
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  const user = Number(fields[11]);
  const system = Number(fields[12]);
  return Number.isFinite(user) && Number.isFinite(system) ? (user + system) / CLOCK_TICKS_PER_SECOND : undefined;
}

/** The CPU time `pid` has used so far in seconds (see {@link parseCpuSeconds}), or `undefined` when it is gone. */
export function readCpuSeconds(pid: number, procRoot = "/proc"): number | undefined {
  const text = readText(`${procRoot}/${pid}/stat`);
  return text === undefined ? undefined : parseCpuSeconds(text);
}
