// Checks `first-token-<cli>-<tps>tps` (issue 8 check 4): the stand-in writing a turn's first text delta → the first
// agent text of that turn visible in our page (the client's `liminal:agent-text:<turnId>` mark).

import { sendInUi, startSessionInUi, waitForFinishedTurns } from "../../testing/app/page.js";
import { SCENARIOS } from "../../testing/scenarios/scenarios.js";
import { marksWithPrefix, openAppUi, refineClock } from "../app/app-page.js";
import { startAppStack } from "../app/app-stack.js";
import { appUnavailable } from "../app/app-status.js";
import { missingCli } from "../lib/binaries.js";
import type { Check } from "../lib/check.js";
import { DeltaRecorder } from "../lib/delta-recorder.js";
import { interleave } from "../lib/interleave.js";
import { type BenchCli, cliLabel } from "../lib/sandbox.js";

const CLI_TYPE = { claude: "claude-code", codex: "codex" } as const;

/** The client's mark for the first agent text of each turn (client/ui/render-item.ts). */
export const TURN_TEXT_MARK = "liminal:agent-text:";

function textOf(scenario: string): string {
  const block = SCENARIOS[scenario]?.steps[0]?.blocks[0];
  if (block?.kind !== "text") throw new Error(`scenario ${scenario} has no text`);
  return block.text;
}

/** `first-token-<cli>-<tps>tps`. */
export function firstTokenCheck(cli: BenchCli, tokensPerSecond: number): Check {
  return {
    name: `first-token-${cli}-${tokensPerSecond}tps`,
    measures: `${cliLabel(cli)} at ${tokensPerSecond} tokens/s: the stand-in writing the first text delta of a turn → the first agent text of that turn visible in our page (liminal:agent-text:<turnId>), one session of our server (server/main.ts) reused for every turn.`,
    unit: "ms",
    n: { default: 10, quick: 2 },
    threshold: { kind: "absolute", stat: "max", op: "<", limit: 200 },
    timeoutMs: 6 * 60_000,
    unavailable: (ctx) =>
      appUnavailable(ctx.repoRoot) ?? missingCli(ctx.repoRoot, cli === "claude" ? "claude-sdk" : "codex-acp"),
    async run(ctx) {
      const recorder = new DeltaRecorder();
      const { server, browser } = await startAppStack(ctx, { onDelta: recorder.record });
      const ui = await openAppUi(browser.browser, server);
      const sessionId = await startSessionInUi(ui.page, { cliType: CLI_TYPE[cli] });
      const expected = textOf("text");
      let turns = 0;
      const { ours } = await interleave(
        ctx.n,
        {
          ours: async () => {
            await refineClock(ui);
            const before = new Set((await marksWithPrefix(ui, TURN_TEXT_MARK)).map((mark) => mark.name));
            const { responses } = await recorder.during(async () => {
              await sendInUi(ui.page, `First token. scenario:text pace:${tokensPerSecond}`);
              turns += 1;
              await waitForFinishedTurns(ui.page, sessionId, turns);
            });
            const first = responses.find((deltas) => deltas.map((d) => d.text).join("") === expected)?.[0];
            if (!first)
              throw new Error(`no stand-in response streamed the text of scenario:text (${responses.length})`);
            const mark = (await marksWithPrefix(ui, TURN_TEXT_MARK)).find((m) => !before.has(m.name));
            if (!mark) throw new Error("the page set no liminal:agent-text mark for the turn");
            return mark.at - first.writtenAt;
          },
        },
        { warmup: 1, onRound: (round) => ctx.log(round < 0 ? "warm-up turn" : `turn ${round + 1}/${ctx.n}`) },
      );
      return {
        subject: ours,
        subjectLabel: `ours (${cliLabel(cli)})`,
        notes: [
          `turns of "scenario:text pace:${tokensPerSecond}" in one session; clock offset page−bench ${ui.clock.offsetMs.toFixed(2)} ± ${ui.clock.uncertaintyMs.toFixed(2)} ms`,
        ],
      };
    },
  };
}
