// Browser tests (issue 17 §1, §2, §6): a background session's turn end shows a notification and counts in the title;
// clicking it opens the session; an approval of a session with no open tab is answered from the attention inbox.
import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import type { Page } from "playwright-core";
import { beforeEach, describe, expect, it } from "vitest";
import { E2E_TEST_TIMEOUT_MS, useBrowserSuite } from "../testing/app/browser-suite.js";
import { clickNotification, NOTIFICATION_RECORDER, waitForNotification } from "../testing/app/notifications.js";
import { startSessionInUi, tabIds, waitForFinishedTurns } from "../testing/app/page.js";

const suite = useBrowserSuite();
const hello = () => path.join(suite.stack.projectDir, "hello.txt");

beforeEach(async () => {
  await rm(hello(), { force: true });
});

/** Opens the app recording its notifications, and turns notifications on with the inbox's bell. */
async function openWithNotifications(): Promise<Page> {
  const { page, context } = await suite.open({ initScript: NOTIFICATION_RECORDER });
  const bell = page.getByTestId("notify-enable");
  await bell.waitFor({ state: "visible" });
  await context.grantPermissions(["notifications"]);
  await bell.click();
  await bell.waitFor({ state: "hidden" });
  return page;
}

/** The count in the page title's `(N)` prefix (0 without one). */
async function titleCount(page: Page): Promise<number> {
  return Number(/^\((\d+)\) /.exec(await page.title())?.[1] ?? 0);
}

const tab = (page: Page, sessionId: string) => page.locator(`[data-testid=tab][data-session-id="${sessionId}"]`);
const inboxItem = (page: Page, sessionId: string) =>
  page.locator(`[data-testid=attention-item][data-session-id="${sessionId}"]`);

describe("attention across sessions", { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it("a background session finishes → a notification and (1) in the title → clicking it opens that session", async () => {
    const page = await openWithNotifications();
    const background = await startSessionInUi(page, { cliType: "claude-code" });
    const foreground = await startSessionInUi(page, { cliType: "claude-code" });
    expect(await page.title()).not.toMatch(/^\(\d+\)/);

    await suite.stack.service.sendMessage(background, "Hello there");
    const shown = await waitForNotification(page, 1);
    expect(shown.title).toMatch(/finished$/);
    expect(shown.tag).toBe(`liminal:${background}`);
    await page.waitForFunction(() => document.title.startsWith("(1) "));
    await inboxItem(page, background).and(page.locator("[data-kind=finished]")).waitFor();
    const mark = tab(page, background).getByTestId("tab-status");
    expect(await mark.getAttribute("data-status")).toBe("finished");
    expect(await mark.getAttribute("aria-label")).toBe("Finished, not seen yet");
    expect(await page.locator("link[rel~=icon]").getAttribute("href")).toContain("%3Ctext");
    expect(await tab(page, foreground).getAttribute("aria-selected")).toBe("true");

    await clickNotification(page, 0);
    await tab(page, background).and(page.locator("[aria-selected=true]")).waitFor();
    await waitForFinishedTurns(page, background, 1);
    await page.waitForFunction(() => !document.title.startsWith("("));
    await inboxItem(page, background).waitFor({ state: "detached" });
    expect(await page.getByTestId("attention-count").isHidden()).toBe(true);

    // Looked at: a reload neither resurrects it nor shows a notification again.
    await page.reload();
    await page.getByTestId("attention-empty").waitFor();
    expect(await page.title()).not.toMatch(/^\(\d+\)/);
  });

  it("a background session's failed turn: a notification saying so, the tab's mark, and the kind turned off in settings stays quiet", async () => {
    const page = await openWithNotifications();
    const failing = await startSessionInUi(page, { cliType: "claude-code" });
    await startSessionInUi(page, { cliType: "claude-code" });

    await suite.stack.service.sendMessage(failing, "scenario:error-401");
    const shown = await waitForNotification(page, 1);
    expect(shown.title).toMatch(/failed$/);
    const mark = tab(page, failing).getByTestId("tab-status");
    await mark.and(page.locator("[data-status=failed]")).waitFor();
    expect(await mark.getAttribute("aria-label")).toBe("Turn failed");
    await inboxItem(page, failing).and(page.locator("[data-kind=failed]")).waitFor();

    await page.getByTestId("notify-settings-button").click();
    await page.locator("[data-testid=notify-kind][data-kind=failed]").uncheck();
    await suite.stack.service.sendMessage(failing, "scenario:error-401");
    // The second failure reaches the page (a new last turn; the notifier runs in the same store change) but shows no notification.
    const firstTurn = await page.evaluate(
      (id) =>
        (
          window as unknown as { __liminal: { state(): { attention: { turns: Record<string, { turnId: string }> } } } }
        ).__liminal.state().attention.turns[id]?.turnId,
      failing,
    );
    await page.waitForFunction(
      ([id, before]) =>
        (
          window as unknown as { __liminal: { state(): { attention: { turns: Record<string, { turnId: string }> } } } }
        ).__liminal.state().attention.turns[id as string]?.turnId !== before,
      [failing, firstTurn],
    );
    expect(
      await page.evaluate(() => (window as unknown as { __notifications: unknown[] }).__notifications.length),
    ).toBe(1);
  });

  it("an approval of a session with no open tab is answered from the inbox; its end then waits there, unseen", async () => {
    const page = await openWithNotifications();
    const asking = await startSessionInUi(page, { cliType: "claude-code", permissionMode: "default" });
    await startSessionInUi(page, { cliType: "claude-code" });
    await tab(page, asking).getByTestId("tab-close").click();
    await tab(page, asking).waitFor({ state: "detached" });
    // The earlier test's finished turn was seen in another browser context: it counts here, unseen.
    const before = await titleCount(page);

    await suite.stack.service.sendMessage(asking, "scenario:tool-write");
    const shown = await waitForNotification(page, 1);
    expect(shown.title).toMatch(/needs your approval$/);
    expect(shown.body).toContain("Write");
    const item = inboxItem(page, asking);
    await item.and(page.locator("[data-kind=approval]")).waitFor();
    expect(await item.getByTestId("attention-approval").textContent()).toContain("hello.txt");
    expect(await titleCount(page)).toBe(before + 1);
    expect(existsSync(hello())).toBe(false);

    await item.locator("[data-testid=attention-option][data-kind=allow_once]").click();
    await item.and(page.locator("[data-kind=finished]")).waitFor({ timeout: 30_000 });
    expect(await readFile(hello(), "utf8")).toBe("Hello from Liminal Builder\n");
    expect(await tabIds(page)).not.toContain(asking);

    await item.getByTestId("attention-open").click();
    await tab(page, asking).and(page.locator("[aria-selected=true]")).waitFor();
    await item.waitFor({ state: "detached" });
  });
});
