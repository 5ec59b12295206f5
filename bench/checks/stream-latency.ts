import { startAppStack } from "../app/app-stack.js";
import { appUnavailable } from "../app/app-status.js";
import { openAppStreamPipeline } from "../app/app-stream.js";
import { startRelayProcess } from "../baselines/relay-process.js";
import type { Check } from "../lib/check.js";
import { claudeEnv, codexEnv } from "../lib/cli-env.js";
import { DeltaRecorder } from "../lib/delta-recorder.js";
import { type BenchCli, cliLabel } from "../lib/sandbox.js";
import { compareStreamLatency, openRelayPipeline, STREAM_LATENCY_THRESHOLD } from "../lib/stream-latency.js";
import { missingForStream, relayLabel, STREAM_PROMPT, streamExpectedText } from "./stream-latency-baseline.js";

const CLI_TYPE = { claude: "claude-code", codex: "codex" } as const;

/**
 * `stream-latency-<cli>`: per-delta stream latency of our whole pipeline vs the direct relay batched by the same rule
 * (CONTRACTS.md section 4), gated at median and P95 ≤ 1.10× + 1 ms; the unbatched floor is
 * `stream-latency-baseline-<cli>`'s.
 */
export function streamLatencyCheck(cli: BenchCli): Check {
  return {
    name: `stream-latency-${cli}`,
    measures: `${cliLabel(cli)}: for each text delta, the stand-in writing it → the page marking it visible (liminal:visible), through our whole pipeline (server/main.ts, provider, session service, WebSocket, client) vs the direct relay batched by the same rule (the CLI's text deltas through the providers' ItemBatcher, CONTRACTS.md section 4, to a minimal page), alternating turns of "${STREAM_PROMPT}" against one stand-in.`,
    unit: "ms",
    n: { default: 10, quick: 2 },
    threshold: STREAM_LATENCY_THRESHOLD,
    timeoutMs: 8 * 60_000,
    unavailable: (ctx) => appUnavailable(ctx.repoRoot) ?? missingForStream(ctx, cli),
    async run(ctx) {
      const recorder = new DeltaRecorder();
      const { sandbox, server, browser } = await startAppStack(ctx, { onDelta: recorder.record });
      const ours = await openAppStreamPipeline(browser.browser, server, CLI_TYPE[cli], `ours (${cliLabel(cli)})`);
      const env =
        cli === "claude"
          ? claudeEnv(sandbox.env.ANTHROPIC_BASE_URL ?? "", sandbox.dirs, ctx.markerEnv)
          : codexEnv(sandbox.dirs, ctx.markerEnv);
      const relay = await startRelayProcess({
        repoRoot: ctx.repoRoot,
        cli,
        cwd: sandbox.dirs.project,
        env,
        batched: true,
      });
      ctx.defer(() => relay.stop());
      const direct = await openRelayPipeline(browser.browser, relay.url, relayLabel(cli, { batched: true }));
      return compareStreamLatency({
        subject: ours,
        baseline: direct,
        recorder,
        n: ctx.n,
        prompt: STREAM_PROMPT,
        expectedText: streamExpectedText(),
        log: ctx.log,
      });
    },
  };
}
