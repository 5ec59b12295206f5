// Targets `new-session-composer-<cli>`: the Start click of the new-session form → the new session's tab active with
// a composer that accepts input.
import type { Page } from "playwright-core";
import { projectGroup, tabIds } from "../../testing/app/page.js";
import { openAppUi } from "../app/app-page.js";
import { startAppStack } from "../app/app-stack.js";
import { appUnavailable } from "../app/app-status.js";
import { missingCli } from "../lib/binaries.js";
import type { Check } from "../lib/check.js";
import { interleave } from "../lib/interleave.js";
import { type BenchCli, cliLabel } from "../lib/sandbox.js";

const CLI_TYPE = { claude: "claude-code", codex: "codex" } as const;

/**
 * In the page: `bench:start` at the next click on the form's Start button, then `bench:composer-ready` at the first
 * DOM change after which the active tab is a session not in `known` and the composer input is enabled. Calling it
 * again re-arms the same listener (clearing both marks).
 */
async function watchComposer(page: Page, known: string[]): Promise<void> {
  await page.evaluate((before) => {
    type Watch = { known: string[]; observer: MutationObserver };
    const holder = window as unknown as { __benchComposer?: Watch };
    performance.clearMarks("bench:start");
    performance.clearMarks("bench:composer-ready");
    if (holder.__benchComposer) {
      holder.__benchComposer.observer.disconnect();
      holder.__benchComposer.known = before;
      return;
    }
    const observer = new MutationObserver(() => {
      const active = document.querySelector<HTMLElement>("[data-testid=tab][aria-selected=true]")?.dataset.sessionId;
      const input = document.querySelector<HTMLTextAreaElement>("[data-testid=composer-input]");
      if (!active || (holder.__benchComposer as Watch).known.includes(active)) return;
      if (!input || input.disabled || input.readOnly) return;
      performance.mark("bench:composer-ready");
      observer.disconnect();
    });
    holder.__benchComposer = { known: before, observer };
    document.addEventListener(
      "click",
      (event) => {
        if (!(event.target as Element | null)?.closest?.("[data-testid=new-session-submit]")) return;
        if (performance.getEntriesByName("bench:start").length > 0) return;
        performance.mark("bench:start");
        observer.observe(document.body, { subtree: true, childList: true, attributes: true });
      },
      { capture: true },
    );
  }, known);
}

/** `new-session-composer-<cli>`. */
export function newSessionComposerCheck(cli: BenchCli): Check {
  return {
    name: `new-session-composer-${cli}`,
    measures: `${cliLabel(cli)}: Start click of the new-session form → the new session's tab active and its composer accepting input (MutationObserver), our server as shipped; each session is killed after its sample.`,
    unit: "ms",
    n: { default: 10, quick: 2 },
    threshold: { kind: "absolute", stat: "p95", op: "<", limit: 2000 },
    level: "target",
    timeoutMs: 6 * 60_000,
    unavailable: (ctx) =>
      appUnavailable(ctx.repoRoot) ?? missingCli(ctx.repoRoot, cli === "claude" ? "claude-sdk" : "codex-acp"),
    async run(ctx) {
      const { server, browser } = await startAppStack(ctx);
      const ui = await openAppUi(browser.browser, server);
      const { ready } = await interleave(
        ctx.n,
        {
          ready: async () => {
            const known = await tabIds(ui.page);
            await watchComposer(ui.page, known);
            const group = projectGroup(ui.page);
            await group.getByTestId("new-session-button").click();
            await group.getByTestId("new-session-cli").selectOption(CLI_TYPE[cli]);
            await group.getByTestId("new-session-submit").click();
            await ui.page.waitForFunction(
              () => performance.getEntriesByName("bench:composer-ready").length > 0,
              undefined,
              {
                timeout: 60_000,
              },
            );
            const ms = await ui.page.evaluate(
              () =>
                (performance.getEntriesByName("bench:composer-ready")[0]?.startTime ?? Number.NaN) -
                (performance.getEntriesByName("bench:start")[0]?.startTime ?? Number.NaN),
            );
            const created = (await tabIds(ui.page)).find((id) => !known.includes(id));
            if (created) await server.api("POST", `/api/session/${encodeURIComponent(created)}/kill`);
            return ms;
          },
        },
        { warmup: 1, onRound: (round) => ctx.log(round < 0 ? "warm-up" : `session ${round + 1}/${ctx.n}`) },
      );
      return { subject: ready, subjectLabel: `ours (${cliLabel(cli)}): Start → composer ready` };
    },
  };
}
