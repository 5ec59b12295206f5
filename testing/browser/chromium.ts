// Finds (or installs) Debian's Chromium and launches it headless through playwright-core for browser tests.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

/** Where Debian's `chromium` package puts the browser; `LIMINAL_CHROMIUM` overrides it. */
export const DEFAULT_CHROMIUM_PATH = "/usr/bin/chromium";

/** The flags this machine needs (no sandbox as root, no background traffic to a closed network). */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

let installAttempted = false;

/**
 * The Chromium executable, installing Debian's package when it is missing and we can (root with apt-get).
 * @throws Error with one line saying how to install it when it is missing and cannot be installed here.
 */
export function ensureChromium(): string {
  const path = process.env.LIMINAL_CHROMIUM ?? DEFAULT_CHROMIUM_PATH;
  if (existsSync(path)) return path;
  const canInstall = process.getuid?.() === 0 && existsSync("/usr/bin/apt-get") && !process.env.LIMINAL_CHROMIUM;
  if (canInstall && !installAttempted) {
    installAttempted = true;
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    try {
      execFileSync("apt-get", ["update"], { stdio: "ignore", env, timeout: 300_000 });
      execFileSync("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], {
        stdio: "ignore",
        env,
        timeout: 600_000,
      });
    } catch (error) {
      throw new Error(`Installing Chromium failed (${(error as Error).message}); run: apt-get install -y chromium`);
    }
    if (existsSync(path)) return path;
  }
  throw new Error(
    `Chromium not found at ${path}: install it with "apt-get install -y chromium" (or set LIMINAL_CHROMIUM)`,
  );
}

/** A launched browser; `close()` ends it. */
export interface LaunchedBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Launches headless Chromium (playwright-core, `executablePath`). Each launch gets a fresh, empty profile: Playwright
 * itself passes a new temporary `--user-data-dir` and deletes it on close (it refuses one given in `args`).
 * @throws the `ensureChromium` error when Chromium is missing.
 */
export async function launchChromium(): Promise<LaunchedBrowser> {
  const executablePath = ensureChromium();
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  return {
    browser,
    async close() {
      await browser.close().catch(() => undefined);
    },
  };
}
