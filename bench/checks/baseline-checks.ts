// Checks that measure the pre-epic baselines alone (Claude ACP start-up, Codex session/load), in absolute numbers.
import { measureClaudeAcpStartup } from "../baselines/claude-acp-client.js";
import { measureCodexLoad } from "../baselines/codex-load-client.js";
import { codexHistory } from "../fixtures/make-codex-history.js";
import { claudeCodeVersion, missingCli, packageVersion } from "../lib/binaries.js";
import type { Check } from "../lib/check.js";
import { interleave } from "../lib/interleave.js";
import { cliSandbox } from "../lib/sandbox.js";

/** `claude-startup-acp`: issue 8 check 1(c) alone, spawn → first agent_message_chunk of the ACP path. */
export const claudeStartupAcpCheck: Check = {
  name: "claude-startup-acp",
  measures:
    "Claude start-up to first token on the pre-epic path: spawn of claude-agent-acp → initialize → session/new → session/prompt → first agent_message_chunk received by a bare ACP client (baseline (c) of claude-startup).",
  unit: "ms",
  n: { default: 10, quick: 2 },
  threshold: { kind: "report" },
  timeoutMs: 8 * 60_000,
  unavailable: (ctx) => missingCli(ctx.repoRoot, "claude-acp") ?? missingCli(ctx.repoRoot, "claude-sdk"),
  async run(ctx) {
    const sandbox = await cliSandbox(ctx, "claude");
    const phases = { initialize: [] as number[], "session/new": [] as number[] };
    const { acp } = await interleave(ctx.n, {
      acp: async (round) => {
        ctx.log(`session ${round + 1}/${ctx.n}`);
        const sample = await measureClaudeAcpStartup({
          repoRoot: ctx.repoRoot,
          baseUrl: sandbox.baseUrl,
          dirs: sandbox.dirs,
          env: ctx.markerEnv,
        });
        phases.initialize.push(sample.initializeMs);
        phases["session/new"].push(sample.sessionNewMs);
        return sample.firstTokenMs;
      },
    });
    return {
      subject: acp,
      subjectLabel: "(c) claude-agent-acp + bare ACP client",
      extra: {
        "spawn → initialize answered": phases.initialize,
        "spawn → session/new answered": phases["session/new"],
      },
      notes: [
        `claude-agent-acp ${packageVersion(ctx.repoRoot, "@zed-industries/claude-agent-acp")}, Claude Code ${claudeCodeVersion(ctx.repoRoot)}; one fresh process per session, one config dir for all`,
      ],
    };
  },
};

/** `codex-load-acp`: issue 8 check 2's baseline alone, a bare ACP client's `session/load` of a 50-turn history. */
export const codexLoadAcpCheck: Check = {
  name: "codex-load-acp",
  measures:
    "Codex session load on the bare path: spawn of codex-acp → initialize → session/load of a 50-turn session answered (all history replayed as session/update before the answer); the baseline of codex-load.",
  unit: "ms",
  n: { default: 10, quick: 2 },
  threshold: { kind: "report" },
  timeoutMs: 5 * 60_000,
  unavailable: (ctx) => missingCli(ctx.repoRoot, "codex-acp"),
  async run(ctx) {
    const sandbox = await cliSandbox(ctx, "codex");
    const history = await codexHistory(ctx.repoRoot, ctx.tmpDir("codex-history"), {
      baseUrl: sandbox.baseUrl,
      env: ctx.markerEnv,
      log: ctx.log,
    });
    const loadOnly: number[] = [];
    let replayed = "";
    const { acp } = await interleave(ctx.n, {
      acp: async () => {
        const sample = await measureCodexLoad(ctx.repoRoot, history, { env: ctx.markerEnv });
        loadOnly.push(sample.loadOnlyMs);
        replayed = Object.entries(sample.replayed)
          .map(([kind, count]) => `${kind} ${count}`)
          .join(", ");
        return sample.loadedMs;
      },
    });
    return {
      subject: acp,
      subjectLabel: "codex-acp spawn → session/load answered",
      extra: { "session/load sent → answered": loadOnly },
      notes: [
        `codex-acp ${packageVersion(ctx.repoRoot, "@zed-industries/codex-acp-linux-x64")}; ${history.turns}-turn history replays ${replayed}`,
      ],
    };
  },
};
