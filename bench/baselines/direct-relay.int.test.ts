// Integration test (real codex-acp, real Chromium): the stream-latency comparison measures every delta through the
// batched direct relay (the gate's baseline), and fails when one relay adds a delay — so the check can catch a slower
// pipeline; and that the relay really batches the CLI's deltas by the providers' rule.
import { afterAll, expect, it } from "vitest";
import { tokenize } from "../../testing/scenarios/scenarios.js";
import { relayPipelines, STREAM_PROMPT, streamExpectedText } from "../checks/stream-latency-baseline.js";
import type { Check, CheckSamples } from "../lib/check.js";
import { findOrphans } from "../lib/process-table.js";
import { newRunId, runCheck } from "../lib/runner.js";
import { median } from "../lib/stats.js";
import { compareStreamLatency, STREAM_LATENCY_THRESHOLD } from "../lib/stream-latency.js";

const runId = newRunId();

afterAll(() => {
  for (const info of findOrphans(runId)) process.kill(info.pid, "SIGKILL");
});

it("fails the +10% stream-latency threshold for a batched relay that adds 40 ms, measuring every delta of both", async () => {
  let samples: CheckSamples | undefined;
  const comparison: Check = {
    name: "delayed-relay-vs-relay",
    measures: "a batched relay with 40 ms added vs the batched relay (Codex)",
    unit: "ms",
    n: { default: 2, quick: 2 },
    threshold: STREAM_LATENCY_THRESHOLD,
    async run(ctx) {
      const { recorder, pipelines } = await relayPipelines(ctx, "codex", [
        { batched: true, delayMs: 40 },
        { batched: true },
      ]);
      const [delayed, plain] = pipelines;
      if (!delayed || !plain) throw new Error("relays missing");
      samples = await compareStreamLatency({
        subject: delayed,
        baseline: plain,
        recorder,
        n: ctx.n,
        prompt: STREAM_PROMPT,
        expectedText: streamExpectedText(),
        splitNames: { who: "delayed relay", emission: "text" },
      });
      return samples;
    },
  };
  const result = await runCheck(comparison, { repoRoot: process.cwd(), quick: true, runId, log: () => undefined });

  expect(result.status, result.reason).toBe("fail");
  expect(result.reason).toMatch(/median ratio \d+\.\d\d; P95 ratio/);
  const deltasPerTurn = tokenize(streamExpectedText()).length;
  expect(samples?.subject).toHaveLength(2 * deltasPerTurn);
  expect(samples?.baseline).toHaveLength(2 * deltasPerTurn);
  // The relay really batches the CLI's deltas (one every 20 ms against a 50 ms time cap): after each emission the
  // next deltas wait for the cap, so the median delta waits well over a frame; the added delay comes after the wait.
  const wait = samples?.extra?.["delayed relay: batching wait (CONTRACTS.md §4)"] ?? [];
  expect(wait).toHaveLength(2 * deltasPerTurn);
  expect(median(wait)).toBeGreaterThan(10);
  expect(median(samples?.extra?.["delayed relay: text emitted → visible"] ?? [])).toBeGreaterThan(40);
  expect(findOrphans(runId)).toEqual([]);
});
