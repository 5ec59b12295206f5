// Unit tests: matching written deltas to page marks by cumulative text length.
import { describe, expect, it } from "vitest";
import { assertCausal, matchDeltas } from "./latency.js";
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

describe("matchDeltas split", () => {
  const at = (ms: number) => new Date(ms).toISOString();
  const timed = (visible: number, contentLength: number, sourceTime: number, emittedAt: number): VisibleMark => ({
    at: visible,
    detail: { itemId: "i", contentLength, sourceTimestamp: at(sourceTime), emittedAt: at(emittedAt) },
  });

  it("says how long each delta waited in the batcher and how long the rest of the pipeline took", () => {
    // Three deltas 20 ms apart reach the provider 1 ms after their write; the first is emitted at once (create),
    // the other two wait for a time-cap emission 100 ms after the second arrived.
    const deltas = [
      { text: "One ", writtenAt: 1000 },
      { text: "two ", writtenAt: 1020 },
      { text: "three", writtenAt: 1040 },
    ];
    const marks = [timed(1010, 4, 1001, 1001), timed(1130, 13, 1041, 1121)];
    const result = matchDeltas(deltas, marks);
    expect(result.latencies).toEqual([10, 110, 90]);
    expect(result.split?.map((part) => part.wait)).toEqual([0, 100, 80]);
    expect(result.split?.map((part) => part.rest)).toEqual([10, 10, 10]);
    expect(result.split?.map((part) => part.delivery)).toEqual([9, 9, 9]);
  });

  it("has no split when the marks carry no upsert timestamps (the unbatched relay page)", () => {
    expect(matchDeltas([{ text: "ab", writtenAt: 0 }], [mark(3, 2)]).split).toBeUndefined();
  });
});

describe("assertCausal", () => {
  it("accepts latencies down to the clock slack and refuses a delta shown before it was written", () => {
    expect(() => assertCausal([3, 0.5, -1.9], "ours")).not.toThrow();
    expect(() => assertCausal([3, -312], "ours")).toThrow(
      "ours: a delta was marked visible 312.0 ms before it was written",
    );
  });
});
