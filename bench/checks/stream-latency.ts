// Checks `stream-latency-claude` / `-codex` (issue 8 check 3): per-delta stand-in write → page visible through our
// whole pipeline vs the direct relay, alternating turns; p50 and P95 within +10%.
import { launchChromium } from "../../testing/browser/chromium.js";
import { appSandbox, buildClientOnce, startAppServer } from "../app/app-server.js";
import { appUnavailable } from "../app/app-status.js";
import { openAppStreamPipeline } from "../app/app-stream.js";
import { startRelayProcess } from "../baselines/relay-process.js";
import type { Check } from "../lib/check.js";
import { claudeEnv, codexEnv } from "../lib/cli-env.js";
import { DeltaRecorder } from "../lib/delta-recorder.js";
import { type BenchCli, cliLabel } from "../lib/sandbox.js";
import { compareStreamLatency, openRelayPipeline, STREAM_LATENCY_THRESHOLD } from "../lib/stream-latency.js";
import { missingForStream, STREAM_PROMPT, streamExpectedText } from "./stream-latency-baseline.js";

const CLI_TYPE = { claude: "claude-code", codex: "codex" } as const;

/** `stream-latency-<cli>`. */
export function streamLatencyCheck(cli: BenchCli): Check {
  return {
    name: `stream-latency-${cli}`,
    measures: `${cliLabel(cli)}: for each text delta, the stand-in writing it → the page marking it visible (liminal:visible), through our whole pipeline (server/main.ts, provider, session service, WebSocket, client) vs the direct relay (raw CLI events to a minimal page), alternating turns of "${STREAM_PROMPT}" against one stand-in.`,
    unit: "ms",
    n: { default: 10, quick: 2 },
    threshold: STREAM_LATENCY_THRESHOLD,
    timeoutMs: 8 * 60_000,
    unavailable: (ctx) => appUnavailable(ctx.repoRoot) ?? missingForStream(ctx, cli),
    async run(ctx) {
      await buildClientOnce(ctx.repoRoot);
      const recorder = new DeltaRecorder();
      const sandbox = await appSandbox(ctx, { onDelta: recorder.record });
      const server = await startAppServer(ctx, sandbox);
      await server.api("POST", "/api/projects", { path: sandbox.dirs.project });
      const browser = await launchChromium();
      ctx.defer(() => browser.close());
      const ours = await openAppStreamPipeline(browser.browser, server, CLI_TYPE[cli], `ours (${cliLabel(cli)})`);
      const env =
        cli === "claude"
          ? claudeEnv(sandbox.env.ANTHROPIC_BASE_URL ?? "", sandbox.dirs, ctx.markerEnv)
          : codexEnv(sandbox.dirs, ctx.markerEnv);
      const relay = await startRelayProcess({ repoRoot: ctx.repoRoot, cli, cwd: sandbox.dirs.project, env });
      ctx.defer(() => relay.stop());
      const direct = await openRelayPipeline(browser.browser, relay.url, `direct relay (${cliLabel(cli)})`);
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
