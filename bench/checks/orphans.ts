// Checks `orphans-claude` / `orphans-codex` (issue 8 check 5): create/send/kill cycles through our server's REST
// API, then SIGTERM to the server; every process of the run still alive afterwards is a leak.
import { appSandbox, buildClientOnce, startAppServer } from "../app/app-server.js";
import { appUnavailable } from "../app/app-status.js";
import { missingCli } from "../lib/binaries.js";
import type { Check } from "../lib/check.js";
import { killLeftovers, leakViolations, remainingAfter } from "../lib/orphans.js";
import { findOrphans } from "../lib/process-table.js";
import { type BenchCli, cliLabel } from "../lib/sandbox.js";
import { median } from "../lib/stats.js";
import { epochNow } from "../lib/timing.js";

const CLI_TYPE = { claude: "claude-code", codex: "codex" } as const;

/** How the CLI's own process shows in its command line (the Claude Code binary, the codex-acp binary). */
const CLI_COMMAND = { claude: /claude-agent-sdk-linux-[^/]+\/claude\b/, codex: /codex-acp\b/ } as const;

/** The message of cycle `i`: a slow answer (killed mid-stream) or a shell tool turn (killed with a tool running). */
export function cycleMessage(i: number): string {
  return i % 2 === 0 ? `Cycle ${i + 1}. scenario:slow` : `Cycle ${i + 1}. scenario:tool-shell`;
}

/** `orphans-<cli>`: processes of the run left after create/send/kill cycles and a server SIGTERM. */
export function orphansCheck(cli: BenchCli): Check {
  return {
    name: `orphans-${cli}`,
    measures: `${cliLabel(cli)}: 50 create/send/kill cycles (5 with --quick) through the REST API of our server (server/main.ts, its own process), each kill mid-turn, then SIGTERM to the server → processes of this run (LIMINAL_BENCH_RUN marker, run folders) still alive 10 s later.`,
    unit: "count",
    n: { default: 1, quick: 1 },
    threshold: { kind: "absolute", stat: "max", op: "<=", limit: 0 },
    timeoutMs: 10 * 60_000,
    unavailable: (ctx) =>
      appUnavailable(ctx.repoRoot) ?? missingCli(ctx.repoRoot, cli === "claude" ? "claude-sdk" : "codex-acp"),
    async run(ctx) {
      await buildClientOnce(ctx.repoRoot);
      const cycles = ctx.quick ? 5 : 50;
      const counts: number[] = [];
      const violations: string[] = [];
      const cycleMs: number[] = [];
      let alivePeak = 0;
      let sawCli = false;
      for (let round = 0; round < ctx.n; round += 1) {
        const sandbox = await appSandbox(ctx);
        const server = await startAppServer(ctx, sandbox);
        const { project } = await server.api<{ project: { projectId: string } }>("POST", "/api/projects", {
          path: sandbox.dirs.project,
        });
        for (let i = 0; i < cycles; i += 1) {
          const start = epochNow();
          const { sessionId } = await server.api<{ sessionId: string }>("POST", "/api/session/create", {
            cliType: CLI_TYPE[cli],
            projectId: project.projectId,
          });
          await server.api("POST", `/api/session/${encodeURIComponent(sessionId)}/send`, {
            content: cycleMessage(i),
          });
          sawCli ||= findOrphans(ctx.runId).some((info) => CLI_COMMAND[cli].test(info.cmdline.join(" ")));
          await server.api("POST", `/api/session/${encodeURIComponent(sessionId)}/kill`);
          cycleMs.push(epochNow() - start);
          alivePeak = Math.max(alivePeak, findOrphans(ctx.runId, { excludePids: [server.process.pid] }).length);
          if ((i + 1) % 10 === 0) ctx.log(`${i + 1}/${cycles} cycles`);
        }
        const exit = await server.terminate();
        if (exit.code !== 0)
          violations.push(`the server did not exit cleanly on SIGTERM (${exit.code ?? exit.signal})`);
        const remaining = await remainingAfter(ctx.runId, { graceMs: 10_000 });
        killLeftovers(remaining);
        counts.push(remaining.length);
        violations.push(...leakViolations(remaining));
      }
      if (!sawCli) {
        violations.push(`no ${cliLabel(cli)} process of this run was ever seen mid-turn: the check cannot see leaks`);
      }
      return {
        subject: counts,
        subjectLabel: "processes left after SIGTERM",
        violations,
        notes: [
          `${cycles} cycles per round; create→send→kill median ${median(cycleMs).toFixed(0)} ms; at most ${alivePeak} processes of the run alive besides the server between cycles (spares included)`,
        ],
      };
    },
  };
}
