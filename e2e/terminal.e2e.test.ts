// Browser test: a session's terminal panel runs a real shell in the session's folder, survives a reload, and manages
// several terminals (new, rename, exit and restart, close).
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { E2E_TEST_TIMEOUT_MS, useBrowserSuite } from "../testing/app/browser-suite.js";
import { startSessionInUi, waitForConnected } from "../testing/app/page.js";

const suite = useBrowserSuite();

/** The terminal view shown in the panel. */
const shownTerminal = (page: Page): Locator => page.locator("[data-testid=terminal-view]:not([hidden])");

/** Waits until the shown terminal's screen holds `text` (xterm.js's DOM renderer puts each row in `.xterm-rows`). */
async function waitForScreen(page: Page, text: string): Promise<void> {
  await page.waitForFunction(
    (wanted) =>
      (document.querySelector("[data-testid=terminal-view]:not([hidden]) .xterm-rows")?.textContent ?? "").includes(
        wanted,
      ),
    text,
    { timeout: 15_000 },
  );
}

/** Types a command into the shown terminal, as a user does: click into it, type, Enter. */
async function typeCommand(page: Page, command: string): Promise<void> {
  await shownTerminal(page).locator(".xterm-screen").click();
  await page.keyboard.type(command);
  await page.keyboard.press("Enter");
}

describe("the terminal panel", { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it("runs a shell in the session's folder, and a reload shows what it printed", async () => {
    const { page } = await suite.open();
    await startSessionInUi(page, { cliType: "claude-code" });
    await page.getByTestId("session-terminal").click();
    await shownTerminal(page).locator("xpath=self::*[@data-status='open']").waitFor({ timeout: 15_000 });

    await typeCommand(page, "echo hi-$((40+2)) in $(pwd)");
    await waitForScreen(page, `hi-42 in ${suite.stack.projectDir}`);

    await page.reload();
    await waitForConnected(page);
    await page.getByTestId("terminal-panel").waitFor({ state: "visible" });
    await waitForScreen(page, `hi-42 in ${suite.stack.projectDir}`);
    await typeCommand(page, "echo after-$((1+2))-reload");
    await waitForScreen(page, "after-3-reload");
    const screen = (await shownTerminal(page).locator(".xterm-rows").textContent()) ?? "";
    expect(screen.split(`hi-42 in ${suite.stack.projectDir}`).length - 1).toBe(1);
  });

  it("follows the panel's size (stty size) and shows a full-screen program, then the screen it left", async () => {
    const { page } = await suite.open();
    await startSessionInUi(page, { cliType: "claude-code" });
    await page.keyboard.press("Control+Backquote");
    await shownTerminal(page).locator("xpath=self::*[@data-status='open']").waitFor({ timeout: 15_000 });
    await typeCommand(page, 'echo "size=$(stty size)"');
    await page.waitForFunction(() => /size=\d+ \d+/.test(document.querySelector(".xterm-rows")?.textContent ?? ""));
    const sizeOf = async () => {
      const text = (await shownTerminal(page).locator(".xterm-rows").textContent()) ?? "";
      const sizes = [...text.matchAll(/size=(\d+) (\d+)/g)];
      const last = sizes.at(-1);
      return { rows: Number(last?.[1]), cols: Number(last?.[2]), count: sizes.length };
    };
    const before = await sizeOf();

    const handle = page.getByTestId("terminal-resize");
    const box = await handle.boundingBox();
    if (!box) throw new Error("no resize handle");
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y - 150, { steps: 5 });
    await page.mouse.up();
    await typeCommand(page, 'clear; echo "size=$(stty size)"');
    await expect.poll(async () => (await sizeOf()).rows, { timeout: 10_000 }).toBeGreaterThan(before.rows + 5);

    await typeCommand(page, "echo before-full-screen-$((2*21))");
    await waitForScreen(page, "before-full-screen-42");
    await typeCommand(page, "seq 1 500 | less");
    // less draws on the alternate screen: the shell's lines are gone until it quits.
    await page.waitForFunction(() => {
      const text = document.querySelector("[data-testid=terminal-view]:not([hidden]) .xterm-rows")?.textContent ?? "";
      return /1\s*2\s*3\s*4\s*5/.test(text) && !text.includes("before-full-screen-42");
    });
    await page.keyboard.press("q");
    await waitForScreen(page, "before-full-screen-42");
  });

  it("opens more terminals, renames one, restarts an exited shell and closes them", async () => {
    const { page } = await suite.open();
    await startSessionInUi(page, { cliType: "codex" });
    await page.keyboard.press("Control+Backquote");
    const tabs = page.getByTestId("terminal-tab");
    await expect.poll(() => tabs.count(), { timeout: 15_000 }).toBe(1);

    await page.getByTestId("terminal-new").click();
    await expect.poll(() => tabs.count(), { timeout: 15_000 }).toBe(2);
    expect(await tabs.nth(1).getAttribute("aria-selected")).toBe("true");
    await tabs.nth(1).dblclick();
    const rename = page.getByTestId("terminal-rename-input");
    await rename.fill("tests");
    await rename.press("Enter");
    await expect.poll(() => tabs.nth(1).getByTestId("terminal-tab-name").textContent()).toBe("tests");

    await typeCommand(page, "exit 7");
    await expect.poll(() => tabs.nth(1).getAttribute("data-state"), { timeout: 15_000 }).toBe("exited");
    expect(await tabs.nth(1).textContent()).toContain("exited with code 7");
    await page.getByTestId("terminal-restart").click();
    await expect.poll(() => tabs.nth(1).getAttribute("data-state"), { timeout: 15_000 }).toBe("running");
    await typeCommand(page, "echo restarted-$((3+4))");
    await waitForScreen(page, "restarted-7");

    await tabs.nth(1).getByTestId("terminal-tab-close").click();
    await expect.poll(() => tabs.count(), { timeout: 15_000 }).toBe(1);
    await tabs.nth(0).getByTestId("terminal-tab-close").click();
    await page.getByTestId("terminal-panel").waitFor({ state: "hidden" });
  });
});
