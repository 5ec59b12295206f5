// Check `codex-load` (issue 8 check 2): open an existing 50-turn Codex session in our page until its last item is
// visible, vs a bare ACP client's codex-acp `session/load` of the same session and rollout, alternating.
import { randomUUID } from "node:crypto";
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { launchChromium } from "../../testing/browser/chromium.js";
import { type AppUi, clickToShownMs, openAppUi, watchClickToShown } from "../app/app-page.js";
import { appSandbox, buildClientOnce, startAppServer } from "../app/app-server.js";
import { appUnavailable } from "../app/app-status.js";
import { measureCodexLoad } from "../baselines/codex-load-client.js";
import { codexHistory, copyRolloutAs, lastAgentText } from "../fixtures/make-codex-history.js";
import { missingCli, packageVersion } from "../lib/binaries.js";
import type { Check } from "../lib/check.js";
import { interleave } from "../lib/interleave.js";
import { cliSandbox } from "../lib/sandbox.js";

const rowSelector = (sessionId: string) => `[data-testid=session-row][data-session-id="${sessionId}"]`;

/**
 * Clicks the sidebar row of `sessionId` in `page` and returns ms from the click to the first DOM change after which
 * its chat view is shown with `lastText` in its last item (page clock, see `watchClickToShown`).
 */
async function openFromSidebar(page: Page, sessionId: string, lastText: string): Promise<number> {
  const row = page.locator(rowSelector(sessionId));
  await row.waitFor({ state: "visible", timeout: 30_000 });
  await watchClickToShown(page, { clickSelector: rowSelector(sessionId), sessionId, lastText });
  await row.click();
  return clickToShownMs(page);
}

/** Closes the tab of `sessionId` and waits until it is gone (keeps a long-lived page as lean as a fresh one). */
async function closeTab(ui: AppUi, sessionId: string): Promise<void> {
  const tab = ui.page.locator(`[data-testid=tab][data-session-id="${sessionId}"]`);
  await tab.getByTestId("tab-close").click();
  await tab.waitFor({ state: "detached" });
}

/** `codex-load`. */
export const codexLoadCheck: Check = {
  name: "codex-load",
  measures:
    "Codex session load: click on an existing 50-turn Codex session in the sidebar of our running server (server/main.ts) and page → its last history item visible (MutationObserver on the chat view); each sample opens a session that server has not opened before (a copy of the same rollout under a new id). Baseline: a bare ACP client spawning codex-acp and calling session/load on the original session and rollout until answered. Also reported: the first open after a server start (fresh server and page). Alternating.",
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
    const browser = await launchChromium();
    ctx.defer(() => browser.close());

    // Our server as it is used: running, its page open; every sample opens a session it has not opened before.
    const warmup = 1;
    const copies = Array.from({ length: ctx.n + warmup }, () => randomUUID());
    const sandbox = await appSandbox(ctx, { project });
    for (const id of copies) copyRolloutAs(history, sandbox.dirs.codexHome, id);
    const server = await startAppServer(ctx, sandbox);
    await server.api("POST", "/api/projects", { path: project });
    const ui = await openAppUi(browser.browser, server);
    ctx.defer(() => ui.close());
    let opened = 0;
    const running = async (): Promise<number> => {
      const sessionId = `codex:${copies[opened++]}`;
      const ms = await openFromSidebar(ui.page, sessionId, lastText);
      await closeTab(ui, sessionId);
      return ms;
    };

    // The first open after a start: a fresh server and page for the original session.
    const afterStart = async (): Promise<number> => {
      const fresh = await appSandbox(ctx, { project });
      cpSync(path.join(history.codexHome, "sessions"), path.join(fresh.dirs.codexHome, "sessions"), {
        recursive: true,
      });
      const freshServer = await startAppServer(ctx, fresh);
      try {
        await freshServer.api("POST", "/api/projects", { path: project });
        const freshUi = await openAppUi(browser.browser, freshServer);
        try {
          return await openFromSidebar(freshUi.page, `codex:${history.sessionId}`, lastText);
        } finally {
          await freshUi.close();
        }
      } finally {
        await freshServer.stop();
      }
    };

    const bare = async (): Promise<number> =>
      (await measureCodexLoad(ctx.repoRoot, history, { env: ctx.markerEnv })).loadedMs;
    const results = await interleave(
      ctx.n,
      { running, afterStart, bare },
      { warmup, onRound: (round) => ctx.log(round < 0 ? "warm-up round" : `round ${round + 1}/${ctx.n}`) },
    );
    return {
      subject: results.running,
      subjectLabel: "ours: row click → last item visible (running server, session not opened before)",
      baseline: results.bare,
      baselineLabel: "bare ACP: codex-acp spawn → session/load answered",
      extra: { "ours: first open after a server start (fresh server and page)": results.afterStart },
      notes: [
        `codex-acp ${packageVersion(ctx.repoRoot, "@zed-industries/codex-acp-linux-x64")}; ${history.turns}-turn history; the running server holds ${copies.length} copies of the rollout under new ids (one per sample, never reopened); each opened tab is closed again; server start not timed`,
      ],
    };
  },
};
