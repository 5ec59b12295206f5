// Unit tests: medians, nearest-rank percentiles, summaries and ratios over known samples.
import { describe, expect, it } from "vitest";
import { median, percentile, ratio, summarize } from "./stats.js";

describe("percentile (nearest rank)", () => {
  it("gives the largest sample as P95 of ten samples", () => {
    expect(percentile([5, 1, 9, 3, 7, 2, 8, 4, 6, 10], 95)).toBe(10);
  });

  it("gives the 95th of 100 ordered samples as P95", () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 95)).toBe(95);
  });

  it("gives the 19th of 20 samples as P95 (ceil(0.95 × 20) = 19)", () => {
    const values = Array.from({ length: 20 }, (_, i) => (i + 1) * 10);
    expect(percentile(values, 95)).toBe(190);
  });

  it("gives the smallest sample as P1 of few samples, and the only sample for one", () => {
    expect(percentile([3, 2, 1], 1)).toBe(1);
    expect(percentile([42], 95)).toBe(42);
  });

  it("refuses no samples, non-finite samples and percentiles out of range", () => {
    expect(() => percentile([], 95)).toThrow(RangeError);
    expect(() => percentile([1, Number.NaN], 95)).toThrow(RangeError);
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe("median", () => {
  it("takes the middle sample of an odd count and the mean of the middle two of an even count", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe("summarize", () => {
  it("summarizes unordered samples without changing them", () => {
    const values = [30, 10, 20, 40];
    expect(summarize(values)).toEqual({ n: 4, min: 10, max: 40, mean: 25, median: 25, p95: 40 });
    expect(values).toEqual([30, 10, 20, 40]);
  });

  it("has nothing to say about no samples", () => {
    expect(summarize([])).toBeUndefined();
  });
});

describe("ratio", () => {
  it("divides subject by baseline and has no ratio to a zero baseline", () => {
    expect(ratio(11, 10)).toBeCloseTo(1.1);
    expect(ratio(5, 0)).toBeUndefined();
    expect(ratio(Number.POSITIVE_INFINITY, 1)).toBeUndefined();
  });
});
