// Unit tests: a check's samples against absolute, ratio and report thresholds; violations; never a silent pass.
import { describe, expect, it } from "vitest";
import type { Threshold } from "./check.js";
import { describeThreshold, evaluate } from "./threshold.js";

const under200: Threshold = { kind: "absolute", stat: "p95", op: "<", limit: 200 };
const within10: Threshold = { kind: "ratio", stats: ["median", "p95"], max: 1.1 };

describe("evaluate", () => {
  it("passes an absolute threshold when the statistic is under the limit and fails it at the limit", () => {
    expect(evaluate(under200, { subject: [100, 150, 199] }, "ms").status).toBe("pass");
    const failed = evaluate(under200, { subject: [100, 150, 200] }, "ms");
    expect(failed.status).toBe("fail");
    expect(failed.reason).toBe("P95 is 200.0 ms");
  });

  it("accepts the limit itself with <=", () => {
    const none: Threshold = { kind: "absolute", stat: "max", op: "<=", limit: 0 };
    expect(evaluate(none, { subject: [0, 0] }, "count").status).toBe("pass");
    expect(evaluate(none, { subject: [0, 1] }, "count").status).toBe("fail");
  });

  it("says a failed MiB limit in MiB", () => {
    const heap: Threshold = { kind: "absolute", stat: "max", op: "<", limit: 8.2 };
    expect(evaluate(heap, { subject: [7.9, 8.1] }, "MiB").status).toBe("pass");
    expect(evaluate(heap, { subject: [7.9, 8.25] }, "MiB")).toMatchObject({
      status: "fail",
      reason: "max is 8.25 MiB",
    });
  });

  it("compares median and P95 with the baseline's and fails when either ratio is over the limit", () => {
    const baseline = [10, 10, 10, 10, 20];
    const close = evaluate(within10, { subject: [10.5, 10.5, 10.5, 10.5, 21], baseline }, "ms");
    expect(close.status).toBe("pass");
    expect(close.ratio?.median).toBeCloseTo(1.05);
    const slowTail = evaluate(within10, { subject: [10, 10, 10, 10, 30], baseline }, "ms");
    expect(slowTail.status).toBe("fail");
    expect(slowTail.reason).toBe("P95 ratio 1.50");
  });

  it("gives a ratio threshold its absolute allowance for measurement resolution, and no more", () => {
    const withSlack: Threshold = { ...within10, allowance: 1 };
    const baseline = [2, 2, 2, 2, 4];
    const withinSlack = evaluate(withSlack, { subject: [3, 3, 3, 3, 5], baseline }, "ms");
    expect(withinSlack.status).toBe("pass");
    expect(withinSlack.ratio?.median).toBe(1.5);
    expect(evaluate(within10, { subject: [3, 3, 3, 3, 5], baseline }, "ms").status).toBe("fail");
    const beyond = evaluate(withSlack, { subject: [3.3, 3.3, 3.3, 3.3, 5], baseline }, "ms");
    expect(beyond).toMatchObject({ status: "fail", reason: "median ratio 1.65" });
    expect(describeThreshold(withSlack, "ms")).toBe("median, P95 ≤ 1.10× baseline + 1 ms");
  });

  it("is an error, not a pass, without subject samples or without the baseline a ratio needs", () => {
    expect(evaluate(under200, { subject: [] }, "ms").status).toBe("error");
    expect(evaluate(within10, { subject: [1, 2] }, "ms")).toMatchObject({ status: "error" });
  });

  it("reports a report-only check with its stats and ratio", () => {
    const result = evaluate({ kind: "report" }, { subject: [20, 40], baseline: [10, 20] }, "ms");
    expect(result.status).toBe("report");
    expect(result.ratio).toEqual({ median: 2, p95: 2 });
    expect(result.stats.baseline?.median).toBe(15);
  });

  it("fails on violations even when the numbers are within the threshold", () => {
    const result = evaluate(under200, { subject: [10], violations: ["session could not be reopened"] }, "ms");
    expect(result).toMatchObject({ status: "fail", reason: "session could not be reopened" });
  });

  it("summarizes extra series", () => {
    const result = evaluate({ kind: "report" }, { subject: [1], extra: { cold: [3, 5] } }, "ms");
    expect(result.stats.extra?.cold?.median).toBe(4);
  });
});

describe("describeThreshold", () => {
  it("words each kind of threshold", () => {
    expect(describeThreshold(under200, "ms")).toBe("P95 < 200 ms");
    expect(describeThreshold(within10, "ms")).toBe("median, P95 ≤ 1.10× baseline");
    expect(describeThreshold({ kind: "absolute", stat: "max", op: "<=", limit: 0 }, "count")).toBe("max <= 0");
    expect(describeThreshold({ kind: "report" }, "ms")).toBe("reported");
    expect(describeThreshold({ kind: "absolute", stat: "max", op: "<", limit: 8.2 }, "MiB")).toBe("max < 8.2 MiB");
  });
});
