// Integration test against the real /proc: a busy child's CPU time and memory are counted under its role.
import { type ChildProcess, spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { readCpuSeconds } from "./process-table.js";
import { waitFor } from "./timing.js";
import { watchTree } from "./tree-usage.js";

const started: ChildProcess[] = [];

afterEach(async () => {
  for (const child of started.splice(0)) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  }
});

describe("watchTree", () => {
  it("counts the CPU a child uses while watched and reads its memory", async () => {
    // After a line on stdin, busy until it has used 300 ms more of CPU (however loaded the machine), then idle.
    const child = spawn(
      process.execPath,
      [
        "-e",
        "process.stdin.once('data', () => { const t = process.cpuUsage().user; while (process.cpuUsage().user - t < 3e5); });",
      ],
      { stdio: ["pipe", "ignore", "ignore"] },
    );
    started.push(child);
    const pid = child.pid as number;
    await waitFor("the child in /proc", () => readCpuSeconds(pid) !== undefined);
    const watch = watchTree(pid, 20);
    const before = readCpuSeconds(pid) as number;
    child.stdin?.write("go\n");
    await waitFor("300 ms of CPU", () => (readCpuSeconds(pid) as number) - before >= 0.25, { timeoutMs: 20_000 });
    const usage = watch.stop();
    expect(usage.cpuSeconds.server).toBeGreaterThanOrEqual(0.25);
    expect(usage.cpuSeconds.claude).toBe(0);
    expect(usage.peak.processes.map((p) => [p.pid, p.role])).toEqual([[pid, "server"]]);
    expect(usage.peak.totalKiB).toBeGreaterThan(10_000);
  });
});
