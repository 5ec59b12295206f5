// Browser test of the composer's completion popup (issue 16 §3 slash commands, §4 @ mentions): `/` lists the real
// CLI's commands with descriptions, filtered as typed, taken by keyboard and sent to the CLI; `@` lists the project's
// files and inserts `@path`.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { E2E_TEST_TIMEOUT_MS, useBrowserSuite } from "../testing/app/browser-suite.js";
import { startSessionInUi, waitForFinishedTurns } from "../testing/app/page.js";

const suite = useBrowserSuite({ claudeWarmStart: false });

beforeAll(() => {
  // A project command: Claude Code lists it and expands it (with its arguments) into the prompt the model gets.
  mkdirSync(path.join(suite.stack.projectDir, ".claude", "commands"), { recursive: true });
  writeFileSync(
    path.join(suite.stack.projectDir, ".claude", "commands", "probe-word.md"),
    "---\ndescription: Says the probe word\n---\nReply with the probe word zebra-$ARGUMENTS and nothing else.\n",
  );
});

describe("the composer's completion popup", { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it("/ lists Claude Code's commands with descriptions, filters as typed, Enter takes one, sending it runs it", async () => {
    const { page } = await suite.open();
    const sessionId = await startSessionInUi(page, { cliType: "claude-code" });
    const input = page.getByTestId("composer-input");
    const menu = page.getByTestId("completion-menu");
    const items = menu.getByTestId("completion-item");

    await input.pressSequentially("/");
    await expect.poll(() => items.count()).toBeGreaterThan(3);
    const probe = menu.locator('[data-testid=completion-item][data-value="probe-word"]');
    await expect.poll(() => probe.textContent()).toContain("Says the probe word");
    expect(await menu.locator('[data-value="compact"]').count()).toBe(1);

    await input.pressSequentially("probe-w");
    await expect.poll(() => items.first().getAttribute("data-value")).toBe("probe-word");
    const filtered = await items.evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.value));
    expect(filtered).not.toContain("compact");

    // Enter with the popup open takes the selected command; it does not send.
    await input.press("Enter");
    expect(await input.inputValue()).toBe("/probe-word ");
    expect(await menu.isHidden()).toBe(true);

    const before = suite.stack.anthropic.requests.length;
    await input.pressSequentially("alpha");
    await input.press("Enter");
    await waitForFinishedTurns(page, sessionId, 1);
    const sent = suite.stack.anthropic.requests
      .slice(before)
      .map((r) => JSON.stringify((r.body as { messages?: unknown }).messages ?? []));
    expect(sent.some((body) => body.includes("zebra-alpha"))).toBe(true);
  });

  it("↑/↓ move the selection, Esc closes; a command the CLI does not know is sent as text", async () => {
    const { page } = await suite.open();
    const sessionId = await startSessionInUi(page, { cliType: "codex" });
    const input = page.getByTestId("composer-input");
    const menu = page.getByTestId("completion-menu");
    const items = menu.getByTestId("completion-item");

    await input.pressSequentially("/");
    await expect.poll(() => menu.locator('[data-value="review"]').count()).toBe(1);
    const selected = () => menu.locator(".completion-item.selected").getAttribute("data-value");
    const first = await items.first().getAttribute("data-value");
    const second = await items.nth(1).getAttribute("data-value");
    expect(await selected()).toBe(first);
    await input.press("ArrowDown");
    expect(await selected()).toBe(second);
    await input.press("ArrowUp");
    expect(await selected()).toBe(first);
    await input.press("Tab");
    expect(await input.inputValue()).toBe(`/${first} `);

    await input.fill("");
    await input.pressSequentially("/");
    await expect.poll(() => items.count()).toBeGreaterThan(0);
    await input.press("Escape");
    expect(await menu.isHidden()).toBe(true);

    await input.pressSequentially("zzqx-unknown scenario:text");
    await input.press("Enter");
    await waitForFinishedTurns(page, sessionId, 1);
    const userMessage = page.locator(`[data-testid=chat-view][data-session-id="${sessionId}"]`);
    await expect.poll(() => userMessage.textContent()).toContain("/zzqx-unknown scenario:text");
  });

  it("@ and a few letters list a file of the project; choosing it with the mouse inserts @path", async () => {
    const { page } = await suite.open();
    await startSessionInUi(page, { cliType: "claude-code" });
    const input = page.getByTestId("composer-input");
    const menu = page.getByTestId("completion-menu");

    await input.pressSequentially("Read @gre");
    const row = menu.locator('[data-testid=completion-item][data-value="src/greet.js"]');
    await row.waitFor({ timeout: 10_000 });
    await row.click();
    expect(await input.inputValue()).toBe("Read @src/greet.js ");
    expect(await menu.isHidden()).toBe(true);
  });
});
