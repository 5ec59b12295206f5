// Runs registered checks one after another: context, skip detection, timeout, cleanup, evaluation.
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Check, type CheckContext, type CheckResult, MARKER_ENV, SkipError } from "./check.js";
import { killLeftovers, remainingAfter } from "./orphans.js";
import { describeProcess, findOrphans } from "./process-table.js";
import { describeThreshold, evaluate } from "./threshold.js";
import { epochNow } from "./timing.js";

/** How a run is set up (from the command line). */
export interface RunOptions {
  quick: boolean;
  /** Overrides every check's n (for development, e.g. `--n 3`). */
  n?: number;
  /** Identifies the run; defaults to a fresh {@link newRunId}. */
  runId?: string;
  repoRoot: string;
  /** Progress output (stderr by default). */
  log?: (message: string) => void;
}

/** A fresh run id such as `lbrun-3f9a1c2e`: long enough to match no unrelated process, safe in paths. */
export function newRunId(): string {
  return `lbrun-${randomBytes(4).toString("hex")}`;
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000;

/** Cleanups of the check that is running now; `runPendingCleanups` runs them on Ctrl-C. */
const pending: (() => unknown)[] = [];

/** Runs (last first) and forgets every cleanup registered by the running check. Never throws. */
export async function runPendingCleanups(): Promise<void> {
  while (pending.length > 0) {
    const cleanup = pending.pop();
    try {
      await cleanup?.();
    } catch {
      // A failing cleanup must not hide the others.
    }
  }
}

/** The declared part of a result; `status` starts as `error` until an evaluation says otherwise. */
function baseResult(check: Check, n: number): CheckResult {
  return {
    name: check.name,
    measures: check.measures,
    unit: check.unit,
    level: check.level ?? "threshold",
    threshold: check.threshold,
    thresholdText: describeThreshold(check.threshold, check.unit),
    n,
    status: "error",
    durationMs: 0,
  };
}

/**
 * Runs one check: asks `unavailable` first (→ `skipped`), then `run` under the check's time limit, then evaluates
 * the samples. Errors become `error` results with the message as reason; `SkipError` becomes `skipped`. Deferred
 * cleanups and the check's temp folders are removed whatever happens.
 */
export async function runCheck(check: Check, options: RunOptions & { runId: string }): Promise<CheckResult> {
  const n = options.n ?? (options.quick ? check.n.quick : check.n.default);
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const tmpRoot = path.join(os.tmpdir(), `liminal-bench-${options.runId}`);
  mkdirSync(tmpRoot, { recursive: true });
  const ctx: CheckContext = {
    n,
    quick: options.quick,
    runId: options.runId,
    markerEnv: { [MARKER_ENV]: options.runId },
    repoRoot: options.repoRoot,
    tmpDir: (prefix) => mkdtempSync(path.join(tmpRoot, `${prefix.replace(/[^\w.-]/g, "-")}-`)),
    defer: (cleanup) => {
      pending.push(cleanup);
    },
    log: (message) => log(`  [${check.name}] ${message}`),
  };
  try {
    const reason = await check.unavailable?.(ctx);
    if (reason) return { ...baseResult(check, n), status: "skipped", reason };
    let timer: NodeJS.Timeout | undefined;
    const timeoutMs = check.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
    });
    const samples = await Promise.race([check.run(ctx), timeout]).finally(() => clearTimeout(timer));
    const evaluation = evaluate(check.threshold, samples, check.unit);
    const result: CheckResult = {
      ...baseResult(check, n),
      status: evaluation.status,
      samples,
      stats: evaluation.stats,
    };
    if (evaluation.reason) result.reason = evaluation.reason;
    if (evaluation.ratio) result.ratio = evaluation.ratio;
    return result;
  } catch (error) {
    if (error instanceof SkipError) return { ...baseResult(check, n), status: "skipped", reason: error.message };
    return { ...baseResult(check, n), reason: error instanceof Error ? error.message : String(error) };
  } finally {
    await runPendingCleanups();
    await endLeftovers(options.runId, log);
    try {
      rmSync(tmpRoot, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    } catch (error) {
      log(`  could not remove ${tmpRoot}: ${(error as Error).message}`);
    }
  }
}

/**
 * The safety net after a check's own cleanups: SIGKILLs every process still carrying the run's marker (logged, so a
 * leak is visible even where no check looks for it) and waits up to 2 s for them to go. Never throws.
 */
async function endLeftovers(runId: string, log: (message: string) => void): Promise<void> {
  try {
    const left = findOrphans(runId);
    if (left.length === 0) return;
    for (const info of left) log(`  leftover after cleanup, killed: ${describeProcess(info)}`);
    killLeftovers(left);
    killLeftovers(await remainingAfter(runId, { graceMs: 2000 }));
  } catch {
    // The process table could not be read: nothing more to do.
  }
}

/** Runs `checks` in order (never in parallel: the machine has 2 cores) and returns their results with durations. */
export async function runChecks(checks: readonly Check[], options: RunOptions): Promise<CheckResult[]> {
  const runId = options.runId ?? newRunId();
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const results: CheckResult[] = [];
  for (const check of checks) {
    log(`▶ ${check.name}`);
    const started = epochNow();
    const result = await runCheck(check, { ...options, runId, log });
    result.durationMs = Math.round(epochNow() - started);
    log(`  ${result.status}${result.reason ? `: ${result.reason}` : ""} (${(result.durationMs / 1000).toFixed(1)} s)`);
    results.push(result);
  }
  return results;
}

/**
 * The process exit code. Always 1 when a check errored (the suite itself is broken: CI runs `--quick` to catch
 * that). With `check` (`--check`) also 1 when a `threshold`-level check failed or (unless `allowSkip`) was skipped.
 * `target`-level misses never fail. Otherwise 0.
 */
export function exitCode(results: readonly CheckResult[], options: { check: boolean; allowSkip: boolean }): 0 | 1 {
  const failed = results.some((result) => {
    if (result.status === "error") return true;
    if (!options.check) return false;
    if (result.status === "skipped") return !options.allowSkip;
    return result.status === "fail" && result.level === "threshold";
  });
  return failed ? 1 : 0;
}
