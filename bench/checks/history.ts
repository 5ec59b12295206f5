// Targets `history-2000` and `tab-switch-400`: a long Claude Code history opened from the sidebar, and switching
// between two open sessions of 400 items, until the content is visible in our page.
import { launchChromium } from "../../testing/browser/chromium.js";
import { clickToShownMs, openAppUi, watchClickToShown } from "../app/app-page.js";
import { appSandbox, buildClientOnce, startAppServer } from "../app/app-server.js";
import { appUnavailable } from "../app/app-status.js";
import { type LongTranscript, writeLongTranscript } from "../fixtures/make-long-transcript.js";
import type { Check, CheckContext } from "../lib/check.js";
import { interleave } from "../lib/interleave.js";

/** A text of the transcript's last item that survives markdown rendering (the answer's plain prefix). */
function visibleText(transcript: LongTranscript): string {
  return transcript.lastText.split(":")[0] ?? transcript.lastText;
}

const rowSelector = (sessionId: string) => `[data-testid=session-row][data-session-id="${sessionId}"]`;
const tabSelector = (sessionId: string) => `[data-testid=tab][data-session-id="${sessionId}"]`;

/** A fresh server whose CLAUDE_CONFIG_DIR holds transcripts of `items` items (one per label), with the app open. */
async function serverWithTranscripts(
  ctx: CheckContext,
  browser: Awaited<ReturnType<typeof launchChromium>>,
  labels: string[],
  items: number,
) {
  await buildClientOnce(ctx.repoRoot);
  const sandbox = await appSandbox(ctx);
  const transcripts = labels.map((label) =>
    writeLongTranscript({
      claudeConfigDir: sandbox.dirs.claudeConfigDir,
      projectPath: sandbox.dirs.project,
      items,
      label,
    }),
  );
  const server = await startAppServer(ctx, sandbox);
  await server.api("POST", "/api/projects", { path: sandbox.dirs.project });
  const ui = await openAppUi(browser.browser, server);
  return { server, ui, transcripts };
}

/** `history-2000`: click on a 2,000-item session in the sidebar → its last item visible, a fresh server each time. */
export const history2000Check: Check = {
  name: "history-2000",
  measures:
    "A Claude Code session of 2,000 items on disk (prompts, answers, Bash tool calls): click on its sidebar row in a freshly started server → the last item visible in the open chat view (MutationObserver).",
  unit: "ms",
  n: { default: 10, quick: 2 },
  threshold: { kind: "absolute", stat: "p95", op: "<", limit: 500 },
  level: "target",
  timeoutMs: 8 * 60_000,
  unavailable: (ctx) => appUnavailable(ctx.repoRoot),
  async run(ctx) {
    const browser = await launchChromium();
    ctx.defer(() => browser.close());
    const { open } = await interleave(
      ctx.n,
      {
        open: async () => {
          const { server, ui, transcripts } = await serverWithTranscripts(ctx, browser, ["history-2000"], 2000);
          try {
            const [transcript] = transcripts as [LongTranscript];
            const sessionId = `claude-code:${transcript.sessionId}`;
            await watchClickToShown(ui.page, {
              clickSelector: rowSelector(sessionId),
              sessionId,
              lastText: visibleText(transcript),
            });
            await ui.page.locator(rowSelector(sessionId)).click();
            return await clickToShownMs(ui.page);
          } finally {
            await ui.close();
            await server.stop();
          }
        },
      },
      { warmup: 1, onRound: (round) => ctx.log(round < 0 ? "warm-up" : `open ${round + 1}/${ctx.n}`) },
    );
    return {
      subject: open,
      subjectLabel: "row click → last of 2,000 items visible",
      notes: ["a fresh server per sample (start not timed)"],
    };
  },
};

/** `tab-switch-400`: two open sessions of 400 items; click the other tab → its content visible. */
export const tabSwitchCheck: Check = {
  name: "tab-switch-400",
  measures:
    "Two open Claude Code sessions of 400 items each (from disk): click on the other session's tab → its chat view shown with its last item (MutationObserver), alternating between the two tabs.",
  unit: "ms",
  n: { default: 10, quick: 2 },
  threshold: { kind: "absolute", stat: "p95", op: "<", limit: 50 },
  level: "target",
  timeoutMs: 5 * 60_000,
  unavailable: (ctx) => appUnavailable(ctx.repoRoot),
  async run(ctx) {
    const browser = await launchChromium();
    ctx.defer(() => browser.close());
    const { ui, transcripts } = await serverWithTranscripts(ctx, browser, ["tab A", "tab B"], 400);
    const sessions = transcripts.map((transcript) => ({
      id: `claude-code:${transcript.sessionId}`,
      text: visibleText(transcript),
    }));
    for (const session of sessions) {
      await watchClickToShown(ui.page, {
        clickSelector: rowSelector(session.id),
        sessionId: session.id,
        lastText: session.text,
      });
      await ui.page.locator(rowSelector(session.id)).click();
      await clickToShownMs(ui.page);
    }
    const switchTo = async (index: number): Promise<number> => {
      const target = sessions[index] as { id: string; text: string };
      const other = sessions[1 - index] as { id: string; text: string };
      if ((await ui.page.locator(`${tabSelector(target.id)}[aria-selected=true]`).count()) > 0) {
        await ui.page.locator(tabSelector(other.id)).click();
        await ui.page.locator(`${tabSelector(other.id)}[aria-selected=true]`).waitFor();
      }
      await watchClickToShown(ui.page, {
        clickSelector: tabSelector(target.id),
        sessionId: target.id,
        lastText: target.text,
      });
      await ui.page.locator(tabSelector(target.id)).click();
      return clickToShownMs(ui.page, 10_000);
    };
    const { a, b } = await interleave(ctx.n, { a: () => switchTo(0), b: () => switchTo(1) }, { warmup: 1 });
    return {
      subject: [...a, ...b],
      subjectLabel: "tab click → other session's content visible",
      notes: ["samples alternate between the two tabs; each sample starts with the other tab active"],
    };
  },
};
