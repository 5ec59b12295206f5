// Check `codex-load` (issue 8 check 2): open an existing 50-turn Codex session in our page until its last item is
// visible, vs a bare ACP client's codex-acp `session/load` of the same session and rollout, alternating.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { launchChromium } from "../../testing/browser/chromium.js";
import { measureCodexLoad } from "../baselines/codex-load-client.js";
import { codexHistory, lastAgentText } from "../fixtures/make-codex-history.js";
import { openAppUi } from "../app/app-page.js";
import { appSandbox, buildClientOnce, startAppServer } from "../app/app-server.js";
import { appUnavailable } from "../app/app-status.js";
import { missingCli, packageVersion } from "../lib/binaries.js";
import type { Check } from "../lib/check.js";
import { interleave } from "../lib/interleave.js";
import { cliSandbox } from "../lib/sandbox.js";

const CLICK_MARK = "bench:open-session";
const SHOWN_MARK = "bench:last-item-visible";

/**
 * In the page: marks {@link CLICK_MARK} at a click on the session's row (capture phase), and {@link SHOWN_MARK} at
 * the first DOM change after which the session's last chat item holds `lastText` (a MutationObserver).
 */
async function watchOpen(page: Page, sessionId: string, lastText: string): Promise<void> {
  await page.evaluate(
    ([id, text, click, shown]) => {
      document.addEventListener(
        "click",
        (event) => {
          const target = event.target as Element | null;
          if (target?.closest?.(`[data-testid=session-row][data-session-id="${id}"]`))
            performance.mark(click as string);
        },
        true,
      );
      const observer = new MutationObserver(() => {
        const items = document.querySelectorAll(
          `[data-testid=chat-view][data-session-id="${id}"] [data-testid=chat-item]`,
        );
        const last = items[items.length - 1];
        if (last?.textContent?.includes(text as string)) {
          performance.mark(shown as string);
          observer.disconnect();
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    },
    [sessionId, lastText, CLICK_MARK, SHOWN_MARK] as const,
  );
}

/** `codex-load`. */
export const codexLoadCheck: Check = {
  name: "codex-load",
  measures:
    "Codex session load: click on an existing 50-turn Codex session in the sidebar of a freshly started server (server/main.ts) → its last history item visible (MutationObserver on the chat view), vs a bare ACP client spawning codex-acp and calling session/load on the same session and rollout until answered; alternating.",
  unit: "ms",
  n: { default: 10, quick: 2 },
  threshold: { kind: "ratio", stats: ["median"], max: 1.1 },
  timeoutMs: 10 * 60_000,
  unavailable: (ctx) => appUnavailable(ctx.repoRoot) ?? missingCli(ctx.repoRoot, "codex-acp"),
  async run(ctx) {
    await buildClientOnce(ctx.repoRoot);
    const work = ctx.tmpDir("codex-load");
    const project = path.join(work, "project");
    mkdirSync(project, { recursive: true });
    writeFileSync(path.join(project, "README.md"), "# Benchmark project\n");
    const standIn = await cliSandbox(ctx, "codex");
    const history = await codexHistory(ctx.repoRoot, path.join(work, "history"), {
      baseUrl: standIn.baseUrl,
      projectPath: project,
      env: ctx.markerEnv,
      log: ctx.log,
    });
    const lastText = lastAgentText(history.turns);
    const sessionId = `codex:${history.sessionId}`;
    const browser = await launchChromium();
    ctx.defer(() => browser.close());
    const ours = async (): Promise<number> => {
      const sandbox = await appSandbox(ctx, { project });
      cpSync(path.join(history.codexHome, "sessions"), path.join(sandbox.dirs.codexHome, "sessions"), {
        recursive: true,
      });
      const server = await startAppServer(ctx, sandbox);
      try {
        await server.api("POST", "/api/projects", { path: project });
        const ui = await openAppUi(browser.browser, server);
        try {
          await watchOpen(ui.page, sessionId, lastText);
          const row = ui.page.locator(`[data-testid=session-row][data-session-id="${sessionId}"]`);
          await row.waitFor({ state: "visible", timeout: 30_000 });
          await row.click();
          await ui.page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, SHOWN_MARK, {
            timeout: 60_000,
          });
          return await ui.page.evaluate(
            ([click, shown]) =>
              (performance.getEntriesByName(shown as string)[0]?.startTime ?? Number.NaN) -
              (performance.getEntriesByName(click as string)[0]?.startTime ?? Number.NaN),
            [CLICK_MARK, SHOWN_MARK] as const,
          );
        } finally {
          await ui.close();
        }
      } finally {
        await server.stop();
      }
    };
    const bare = async (): Promise<number> =>
      (await measureCodexLoad(ctx.repoRoot, history, { env: ctx.markerEnv })).loadedMs;
    const results = await interleave(
      ctx.n,
      { ours, bare },
      { warmup: 1, onRound: (round) => ctx.log(round < 0 ? "warm-up round" : `round ${round + 1}/${ctx.n}`) },
    );
    return {
      subject: results.ours,
      subjectLabel: "ours: row click → last item visible",
      baseline: results.bare,
      baselineLabel: "bare ACP: codex-acp spawn → session/load answered",
      notes: [
        `codex-acp ${packageVersion(ctx.repoRoot, "@zed-industries/codex-acp-linux-x64")}; ${history.turns}-turn history; a fresh server per sample (server start not timed)`,
      ],
    };
  },
};
