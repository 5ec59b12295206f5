// The orphan check's core: after a run's processes were told to stop, which of them are still alive?
import { describeProcess, findOrphans, listProcesses, type ProcessInfo } from "./process-table.js";
import { epochNow } from "./timing.js";

/**
 * Polls the process table (every 100 ms) until no process of run `marker` is alive or `graceMs` (default 10 s,
 * covering the Claude SDK's close: stdin close, 2 s, SIGTERM, 5 s, SIGKILL) has passed. Returns the processes still
 * alive at the end: empty means nothing leaked.
 */
export async function remainingAfter(
  marker: string,
  options: { graceMs?: number; excludePids?: readonly number[] } = {},
): Promise<ProcessInfo[]> {
  const deadline = epochNow() + (options.graceMs ?? 10_000);
  for (;;) {
    const alive = findOrphans(marker, { excludePids: options.excludePids ?? [] });
    if (alive.length === 0 || epochNow() >= deadline) return alive;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** SIGKILLs each listed process (leftovers found by the orphan check, so the next check starts clean). */
export function killLeftovers(processes: readonly ProcessInfo[]): void {
  for (const info of processes) {
    try {
      process.kill(info.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
}

/** One violation line per leaked process, for `CheckSamples.violations`. */
export function leakViolations(processes: readonly ProcessInfo[]): string[] {
  return processes.map((info) => `leaked ${describeProcess(info)}`);
}

/**
 * Ends the processes a baseline left behind in its isolated HOME (e.g. the `bash -lc` shell snapshot codex-acp runs
 * in its own process group, which outlives a SIGTERMed codex-acp): waits up to `graceMs` (default 2 s) for every
 * live process whose HOME is `home` to exit, then SIGKILLs the rest. Returns how many had to be killed.
 */
export async function endProcessesWithHome(home: string, graceMs = 2000): Promise<number> {
  const deadline = epochNow() + graceMs;
  for (;;) {
    const left = listProcesses({ envNames: ["HOME"] }).filter(
      (info) => info.pid !== process.pid && info.state !== "Z" && info.env.HOME === home,
    );
    if (left.length === 0) return 0;
    if (epochNow() >= deadline) {
      killLeftovers(left);
      return left.length;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
