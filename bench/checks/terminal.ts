// Targets `terminal-keystroke` and `terminal-flood`: a key typed into a session's terminal until its echo is on the
// page, and a session's stream latency while `yes` floods a terminal in the same page.
import type { Page } from "playwright-core";
import { startSessionInUi } from "../../testing/app/page.js";
import { openAppUi } from "../app/app-page.js";
import { startAppStack } from "../app/app-stack.js";
import { appUnavailable } from "../app/app-status.js";
import { openAppStreamPipeline } from "../app/app-stream.js";
import type { Check } from "../lib/check.js";
import { DeltaRecorder } from "../lib/delta-recorder.js";
import { compareStreamLatency, type StreamPipeline } from "../lib/stream-latency.js";
import { STREAM_PROMPT, streamExpectedText } from "./stream-latency-baseline.js";

const SHOWN = "[data-testid=terminal-view]:not([hidden])";

/** Opens the session's terminal panel and waits for a shell prompt in it. */
async function openTerminal(page: Page): Promise<void> {
  await page.getByTestId("session-terminal").click();
  await page.locator(`${SHOWN}[data-status=open]`).waitFor({ timeout: 20_000 });
  await page.waitForFunction(
    (selector) => /[$#] ?$/.test((document.querySelector(`${selector} .xterm-rows`)?.textContent ?? "").trimEnd()),
    SHOWN,
    { timeout: 20_000 },
  );
  await page.locator(`${SHOWN} .xterm-screen`).click();
}

/** Waits until the shown terminal's screen holds `text`. */
async function waitForScreen(page: Page, text: string, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    ({ selector, wanted }) => (document.querySelector(`${selector} .xterm-rows`)?.textContent ?? "").includes(wanted),
    { selector: SHOWN, wanted: text },
    { timeout },
  );
}

/**
 * In the page: for the next key pressed, the time from its `keydown` (capture phase, before xterm.js sees it) to the
 * first DOM change after which the terminal's rows hold `expected` (MutationObserver on nodes and text), pushed to
 * `window.__keystrokes`.
 */
async function armKeystroke(page: Page, expected: string): Promise<void> {
  await page.evaluate(
    ({ selector, wanted }) => {
      type Probe = { latencies: number[]; arm(wanted: string): void };
      const w = window as unknown as { __keystrokeProbe?: Probe };
      if (!w.__keystrokeProbe) {
        const rows = document.querySelector(`${selector} .xterm-rows`) as HTMLElement;
        let pressedAt: number | null = null;
        let want = "";
        const probe: Probe = {
          latencies: [],
          arm(next) {
            want = next;
            pressedAt = null;
          },
        };
        document.addEventListener(
          "keydown",
          () => {
            if (pressedAt === null) pressedAt = performance.now();
          },
          true,
        );
        new MutationObserver(() => {
          if (pressedAt === null || !(rows.textContent ?? "").includes(want)) return;
          probe.latencies.push(performance.now() - pressedAt);
          pressedAt = null;
          want = "\u0000never";
        }).observe(rows, { subtree: true, childList: true, characterData: true });
        w.__keystrokeProbe = probe;
      }
      w.__keystrokeProbe.arm(wanted);
    },
    { selector: SHOWN, wanted: expected },
  );
}

