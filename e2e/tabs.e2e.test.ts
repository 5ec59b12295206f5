// Browser test: a Claude Code tab and a Codex tab keep their own conversation and scroll position when switching.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { E2E_TEST_TIMEOUT_MS, useBrowserSuite } from "../testing/app/browser-suite.js";
import { chatView, sendInUi, startSessionInUi, waitForFinishedTurns } from "../testing/app/page.js";

const suite = useBrowserSuite();

/** Sends each message in the active tab and waits for its turn to finish. */
async function converse(page: Page, sessionId: string, messages: string[]): Promise<void> {
  for (const [index, message] of messages.entries()) {
    await sendInUi(page, message);
    await waitForFinishedTurns(page, sessionId, index + 1);
  }
}

/** The user messages shown in the one visible chat view, and that view's session id. */
async function visibleConversation(page: Page): Promise<{ sessionId: string; userMessages: string[] }> {
  return page.evaluate(() => {
    const views = [...document.querySelectorAll<HTMLElement>("[data-testid=chat-view]")].filter((v) => !v.hidden);
    if (views.length !== 1) throw new Error(`${views.length} chat views are visible`);
    const view = views[0] as HTMLElement;
    return {
      sessionId: view.dataset.sessionId ?? "",
      userMessages: [...view.querySelectorAll("[data-testid=chat-item][data-origin=user] .md")].map((el) =>
        (el.textContent ?? "").trim(),
      ),
    };
  });
}

async function scrollTop(page: Page, sessionId: string): Promise<number> {
  return chatView(page, sessionId)
    .getByTestId("chat-scroll")
    .evaluate((el) => el.scrollTop);
}

async function distanceFromBottom(page: Page, sessionId: string): Promise<number> {
  return chatView(page, sessionId)
    .getByTestId("chat-scroll")
    .evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
}

/** Waits until the chat of `sessionId` has scrolled up from the bottom and its position held still for 200 ms. */
async function waitForScrollToSettle(page: Page, sessionId: string): Promise<void> {
  await page.waitForFunction(
    (id) => {
      const el = document.querySelector(`[data-testid=chat-view][data-session-id="${id}"] [data-testid=chat-scroll]`);
      if (!el || el.scrollHeight - el.scrollTop - el.clientHeight < 50) return false;
      const memo = window as unknown as { __scrollSeen?: { top: number; at: number } };
      const now = performance.now();
      if (memo.__scrollSeen?.top !== el.scrollTop) {
        memo.__scrollSeen = { top: el.scrollTop, at: now };
        return false;
      }
      return now - memo.__scrollSeen.at >= 200;
    },
    sessionId,
    { polling: 50 },
  );
}

async function openTab(page: Page, sessionId: string): Promise<void> {
  await page.locator(`[data-testid=tab][data-session-id="${sessionId}"]`).click();
  await chatView(page, sessionId).waitFor({ state: "visible" });
}

describe("tabs", { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it("a Claude Code tab and a Codex tab each keep their own conversation and scroll position", async () => {
    const { page } = await suite.open({ viewport: { width: 1280, height: 640 } });
    const claudeMessages = [
      "claude first scenario:markdown",
      "claude second scenario:tool-shell",
      "claude third scenario:text",
    ];
    const codexMessages = [
      "codex first scenario:tool-shell",
      "codex second scenario:markdown",
      "codex third scenario:text",
    ];

    const claude = await startSessionInUi(page, { cliType: "claude-code" });
    await converse(page, claude, claudeMessages);
    const codex = await startSessionInUi(page, { cliType: "codex" });
    await converse(page, codex, codexMessages);

    // Codex is active and follows the newest message.
    expect(await visibleConversation(page)).toEqual({ sessionId: codex, userMessages: codexMessages });
    expect(await distanceFromBottom(page, codex)).toBeLessThan(2);

    // Claude: scroll up part-way like a reader would.
    await openTab(page, claude);
    expect(await visibleConversation(page)).toEqual({ sessionId: claude, userMessages: claudeMessages });
    const scroller = chatView(page, claude).getByTestId("chat-scroll");
    const box = await scroller.boundingBox();
    if (!box) throw new Error("the Claude chat is not laid out");
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -160);
    await waitForScrollToSettle(page, claude);
    const claudeTop = await scrollTop(page, claude);
    expect(claudeTop).toBeGreaterThan(0);

    // Back and forth: each shows its own conversation where it was left.
    for (let round = 0; round < 2; round++) {
      await openTab(page, codex);
      expect(await visibleConversation(page)).toEqual({ sessionId: codex, userMessages: codexMessages });
      expect(await distanceFromBottom(page, codex)).toBeLessThan(2);
      await openTab(page, claude);
      expect(await visibleConversation(page)).toEqual({ sessionId: claude, userMessages: claudeMessages });
      expect(await scrollTop(page, claude)).toBe(claudeTop);
    }
    await expect(page.getByTestId("jump-to-bottom").filter({ visible: true }).count()).resolves.toBe(1);
  });
});
