// Check: the direct-path stream latency on its own (the baseline of issue 8 check 3), in absolute numbers: the relay
// batched by the rule of CONTRACTS.md section 4 (the gate's baseline) against the unbatched relay (the floor).
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

/** One direct relay to start: batched by the default rule (CONTRACTS.md section 4) or not, with a delay added. */
export interface RelaySpec {
  batched: boolean;
  /** Added before every message the relay forwards, in ms (default 0): the deliberately slower relay. */
  delayMs?: number;
}

/** The row label of a relay, e.g. "direct relay, batched (Codex)" or "direct relay, unbatched: floor (Claude)". */
export function relayLabel(cli: BenchCli, spec: RelaySpec): string {
  const kind = spec.batched ? "batched" : "unbatched: floor";
  const delay = spec.delayMs ? ` +${spec.delayMs} ms` : "";
  return `direct relay, ${kind} (${cliLabel(cli)})${delay}`;
}

/**
 * Starts one direct relay per spec for `cli` (one CLI session each, its own process) against one stand-in, and a
 * page for each in one Chromium; everything ends with the check. `pipelines[i]` belongs to `specs[i]`.
 */
export async function relayPipelines(ctx: CheckContext, cli: BenchCli, specs: RelaySpec[]) {
  const recorder = new DeltaRecorder();
  const sandbox = await cliSandbox(ctx, cli, recorder.record);
  const browser = await launchChromium();
  ctx.defer(() => browser.close());
  const pipelines = [];
  for (const spec of specs) {
    const relay = await startRelayProcess({
      repoRoot: ctx.repoRoot,
      cli,
      cwd: sandbox.dirs.project,
      env: sandbox.env,
      batched: spec.batched,
      delayMs: spec.delayMs ?? 0,
    });
    ctx.defer(() => relay.stop());
    pipelines.push(await openRelayPipeline(browser.browser, relay.url, relayLabel(cli, spec)));
  }
  return { recorder, pipelines };
}

/**
 * `stream-latency-baseline-<cli>`: per-delta write → visible latency of the direct relay batched as our providers
 * batch (the baseline of `stream-latency-<cli>`) against the unbatched relay (the floor), alternating turns; reported.
 */
export function streamLatencyBaselineCheck(cli: BenchCli): Check {
  return {
    name: `stream-latency-baseline-${cli}`,
    measures: `${cliLabel(cli)}: for each text delta, the model stand-in writing it → the direct relay's page marking it visible (the relay sends the CLI's text over a WebSocket, no translation or log): batched by the providers' ItemBatcher (CONTRACTS.md section 4; the baseline of stream-latency-${cli}) vs every raw CLI event forwarded unbatched (the floor), alternating turns.`,
    unit: "ms",
    n: { default: 10, quick: 2 },
    threshold: { kind: "report" },
    timeoutMs: 5 * 60_000,
    unavailable: (ctx) => missingForStream(ctx, cli),
    async run(ctx) {
      const { recorder, pipelines } = await relayPipelines(ctx, cli, [{ batched: true }, { batched: false }]);
      const [batched, floor] = pipelines;
      if (!batched || !floor) throw new Error("relay pipelines missing");
      return compareStreamLatency({
        subject: batched,
        baseline: floor,
        recorder,
        n: ctx.n,
        prompt: STREAM_PROMPT,
        expectedText: streamExpectedText(),
        log: ctx.log,
        splitNames: { who: "batched relay", emission: "text" },
      });
    },
  };
}
