// Target `composer-paste-1mb` (issue 16 §7): a 1 MB paste into the composer → the page responsive again.
import { startSessionInUi } from "../../testing/app/page.js";
import { openAppUi } from "../app/app-page.js";
import { startAppStack } from "../app/app-stack.js";
import { appUnavailable } from "../app/app-status.js";
import type { Check } from "../lib/check.js";
import { interleave } from "../lib/interleave.js";

/** 1 MiB of source-like text (lines of 64 characters). */
const PASTE_CHARS = 1024 * 1024;

/** `composer-paste-1mb`: a real Ctrl+V of 1 MiB of text into the composer → the next frame painted. */
export const composerPasteCheck: Check = {
  name: "composer-paste-1mb",
  measures:
    "1 MiB of text (16,384 lines) pasted with Ctrl+V into the composer of an open Codex session (the clipboard written first): the page's `paste` event → the next animation frame after the paste and the composer's input handling (autosize, Send state) ran, i.e. the page can paint and take input again; the box is emptied between rounds.",
  unit: "ms",
  n: { default: 10, quick: 2 },
  threshold: { kind: "absolute", stat: "p95", op: "<", limit: 100 },
  level: "target",
  timeoutMs: 4 * 60_000,
  unavailable: (ctx) => appUnavailable(ctx.repoRoot),
  async run(ctx) {
    const { server, browser } = await startAppStack(ctx);
    const ui = await openAppUi(browser.browser, server);
    await startSessionInUi(ui.page, { cliType: "codex" });
    await ui.app.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
    await ui.page.evaluate((chars) => {
      const line = `${"x".repeat(63)}\n`;
      (window as unknown as { __benchPaste: string }).__benchPaste = line
        .repeat(Math.ceil(chars / line.length))
        .slice(0, chars);
      document.addEventListener("paste", () => performance.mark("bench:paste"), { capture: true });
    }, PASTE_CHARS);
    const input = ui.page.getByTestId("composer-input");
    const { paste } = await interleave(
      ctx.n,
      {
        paste: async () => {
          await input.fill("");
          await ui.page.evaluate(async () => {
            performance.clearMarks("bench:paste");
            await navigator.clipboard.writeText((window as unknown as { __benchPaste: string }).__benchPaste);
          });
          await input.focus();
          await ui.page.keyboard.press("Control+V");
          return ui.page.evaluate(
            (chars) =>
              new Promise<number>((resolve, reject) => {
                requestAnimationFrame(() => {
                  const mark = performance.getEntriesByName("bench:paste").at(-1);
                  const box = document.querySelector<HTMLTextAreaElement>("[data-testid=composer-input]");
                  if (!mark || box?.value.length !== chars)
                    reject(new Error("the paste did not arrive in the composer"));
                  else resolve(performance.now() - mark.startTime);
                });
              }),
            PASTE_CHARS,
          );
        },
      },
      { warmup: 1, onRound: (round) => ctx.log(round < 0 ? "warm-up" : `paste ${round + 1}/${ctx.n}`) },
    );
    return {
      subject: paste,
      subjectLabel: "1 MiB paste → next frame",
      notes: ["measured inside the page (performance marks): paste event → next animation frame"],
    };
  },
};
