// Pure evaluation of a check's samples against its threshold: stats, ratios to the baseline, pass or fail.
import { type CheckSamples, type CheckStatus, type Threshold, type Unit, unitSuffix } from "./check.js";
import { ratio, type Stats, statOf, summarize } from "./stats.js";

const STAT_LABEL = { median: "median", p95: "P95", max: "max", min: "min", mean: "mean" } as const;

/** The threshold in words for the table, e.g. "P95 < 200 ms", "median, P95 ≤ 1.10× baseline", "reported". */
export function describeThreshold(threshold: Threshold, unit: Unit): string {
  if (threshold.kind === "report") return "reported";
  if (threshold.kind === "ratio") {
    const allowance = threshold.allowance ? ` + ${threshold.allowance}${unitSuffix(unit)}` : "";
    return `${threshold.stats.map((s) => STAT_LABEL[s]).join(", ")} ≤ ${threshold.max.toFixed(2)}× baseline${allowance}`;
  }
  return `${STAT_LABEL[threshold.stat]} ${threshold.op} ${threshold.limit}${unitSuffix(unit)}`;
}

/** The result of {@link evaluate}. */
export interface Evaluation {
  status: Exclude<CheckStatus, "skipped">;
  reason?: string;
  stats: { subject?: Stats; baseline?: Stats; extra?: Record<string, Stats> };
  ratio?: { median?: number; p95?: number };
}

/**
 * Summarizes `samples` and decides pass / fail against `threshold`. A check with no subject samples, or a ratio
 * threshold without baseline samples, is an `error` (never a silent pass). Any `violations` fail the check. A
 * `report` threshold otherwise gives `report`.
 */
export function evaluate(threshold: Threshold, samples: CheckSamples, unit: Unit): Evaluation {
  const subject = summarize(samples.subject);
  const baseline = samples.baseline ? summarize(samples.baseline) : undefined;
  const extra: Record<string, Stats> = {};
  for (const [label, values] of Object.entries(samples.extra ?? {})) {
    const stats = summarize(values);
    if (stats) extra[label] = stats;
  }
  const evaluation: Evaluation = { status: "error", stats: {} };
  if (subject) evaluation.stats.subject = subject;
  if (baseline) evaluation.stats.baseline = baseline;
  if (Object.keys(extra).length > 0) evaluation.stats.extra = extra;
  if (subject && baseline) {
    evaluation.ratio = {};
    const medianRatio = ratio(subject.median, baseline.median);
    const p95Ratio = ratio(subject.p95, baseline.p95);
    if (medianRatio !== undefined) evaluation.ratio.median = medianRatio;
    if (p95Ratio !== undefined) evaluation.ratio.p95 = p95Ratio;
  }
  if (!subject) return { ...evaluation, reason: "no samples were measured" };
  const violations = samples.violations ?? [];
  if (violations.length > 0) return { ...evaluation, status: "fail", reason: violations.join("; ") };
  if (threshold.kind === "report") return { ...evaluation, status: "report" };
  if (threshold.kind === "absolute") {
    const value = statOf(subject, threshold.stat);
    const ok = threshold.op === "<" ? value < threshold.limit : value <= threshold.limit;
    if (ok) return { ...evaluation, status: "pass" };
    const shown = unit === "count" ? String(value) : `${value.toFixed(unit === "MiB" ? 2 : 1)}${unitSuffix(unit)}`;
    return { ...evaluation, status: "fail", reason: `${STAT_LABEL[threshold.stat]} is ${shown}` };
  }
  if (!baseline) return { ...evaluation, reason: "the ratio threshold needs baseline samples and there are none" };
  const failures: string[] = [];
  const allowance = threshold.allowance ?? 0;
  for (const stat of threshold.stats) {
    const value = evaluation.ratio?.[stat];
    if (allowance > 0 && subject[stat] <= threshold.max * baseline[stat] + allowance) continue;
    if (value === undefined) failures.push(`${STAT_LABEL[stat]} ratio undefined (baseline ${baseline[stat]})`);
    else if (value > threshold.max) failures.push(`${STAT_LABEL[stat]} ratio ${value.toFixed(2)}`);
  }
  if (failures.length === 0) return { ...evaluation, status: "pass" };
  return { ...evaluation, status: "fail", reason: failures.join("; ") };
}
