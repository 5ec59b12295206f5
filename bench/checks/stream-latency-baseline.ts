// Check: the direct-path stream latency on its own (the baseline of issue 8 check 3), in absolute numbers.
import { launchChromium } from "../../testing/browser/chromium.js";
import { SCENARIOS } from "../../testing/scenarios/scenarios.js";
import { startRelayProcess } from "../baselines/relay-process.js";
import { missingCli } from "../lib/binaries.js";
import type { Check, CheckContext } from "../lib/check.js";
import { DeltaRecorder } from "../lib/delta-recorder.js";
import { type BenchCli, cliLabel, cliSandbox } from "../lib/sandbox.js";
import { compareStreamLatency, openRelayPipeline } from "../lib/stream-latency.js";

/** The turn every stream-latency measurement sends: the markdown answer (~60 deltas) at 50 tokens per second. */
export const STREAM_PROMPT = "Benchmark turn. scenario:markdown pace:50";

/** The text the stand-ins stream for {@link STREAM_PROMPT}. */
export function streamExpectedText(): string {
  const block = SCENARIOS.markdown?.steps[0]?.blocks[0];
  if (block?.kind !== "text") throw new Error("scenario markdown has no text block");
  return block.text;
}

/** Why `cli` cannot run here (binaries, Chromium), or undefined. */
export function missingForStream(ctx: CheckContext, cli: BenchCli): string | undefined {
  return missingCli(ctx.repoRoot, cli === "claude" ? "claude-sdk" : "codex-acp");
}

/**
 * Starts `count` direct relays for `cli` (one CLI session each; `delays[i]` ms added to relay i) against one
 * stand-in and a page for each in one Chromium; everything ends with the check.
 */
export async function relayPipelines(ctx: CheckContext, cli: BenchCli, delays: number[]) {
  const recorder = new DeltaRecorder();
  const sandbox = await cliSandbox(ctx, cli, recorder.record);
  const browser = await launchChromium();
  ctx.defer(() => browser.close());
  const pipelines = [];
  for (const [index, delayMs] of delays.entries()) {
    const relay = await startRelayProcess({
      repoRoot: ctx.repoRoot,
      cli,
      cwd: sandbox.dirs.project,
      env: sandbox.env,
      delayMs,
    });
    ctx.defer(() => relay.stop());
    const label = `direct relay (${cliLabel(cli)})${delayMs > 0 ? ` +${delayMs} ms` : ""}${delays.length > 1 ? ` #${index + 1}` : ""}`;
    pipelines.push(await openRelayPipeline(browser.browser, relay.url, label));
  }
  return { recorder, pipelines };
}

/** `stream-latency-baseline-<cli>`: per-delta write → visible latency of the direct relay, reported. */
export function streamLatencyBaselineCheck(cli: BenchCli): Check {
  return {
    name: `stream-latency-baseline-${cli}`,
    measures: `${cliLabel(cli)}: for each text delta, the model stand-in writing it → the direct relay's page marking it visible (relay forwards raw CLI events over a WebSocket; no translation, batching or log). The baseline of stream-latency-${cli}.`,
    unit: "ms",
    n: { default: 10, quick: 2 },
    threshold: { kind: "report" },
    timeoutMs: 5 * 60_000,
    unavailable: (ctx) => missingForStream(ctx, cli),
    async run(ctx) {
      const { recorder, pipelines } = await relayPipelines(ctx, cli, [0]);
      const [subject] = pipelines;
      if (!subject) throw new Error("no relay pipeline");
      return compareStreamLatency({
        subject,
        recorder,
        n: ctx.n,
        prompt: STREAM_PROMPT,
        expectedText: streamExpectedText(),
        log: ctx.log,
      });
    },
  };
}
