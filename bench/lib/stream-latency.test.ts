// Unit tests: the stream-latency comparison over scripted pipelines (no CLI, no browser): alternation, matching,
// lost content, and a pipeline with an added delay failing the +10% threshold.
import { describe, expect, it } from "vitest";
import { DeltaRecorder } from "./delta-recorder.js";
import type { VisibleMark } from "./page-marks.js";
import {
  compareStreamLatency,
  STREAM_LATENCY_THRESHOLD,
  type StreamPipeline,
  splitRows,
  type TurnLatencies,
} from "./stream-latency.js";
import { evaluate } from "./threshold.js";

const TOKENS = ["Hello ", "from ", "the ", "stand-in."];
const TEXT = TOKENS.join("");

/**
 * A pipeline whose "stand-in" writes TOKENS 10 ms apart (reporting them to `recorder` as one response) and whose
 * "page" shows each `latencyMs` later; `dropLast` never shows the last token.
 */
function scripted(
  label: string,
  recorder: DeltaRecorder,
  log: string[],
  latencyMs: number,
  dropLast = false,
): StreamPipeline {
  let clockBase = 0;
  return {
    label,
    clock: { offsetMs: 0, uncertaintyMs: 0 },
    async runTurn(prompt, expectedLength) {
      log.push(label);
      clockBase += 1000;
      const marks: VisibleMark[] = [];
      let length = 0;
      TOKENS.forEach((text, index) => {
        const writtenAt = clockBase + index * 10;
        recorder.record({ requestId: `${label}-${clockBase}`, text, kind: "text", writtenAt });
        recorder.record({ requestId: "side", text: "ignored", kind: "thinking", writtenAt });
        length += text.length;
        if (!(dropLast && index === TOKENS.length - 1)) {
          marks.push({ at: writtenAt + latencyMs, detail: { itemId: prompt, contentLength: length } });
        }
      });
      if (!dropLast && length !== expectedLength) throw new Error("unexpected length");
      return marks;
    },
    async close() {},
  };
}

describe("compareStreamLatency", () => {
  it("alternates subject and baseline turns after a warm-up and gives one sample per delta", async () => {
    const recorder = new DeltaRecorder();
    const log: string[] = [];
    const samples = await compareStreamLatency({
      subject: scripted("ours", recorder, log, 7),
      baseline: scripted("relay", recorder, log, 5),
      recorder,
      n: 2,
      prompt: "p",
      expectedText: TEXT,
    });
    expect(log).toEqual(["ours", "relay", "relay", "ours", "ours", "relay"]);
    expect(samples.subject).toEqual([7, 7, 7, 7, 7, 7, 7, 7]);
    expect(samples.baseline).toEqual([5, 5, 5, 5, 5, 5, 5, 5]);
    expect(evaluate(STREAM_LATENCY_THRESHOLD, samples, "ms").status).toBe("fail");
  });

  it("passes a pipeline as fast as the baseline and fails one with an added delay", async () => {
    const recorder = new DeltaRecorder();
    const same = await compareStreamLatency({
      subject: scripted("ours", recorder, [], 5),
      baseline: scripted("relay", recorder, [], 5),
      recorder,
      n: 2,
      prompt: "p",
      expectedText: TEXT,
    });
    expect(evaluate(STREAM_LATENCY_THRESHOLD, same, "ms").status).toBe("pass");
    const delayed = await compareStreamLatency({
      subject: scripted("relay +30 ms", recorder, [], 35),
      baseline: scripted("relay", recorder, [], 5),
      recorder,
      n: 2,
      prompt: "p",
      expectedText: TEXT,
    });
    expect(evaluate(STREAM_LATENCY_THRESHOLD, delayed, "ms")).toMatchObject({
      status: "fail",
      ratio: { median: 7, p95: 7 },
    });
  });

  it("is an error when the page never shows some of the streamed text", async () => {
    const recorder = new DeltaRecorder();
    const run = compareStreamLatency({
      subject: scripted("lossy", recorder, [], 5, true),
      recorder,
      n: 1,
      prompt: "p",
      expectedText: TEXT,
    });
    await expect(run).rejects.toThrow("lossy: 1 deltas were never shown in the page");
  });
});

describe("splitRows", () => {
  const turn = (wait: number): TurnLatencies => ({
    latencies: [wait + 10],
    unmatched: 0,
    split: [{ wait, rest: 10, delivery: 9 }],
  });

  it("names the rows after the pipeline (ours by default) and keeps every delta's parts", () => {
    expect(splitRows([turn(30), turn(0)])).toEqual({
      "ours: batching wait (CONTRACTS.md §4)": [30, 0],
      "ours: total − batching wait": [10, 10],
      "ours: upsert emitted → visible": [9, 9],
    });
    expect(Object.keys(splitRows([turn(1)], { who: "batched relay", emission: "text" }) ?? {})).toEqual([
      "batched relay: batching wait (CONTRACTS.md §4)",
      "batched relay: total − batching wait",
      "batched relay: text emitted → visible",
    ]);
  });

  it("has no rows when a turn has no split (the unbatched relay's marks carry no timestamps)", () => {
    expect(splitRows([turn(1), { latencies: [3], unmatched: 0 }])).toBeUndefined();
  });
});
