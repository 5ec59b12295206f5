// Renders bench results as a Markdown table (one row per series: subject, baseline, extras).
import type { CheckResult, Unit } from "./check.js";
import { ratio, type Stats } from "./stats.js";

/** Where and how a run happened (the header of the Markdown report and of latest.json). */
export interface RunInfo {
  /** ISO 8601 UTC start time. */
  date: string;
  hostname: string;
  /** `os.platform() os.release() os.arch()`. */
  platform: string;
  cpuModel: string;
  cpuCount: number;
  /** Total memory in MiB. */
  memoryMiB: number;
  /** `process.version`. */
  node: string;
  /** `git rev-parse HEAD`, with `-dirty` when the tree has uncommitted changes; "unknown" outside git. */
  commit: string;
  /** The flags the run was started with, e.g. ["--quick", "--check"]. */
  flags: string[];
}

/** A number for a table cell: ms and MiB with 2 decimals below 10, 1 below 100, else whole; counts as they are. */
export function formatValue(value: number, unit: Unit): string {
  if (unit === "count") return Number.isInteger(value) ? String(value) : value.toFixed(2);
  const abs = Math.abs(value);
  return abs < 10 ? value.toFixed(2) : abs < 100 ? value.toFixed(1) : value.toFixed(0);
}

/** A ratio for a table cell, e.g. "1.04×"; "–" when undefined. */
export function formatRatio(value: number | undefined): string {
  return value === undefined ? "–" : `${value.toFixed(2)}×`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

const STATUS_TEXT: Record<string, string> = {
  pass: "✅ pass",
  fail: "❌ FAIL",
  report: "ℹ️ reported",
  skipped: "⏭️ skipped",
  error: "💥 error",
};

function statusText(result: CheckResult): string {
  const base = result.level === "target" && result.status === "fail" ? "⚠️ over target" : STATUS_TEXT[result.status];
  return result.reason ? `${base}: ${result.reason}` : (base ?? result.status);
}

function ratioText(stats: Stats | undefined, baseline: Stats | undefined): string {
  if (!stats || !baseline) return "–";
  return `${formatRatio(ratio(stats.median, baseline.median))} / ${formatRatio(ratio(stats.p95, baseline.p95))}`;
}

function statCells(stats: Stats | undefined, unit: Unit): string[] {
  if (!stats) return ["0", "–", "–"];
  return [String(stats.n), formatValue(stats.median, unit), formatValue(stats.p95, unit)];
}

/**
 * The Markdown table of a run: columns check, series, n, median, P95, ratio to baseline (median / P95), threshold,
 * result. The first row of a check is its subject (with the threshold and result); the baseline and extra series
 * follow on their own rows (an extra row with its own unit, `CheckSamples.extraUnits`, shows it after its label,
 * its values rounded as ms are, and no ratio). A skipped or errored check is one row with the reason. Pipes in text are escaped.
 */
export function renderTable(results: readonly CheckResult[]): string {
  const unitLabel = (unit: Unit) => unit;
  const lines = [
    "| check | series | n | median | P95 | ratio to baseline (median / P95) | threshold | result |",
    "| --- | --- | ---: | ---: | ---: | ---: | --- | --- |",
  ];
  for (const result of results) {
    const threshold = escapeCell(`${result.thresholdText}${result.level === "target" ? " (target)" : ""}`);
    const name = `\`${result.name}\``;
    const baseline = result.stats?.baseline;
    const subjectLabel = result.samples?.subjectLabel ?? "subject";
    if (!result.stats?.subject) {
      lines.push(`| ${name} | – | 0 | – | – | – | ${threshold} | ${escapeCell(statusText(result))} |`);
      continue;
    }
    const unit = `${escapeCell(subjectLabel)} (${unitLabel(result.unit)})`;
    lines.push(
      `| ${name} | ${unit} | ${statCells(result.stats.subject, result.unit).join(" | ")} | ${ratioText(result.stats.subject, baseline)} | ${threshold} | ${escapeCell(statusText(result))} |`,
    );
    if (baseline) {
      const label = escapeCell(result.samples?.baselineLabel ?? "baseline");
      lines.push(`| ${name} | ${label} | ${statCells(baseline, result.unit).join(" | ")} | 1.00× | | |`);
    }
    for (const [label, stats] of Object.entries(result.stats.extra ?? {})) {
      const ownUnit = result.samples?.extraUnits?.[label];
      const cells = ownUnit === undefined ? statCells(stats, result.unit) : statCells(stats, "ms");
      const shown = ownUnit === undefined ? label : `${label} (${ownUnit})`;
      const ratioCell = ownUnit === undefined ? ratioText(stats, baseline) : "–";
      lines.push(`| ${name} | ${escapeCell(shown)} | ${cells.join(" | ")} | ${ratioCell} | | |`);
    }
  }
  return lines.join("\n");
}

/** The run's line (date, mode, commit, machine), a blank line and the table: what the README shows. */
export function renderRunTable(info: RunInfo, results: readonly CheckResult[]): string {
  const mode = info.flags.includes("--quick") ? "quick (n = 2)" : "full";
  const runLine = `${info.date} · ${mode} · commit \`${info.commit}\` · Node ${info.node} · ${info.cpuCount} × ${info.cpuModel} · ${info.memoryMiB} MiB · ${info.platform}`;
  return [runLine, "", renderTable(results)].join("\n");
}

/** The whole Markdown report: a heading, the run's machine and commit, the table, and each check's notes. */
export function renderReport(info: RunInfo, results: readonly CheckResult[]): string {
  const header = ["## Benchmark results", ""];
  const notes = results
    .filter((result) => (result.samples?.notes?.length ?? 0) > 0)
    .map((result) => `- \`${result.name}\`: ${escapeCell((result.samples?.notes ?? []).join("; "))}`);
  const footer = notes.length > 0 ? ["", "Notes:", "", ...notes] : [];
  return [...header, renderRunTable(info, results), ...footer, ""].join("\n");
}
