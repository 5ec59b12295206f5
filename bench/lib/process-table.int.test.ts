// Integration tests against the real /proc: a spawned child is read with its parent, group, cwd and marker; a leaked
// detached child is reported by findOrphans and the orphan check until it is ended.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { MARKER_ENV, type Threshold } from "./check.js";
import { leakViolations, remainingAfter } from "./orphans.js";
import {
  findOrphans,
  type ProcessInfo,
  parseCpuSeconds,
  parseEnviron,
  parseRssKiB,
  parseStat,
  processTree,
  readCpuSeconds,
  readProcess,
  readRssKiB,
} from "./process-table.js";
import { evaluate } from "./threshold.js";
import { waitFor } from "./timing.js";

const started: ChildProcess[] = [];
const folders: string[] = [];

afterEach(async () => {
  for (const child of started.splice(0)) {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
      await exited;
    }
  }
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function marker(): string {
  return `lbtest-${Math.random().toString(16).slice(2, 10)}`;
}

/** A `sleep` child with the marker in its environment; `detached` puts it in its own process group. */
function sleeper(runMarker: string, options: { detached: boolean; cwd?: string; env?: Record<string, string> }) {
  const child = spawn("sleep", ["30"], {
    detached: options.detached,
    stdio: "ignore",
    cwd: options.cwd ?? os.tmpdir(),
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", [MARKER_ENV]: runMarker, ...options.env },
  });
  started.push(child);
  if (child.pid === undefined) throw new Error("spawn failed");
  return child as ChildProcess & { pid: number };
}

describe("readProcess", () => {
  it("reads a spawned child's parent, group, command line, cwd and marker variable", async () => {
    const runMarker = marker();
    const cwd = mkdtempSync(path.join(os.tmpdir(), "lb-proc-"));
    folders.push(cwd);
    const child = sleeper(runMarker, { detached: true, cwd });
    const info = await waitFor("the child in /proc", () => {
      const read = readProcess(child.pid);
      return read?.cmdline[0] === "sleep" ? read : undefined;
    });
    expect(info).toMatchObject({ pid: child.pid, ppid: process.pid, pgid: child.pid, cmdline: ["sleep", "30"], cwd });
    expect(info.env[MARKER_ENV]).toBe(runMarker);
  });

  it("says nothing of a process that is gone", () => {
    expect(readProcess(2 ** 22 + 7)).toBeUndefined();
  });
});

describe("findOrphans", () => {
  it("finds only the processes of its run: by marker variable, or by a run folder in HOME", async () => {
    const runMarker = marker();
    const byMarker = sleeper(runMarker, { detached: true });
    const byHome = sleeper("", { detached: true, env: { HOME: path.join(os.tmpdir(), `x-${runMarker}`) } });
    const other = sleeper(marker(), { detached: true });
    const found = await waitFor("both children", () => {
      const pids = findOrphans(runMarker).map((info) => info.pid);
      return pids.length === 2 ? pids : undefined;
    });
    expect(found.sort()).toEqual([byMarker.pid, byHome.pid].sort());
    expect(found).not.toContain(other.pid);
  });

  it("reports a leaked detached child until it is killed, and the orphan threshold fails on it", async () => {
    const runMarker = marker();
    const leaked = sleeper(runMarker, { detached: true });
    const remaining = await remainingAfter(runMarker, { graceMs: 300 });
    expect(remaining.map((info) => info.pid)).toEqual([leaked.pid]);
    const noneLeft: Threshold = { kind: "absolute", stat: "max", op: "<=", limit: 0 };
    const verdict = evaluate(noneLeft, { subject: [remaining.length], violations: leakViolations(remaining) }, "count");
    expect(verdict.status).toBe("fail");
    expect(verdict.reason).toContain(`pid ${leaked.pid}`);

    const exited = new Promise((resolve) => leaked.once("exit", resolve));
    process.kill(-leaked.pid, "SIGKILL");
    await exited;
    expect(await remainingAfter(runMarker, { graceMs: 2000 })).toEqual([]);
  });

  it("refuses a marker too short to identify a run", () => {
    expect(() => findOrphans("lb")).toThrow(RangeError);
  });
});

describe("processTree and readRssKiB", () => {
  it("finds a detached grandchild through its parent and reads resident sizes", async () => {
    const runMarker = marker();
    // A shell (its own group) whose child sleeps in a group of its own too: found by parent pid, not by group.
    const shell = spawn("sh", ["-c", "setsid sleep 30 & wait"], {
      detached: true,
      stdio: "ignore",
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", [MARKER_ENV]: runMarker },
    });
    started.push(shell);
    const shellPid = shell.pid as number;
    const tree = await waitFor("the shell and its sleep", () => {
      const found = processTree(shellPid);
      return found.some((info) => info.cmdline[0] === "sleep") ? found : undefined;
    });
    const sleep = tree.find((info) => info.cmdline[0] === "sleep") as ProcessInfo;
    try {
      expect(tree[0]?.pid).toBe(shellPid);
      expect(sleep.ppid).toBe(shellPid);
      expect(sleep.pgid).not.toBe(shellPid);
      expect(readRssKiB(shellPid)).toBeGreaterThan(0);
      expect(readCpuSeconds(process.pid)).toBeGreaterThan(0);
      expect(processTree(2 ** 22 + 7)).toEqual([]);
      expect(readRssKiB(2 ** 22 + 7)).toBeUndefined();
    } finally {
      // The sleep left the shell's group, so afterEach's group kill would miss it: end it by pid.
      process.kill(sleep.pid, "SIGKILL");
    }
  });
});

describe("parsers", () => {
  it("reads VmRSS in KiB from a status text", () => {
    expect(parseRssKiB("Name:\tnode\nVmHWM:\t  2048 kB\nVmRSS:\t  1536 kB\nThreads:\t7\n")).toBe(1536);
    expect(parseRssKiB("Name:\tkthreadd\nThreads:\t1\n")).toBeUndefined();
  });

  it("reads user + system CPU time in seconds from a stat line", () => {
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime …
    expect(parseCpuSeconds("42 (a) b) S 1 40 40 0 -1 4194560 10 0 0 0 250 125 0 0 20 0 1")).toBe(3.75);
    expect(parseCpuSeconds("garbage")).toBeUndefined();
  });

  it("parses a stat line whose command name holds spaces and parentheses", () => {
    expect(parseStat("42 (my (odd) cmd) S 1 40 40 0 -1")).toEqual({
      comm: "my (odd) cmd",
      state: "S",
      ppid: 1,
      pgid: 40,
    });
  });

  it("keeps only the named variables of an environ block", () => {
    expect(parseEnviron("A=1\0B=x=y\0C=3\0", ["B", "C", "D"])).toEqual({ B: "x=y", C: "3" });
  });
});
