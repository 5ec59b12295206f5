// Vitest wiring for browser tests: one stack and one Chromium per file, a page per test, screenshots and failure logs.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll } from "vitest";
import { type LaunchedBrowser, launchChromium } from "../browser/chromium.js";
import { buildClient, REPO_ROOT } from "./client-build.js";
import { type AppPage, openApp } from "./page.js";
import { cliProcesses } from "./processes.js";
import { type LiminalStack, type LiminalStackOptions, startLiminalStack } from "./stack.js";

/** Where screenshots and failure logs go: `<repo>/test-results/e2e/`. */
export const ARTIFACTS_DIR = path.join(REPO_ROOT, "test-results", "e2e");

/** Time limit of one browser test (a Claude Code start is ~2 s; a slow scenario runs for seconds). */
export const E2E_TEST_TIMEOUT_MS = 90_000;

/** A file-name form of a test name: lower case, runs of other characters turned into `-`. */
export function artifactName(testName: string): string {
  return (
    testName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 120) || "test"
  );
}

/** What a browser test file gets from {@link useBrowserSuite}; `stack` and `browser` exist once `beforeAll` ran. */
export interface BrowserSuite {
  readonly stack: LiminalStack;
  readonly browser: Browser;
  /**
   * Opens the app in a new browser context; the page is screenshotted and closed after the test. `initScript` runs
   * before the app's scripts on every load; `device` emulates a phone (see `openApp`).
   */
  open(options?: {
    viewport?: { width: number; height: number };
    device?: { isMobile?: boolean; hasTouch?: boolean };
    initScript?: string;
  }): Promise<AppPage>;
}

/**
 * Registers the hooks of a browser test file: `beforeAll` builds the client, starts a stack (`stackOptions`) and
 * Chromium; `afterEach` saves a screenshot of the test's last page to `test-results/e2e/<test name>.png` and, when
 * the test failed, `<test name>.console.txt` (the page console of every page of the test) and
 * `<test name>.server.log` (the stack's log), removing those of an earlier failed run when it passed; then closes the
 * test's pages. `afterAll` ends Chromium and the stack,
 * then fails the file when a Claude Code or codex-acp process outlived the stack (and kills it).
 */
export function useBrowserSuite(stackOptions: LiminalStackOptions = {}): BrowserSuite {
  let stack: LiminalStack | undefined;
  let launched: LaunchedBrowser | undefined;
  let pages: AppPage[] = [];

  beforeAll(async () => {
    buildClient();
    launched = await launchChromium();
    stack = await startLiminalStack(stackOptions);
  });

  afterEach(async (context) => {
    const opened = pages;
    pages = [];
    const name = artifactName(context.task.name);
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    const last = opened.at(-1);
    if (last && !last.page.isClosed()) {
      await last.page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`) }).catch(() => undefined);
    }
    const consoleFile = path.join(ARTIFACTS_DIR, `${name}.console.txt`);
    const logFile = path.join(ARTIFACTS_DIR, `${name}.server.log`);
    if (context.task.result?.state === "fail") {
      const consoleText = opened.map((app, index) => `--- page ${index + 1}\n${app.console.join("\n")}\n`).join("");
      writeFileSync(consoleFile, consoleText);
      writeFileSync(logFile, stack?.log.text() ?? "");
    } else {
      rmSync(consoleFile, { force: true });
      rmSync(logFile, { force: true });
    }
    for (const app of opened) await app.close().catch(() => undefined);
  });

  afterAll(async () => {
    await launched?.close();
    await stack?.close();
    const left = cliProcesses();
    if (left.length > 0) {
      for (const info of left) process.kill(info.pid, "SIGKILL");
      throw new Error(
        `CLI processes outlived the stack: ${left.map((info) => `${info.pid} ${info.command}`).join("; ")}`,
      );
    }
  });

  return {
    get stack() {
      if (!stack) throw new Error("the stack is not started yet (use it inside a test)");
      return stack;
    },
    get browser() {
      if (!launched) throw new Error("Chromium is not launched yet (use it inside a test)");
      return launched.browser;
    },
    async open(options = {}) {
      const app = await openApp(this.browser, this.stack, options);
      pages.push(app);
      return app;
    },
  };
}