/** `terminal-keystroke`: a typed character until its echo is in the page. */
export const terminalKeystrokeCheck: Check = {
  name: "terminal-keystroke",
  measures:
    "A character typed into a session's terminal (bash at its prompt, through our server's PTY and the terminal socket) → the first DOM change after which xterm.js's rows show it (keydown → MutationObserver, both in the page).",
  unit: "ms",
  n: { default: 200, quick: 40 },
  threshold: { kind: "absolute", stat: "p95", op: "<", limit: 30 },
  level: "target",
  timeoutMs: 6 * 60_000,
  unavailable: (ctx) => appUnavailable(ctx.repoRoot),
  async run(ctx) {
    const { server, browser } = await startAppStack(ctx);
    const ui = await openAppUi(browser.browser, server);
    ctx.defer(() => ui.close());
    await startSessionInUi(ui.page, { cliType: "claude-code" });
    await openTerminal(ui.page);
    let typed = "";
    let line = 0;
    for (let i = 0; i < ctx.n; i++) {
      if (typed.length === 0 || typed.length >= 60) {
        // A fresh line with a prefix of its own, so the expected text appears nowhere on the screen before its echo.
        if (typed) await ui.page.keyboard.press("Control+U");
        typed = `echo line${++line}-`;
        await ui.page.keyboard.type(typed);
        await waitForScreen(ui.page, typed);
      }
      const char = String.fromCharCode(97 + (i % 26));
      typed += char;
      await armKeystroke(ui.page, typed);
      await ui.page.keyboard.press(char);
      await ui.page.waitForFunction(
        (count) =>
          (window as unknown as { __keystrokeProbe: { latencies: number[] } }).__keystrokeProbe.latencies.length >=
          count,
        i + 1,
        { timeout: 10_000 },
      );
    }
    const latencies = await ui.page.evaluate(
      () => (window as unknown as { __keystrokeProbe: { latencies: number[] } }).__keystrokeProbe.latencies,
    );
    return {
      subject: latencies,
      subjectLabel: "keystroke → echo visible",
      notes: [`${ctx.n} keystrokes, one at a time, each waiting for its echo before the next`],
    };
  },
};

/** `terminal-flood`: a session's stream latency while `yes` runs in a terminal of the same page, vs without. */
export const terminalFloodCheck: Check = {
  name: "terminal-flood",
  measures: `Claude Code: per text delta, the stand-in writing it → the page marking it visible, for turns of "${STREAM_PROMPT}" while \`yes\` writes into a terminal open in the same page (started a second before the turn, stopped after it), against the same session's turns with the terminal idle, alternating.`,
  unit: "ms",
  n: { default: 6, quick: 2 },
  threshold: { kind: "ratio", stats: ["median", "p95"], max: 1.2, allowance: 1 },
  level: "target",
  timeoutMs: 8 * 60_000,
  unavailable: (ctx) => appUnavailable(ctx.repoRoot),
  async run(ctx) {
    const recorder = new DeltaRecorder();
    const { server, browser } = await startAppStack(ctx, { onDelta: recorder.record });
    const session = await openAppStreamPipeline(browser.browser, server, "claude-code", "ours, terminal idle");
    ctx.defer(() => session.close());
    const { page } = session;
    await openTerminal(page);
    let floods = 0;
    const flooded: StreamPipeline = {
      label: "ours while yes floods a terminal",
      get clock() {
        return session.clock;
      },
      async runTurn(prompt, expectedLength, timeoutMs) {
        floods += 1;
        await page.locator(`${SHOWN} .xterm-screen`).click();
        await page.keyboard.type("yes flood-line");
        await page.keyboard.press("Enter");
        await page.waitForFunction(
          (selector) =>
            (document.querySelector(`${selector} .xterm-rows`)?.textContent ?? "").split("flood-line").length > 10,
          SHOWN,
          { timeout: 10_000 },
        );
        await page.waitForTimeout(1000); // a second of steady flooding before the turn starts
        try {
          return await session.runTurn(prompt, expectedLength, timeoutMs);
        } finally {
          await page.locator(`${SHOWN} .xterm-screen`).click();
          await page.keyboard.press("Control+C");
          await page.keyboard.type(`echo flood-${floods}-$((1+1))-done`);
          await page.keyboard.press("Enter");
          await waitForScreen(page, `flood-${floods}-2-done`, 60_000);
        }
      },
      close: async () => undefined,
    };
    const samples = await compareStreamLatency({
      subject: flooded,
      baseline: session,
      recorder,
      n: ctx.n,
      prompt: STREAM_PROMPT,
      expectedText: streamExpectedText(),
      log: ctx.log,
    });
    return { ...samples, extra: undefined };
  },
};
