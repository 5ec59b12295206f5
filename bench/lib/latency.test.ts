// Unit tests: matching written deltas to page marks by cumulative text length.
import { describe, expect, it } from "vitest";
import { matchDeltas } from "./latency.js";
import type { VisibleMark } from "./page-marks.js";

const mark = (at: number, contentLength: number): VisibleMark => ({ at, detail: { itemId: "i", contentLength } });

describe("matchDeltas", () => {
  it("gives each delta the time from its own write to the first mark covering it", () => {
    const deltas = [
      { text: "Hello ", writtenAt: 1000 },
      { text: "big ", writtenAt: 1020 },
      { text: "world", writtenAt: 1040 },
    ];
    const marks = [mark(1005, 6), mark(1050, 15)];
    expect(matchDeltas(deltas, marks)).toEqual({ latencies: [5, 30, 10], unmatched: 0 });
  });

  it("uses marks in time order even when they arrive unordered", () => {
    const deltas = [{ text: "ab", writtenAt: 0 }];
    expect(matchDeltas(deltas, [mark(9, 2), mark(4, 2)]).latencies).toEqual([4]);
  });

  it("counts deltas that no mark ever covered", () => {
    const deltas = [
      { text: "abc", writtenAt: 0 },
      { text: "def", writtenAt: 1 },
    ];
    expect(matchDeltas(deltas, [mark(3, 3)])).toEqual({ latencies: [3], unmatched: 1 });
  });
});
