// Takes the README screenshot (docs/screenshot.png): a demo stack, a Codex tab and a Claude Code tab with a tool call.
// Run by hand: `npm run build:client && npx tsx testing/app/screenshot.ts [out.png]`.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium } from "../browser/chromium.js";
import { buildClient } from "./client-build.js";
import { openApp, sendInUi, startSessionInUi, waitForFinishedTurns } from "./page.js";
import { startLiminalStack } from "./stack.js";

/** Where the README expects the picture. */
export const DEFAULT_SCREENSHOT = fileURLToPath(new URL("../../docs/screenshot.png", import.meta.url));

/**
 * Builds the client, starts a stack with the demo's conversational model scripts (no scenario markers, so the
 * messages read naturally) in a project folder named `greeting-app`, holds a short Codex conversation (thinking)
 * and a Claude Code one (a shell command, then a markdown answer with code), and saves a 1280×800 screenshot of the
 * Claude Code tab to `out`. Everything is removed afterwards.
 */
export async function takeScreenshot(out: string = DEFAULT_SCREENSHOT): Promise<void> {
  buildClient();
  const root = await mkdtemp(path.join(tmpdir(), "liminal-screenshot-"));
  const stack = await startLiminalStack({ rootDir: root, projectDir: path.join(root, "greeting-app") });
  const chromium = await launchChromium();
  try {
    const { page } = await openApp(chromium.browser, stack);
    const codex = await startSessionInUi(page, { cliType: "codex" });
    await sendInUi(page, "Think about how to test the greeting helper before we change it.");
    await waitForFinishedTurns(page, codex, 1);

    const claude = await startSessionInUi(page, { cliType: "claude-code" });
    await sendInUi(page, "Run a quick command to check the shell works.");
    await waitForFinishedTurns(page, claude, 1);
    await sendInUi(page, "Give me a TypeScript code example of the greeting helper.");
    await waitForFinishedTurns(page, claude, 2);
    await page.getByTestId("composer-input").fill("Now add a test for it");
    await page.mouse.move(0, 0);
    await page.screenshot({ path: out });
    console.log(`Saved ${out}`);
  } finally {
    await chromium.close();
    await stack.close();
    await rm(root, { recursive: true, force: true });
  }
}

const isEntryPoint = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntryPoint) {
  takeScreenshot(process.argv[2] ? path.resolve(process.argv[2]) : undefined).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
