// The benchmark check contract: what a check declares, what its run returns, and the context it runs in.
import type { StatName, Stats } from "./stats.js";

/**
 * When a check passes.
 * - `absolute`: `stat(subject) op limit`, e.g. `{ stat: "p95", op: "<", limit: 200 }` for "P95 under 200 ms".
 * - `ratio`: for every named stat, `stat(subject) ≤ max × stat(baseline) + allowance` (allowance default 0, in the
 *   check's unit), e.g. `{ stats: ["median", "p95"], max: 1.1, allowance: 1 }` for "within +10% of the baseline at
 *   p50 and P95, give or take 1 ms of measurement resolution". Needs baseline samples.
 * - `report`: measured and reported, never failing (e.g. the three Claude start-up paths of issue 8 check 1).
 */
export type Threshold =
  | { kind: "absolute"; stat: StatName; op: "<" | "<="; limit: number }
  | { kind: "ratio"; stats: ("median" | "p95")[]; max: number; allowance?: number }
  | { kind: "report" };

/** What the samples count: milliseconds, mebibytes (2^20 bytes, e.g. heap growth), or a number of events (e.g. leaked processes). */
export type Unit = "ms" | "MiB" | "count";

/** What follows a value of `unit` in words: " ms", " MiB", or nothing for a count. */
export function unitSuffix(unit: Unit): string {
  return unit === "count" ? "" : ` ${unit}`;
}

/**
 * `threshold`: a failure makes `npm run bench -- --check` exit non-zero (issue 8's numbered checks).
 * `target`: evaluated and shown (pass / miss) but never fails `--check` (issue 8's "also measured" list).
 */
export type Level = "threshold" | "target";

/** What one run of a check measured. Arrays hold one value per sample, in measurement order. */
export interface CheckSamples {
  /** The thing under test (our app, or the baseline path itself for a baseline-only check). */
  subject: number[];
  /** The baseline, measured alternately with the subject in the same loop (see `interleave`). */
  baseline?: number[];
  /** Further series reported as extra rows with their ratio to the baseline but no threshold. */
  extra?: Record<string, number[]>;
  /**
   * The unit of each extra row that is not measured in the check's `unit`, by row label (e.g. `"MiB"` for a memory
   * row of a check in ms, `"×"` for a row of ratios): the table shows it after the label and no ratio to the baseline
   * for that row (the two would be different quantities).
   */
  extraUnits?: Record<string, string>;
  /** Row labels; default "subject" / "baseline". */
  subjectLabel?: string;
  baselineLabel?: string;
  /** Facts worth keeping next to the numbers (versions, clock offset, what a sample is). */
  notes?: string[];
  /**
   * Properties the run found broken that are not numbers (a session that could not be reopened, buffered content shown
   * as `complete`, a leaked process): any entry makes the check fail whatever its threshold says.
   */
  violations?: string[];
}

/** Everything a check gets from the runner. */
export interface CheckContext {
  /** Rounds to run: the check's `n.quick` with `--quick`, else `n.default` (or `--n`). */
  n: number;
  quick: boolean;
  /** Unique id of this bench run; also the value of {@link MARKER_ENV} and part of every temp path. */
  runId: string;
  /** `{ LIMINAL_BENCH_RUN: runId }`: put it in the environment of everything the check spawns (orphan check). */
  markerEnv: Record<string, string>;
  /** The repository root (where package.json is). */
  repoRoot: string;
  /** A fresh folder under this run's temp root (its path contains `runId`); removed after the run. */
  tmpDir(prefix: string): string;
  /** Runs `cleanup` when the check ends (pass, fail, error or timeout), last registered first. */
  defer(cleanup: () => unknown): void;
  /** A progress line on stderr (not in the results). */
  log(message: string): void;
}

/** One benchmark: a row (plus baseline / extra rows) of the results table. */
export interface Check {
  /** Unique, kebab-case; used by `--only`. */
  name: string;
  /** What it measures, from which event to which event (one or two sentences). */
  measures: string;
  unit: Unit;
  /** Rounds per side (subject and baseline each): `default` for a full run, `quick` for `--quick`. */
  n: { default: number; quick: number };
  threshold: Threshold;
  /** Default `threshold`. */
  level?: Level;
  /** Wall-time limit for the whole check; default 10 minutes. */
  timeoutMs?: number;
  /** Says why the check cannot run here (missing binary, app part not built), or `undefined` when it can. */
  unavailable?(ctx: CheckContext): string | undefined | Promise<string | undefined>;
  /** Measures. Throw {@link SkipError} when it turns out the check cannot run; any other error is an `error` result. */
  run(ctx: CheckContext): Promise<CheckSamples>;
}

/** The environment variable that marks every process a bench run spawns. */
export const MARKER_ENV = "LIMINAL_BENCH_RUN";

/** Thrown by a check that cannot run here; the result is `skipped` with this message as the reason. */
export class SkipError extends Error {
  override readonly name = "SkipError";
}

/** Outcome of one check. `skipped` and `error` are failures under `--check` (skipped only unless `--allow-skip`). */
export type CheckStatus = "pass" | "fail" | "report" | "skipped" | "error";

/** The recorded result of one check (an entry of `bench/results/latest.json`). */
export interface CheckResult {
  name: string;
  measures: string;
  unit: Unit;
  level: Level;
  threshold: Threshold;
  /** The threshold in words, e.g. "P95 < 200 ms" or "median, P95 ratio ≤ 1.10". */
  thresholdText: string;
  /** Rounds requested per side. */
  n: number;
  status: CheckStatus;
  /** Why it was skipped, errored or failed. */
  reason?: string;
  samples?: CheckSamples;
  stats?: { subject?: Stats; baseline?: Stats; extra?: Record<string, Stats> };
  /** subject ÷ baseline for median and P95 (when there is a baseline). */
  ratio?: { median?: number; p95?: number };
  /** Wall time of the whole check in ms. */
  durationMs: number;
}
