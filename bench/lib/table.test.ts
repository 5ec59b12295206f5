// Unit tests: the Markdown table and report of a run, from known results.
import { describe, expect, it } from "vitest";
import type { CheckResult, Threshold } from "./check.js";
import { formatValue, type RunInfo, renderReport, renderTable } from "./table.js";
import { evaluate } from "./threshold.js";

function result(partial: Partial<CheckResult> & Pick<CheckResult, "name" | "status">): CheckResult {
  return {
    measures: "something",
    unit: "ms",
    level: "threshold",
    threshold: { kind: "report" },
    thresholdText: "reported",
    n: 2,
    durationMs: 1,
    ...partial,
  };
}

const measured = (() => {
  const threshold: Threshold = { kind: "ratio", stats: ["median", "p95"], max: 1.1 };
  const samples = { subject: [12, 14], baseline: [10, 10], subjectLabel: "ours", baselineLabel: "relay | raw" };
  const evaluation = evaluate(threshold, samples, "ms");
  const cold = evaluate(threshold, { subject: [20, 40] }, "ms").stats.subject;
  if (!cold) throw new Error("no stats");
  return result({
    name: "stream-latency-codex",
    status: evaluation.status,
    reason: evaluation.reason,
    threshold,
    thresholdText: "median, P95 ≤ 1.10× baseline",
    samples: { ...samples, extra: { cold: [20, 40] } },
    stats: { ...evaluation.stats, extra: { cold } },
  });
})();

describe("renderTable", () => {
  it("shows subject, baseline and extra rows with n, median, P95, ratios, threshold and result", () => {
    const lines = renderTable([measured]).split("\n");
    expect(lines[0]).toBe(
      "| check | series | n | median | P95 | ratio to baseline (median / P95) | threshold | result |",
    );
    expect(lines[2]).toBe(
      "| `stream-latency-codex` | ours (ms) | 2 | 13.0 | 14.0 | 1.30× / 1.40× | median, P95 ≤ 1.10× baseline | ❌ FAIL: median ratio 1.30; P95 ratio 1.40 |",
    );
    expect(lines[3]).toBe("| `stream-latency-codex` | relay \\| raw | 2 | 10.0 | 10.0 | 1.00× | | |");
    expect(lines[4]).toBe("| `stream-latency-codex` | cold | 2 | 30.0 | 40.0 | 3.00× / 4.00× | | |");
  });

  it("shows an extra row with its own unit after its label and without a ratio", () => {
    const rss = evaluate({ kind: "report" }, { subject: [512, 640] }, "ms").stats.subject;
    if (!rss) throw new Error("no stats");
    const withRss = result({
      ...measured,
      samples: { ...(measured.samples ?? { subject: [] }), extraUnits: { "server RSS": "MiB" } },
      stats: { ...measured.stats, extra: { ...measured.stats?.extra, "server RSS": rss } },
    });
    const lines = renderTable([withRss]).split("\n");
    expect(lines[4]).toBe("| `stream-latency-codex` | cold | 2 | 30.0 | 40.0 | 3.00× / 4.00× | | |");
    expect(lines[5]).toBe("| `stream-latency-codex` | server RSS (MiB) | 2 | 576 | 640 | – | | |");
  });

  it("shows a skipped check as one row with its reason", () => {
    const skipped = result({ name: "codex-load", status: "skipped", reason: "needs the app" });
    expect(renderTable([skipped]).split("\n")[2]).toBe(
      "| `codex-load` | – | 0 | – | – | – | reported | ⏭️ skipped: needs the app |",
    );
  });

  it("marks a missed target as over target rather than a failure", () => {
    const evaluation = evaluate({ kind: "absolute", stat: "p95", op: "<", limit: 50 }, { subject: [60] }, "ms");
    const row = renderTable([
      result({ name: "tab-switch-400", level: "target", status: evaluation.status, stats: evaluation.stats }),
    ]).split("\n")[2];
    expect(row).toContain("⚠️ over target");
    expect(row).toContain("(target)");
  });
});

describe("formatValue", () => {
  it("keeps two decimals under 10 ms, one under 100 ms, none above; counts as whole numbers", () => {
    expect([formatValue(2.345, "ms"), formatValue(23.45, "ms"), formatValue(234.5, "ms")]).toEqual([
      "2.35",
      "23.4",
      "235",
    ]);
    expect(formatValue(3, "count")).toBe("3");
  });
});

describe("renderReport", () => {
  it("puts the machine, commit and mode above the table and the notes below it", () => {
    const info: RunInfo = {
      date: "2026-01-01T00:00:00.000Z",
      hostname: "h",
      platform: "linux 6 x64",
      cpuModel: "CPU",
      cpuCount: 2,
      memoryMiB: 1024,
      node: "v20.0.0",
      commit: "abc",
      flags: ["--quick"],
    };
    const withNotes = { ...measured, samples: { subject: [], ...measured.samples, notes: ["per delta"] } };
    const report = renderReport(info, [withNotes]);
    expect(report).toContain("2026-01-01T00:00:00.000Z · quick (n = 2) · commit `abc` · Node v20.0.0 · 2 × CPU");
    expect(report).toContain("- `stream-latency-codex`: per delta");
  });
});
