// Browser test (issue 17 §5): at 390×844 on a phone's browser the sidebar is a drawer, the header a title and a menu,
// the chat has the width, every button is visible without hover and touch-sized, and a message can be sent.
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ARTIFACTS_DIR, E2E_TEST_TIMEOUT_MS, useBrowserSuite } from "../testing/app/browser-suite.js";
import { chatView, sendInUi, startSessionInUi, waitForFinishedTurns } from "../testing/app/page.js";

const suite = useBrowserSuite();

const PHONE = { width: 390, height: 844 } as const;
/** The smallest touch target the issue asks for, in CSS pixels. */
const TOUCH_PX = 40;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

async function box(locator: Locator): Promise<Box> {
  const found = await locator.boundingBox();
  if (!found) throw new Error(`${locator} has no box (not rendered)`);
  return found;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * What a user sees of the element without hovering: it is rendered, not transparent (a disabled button is dimmed,
 * not hidden: opacity ≥ 0.4), not `visibility: hidden`, its
 * box in the viewport, and a tap at its centre reaches it (nothing covers it).
 */
async function seenWithoutHover(locator: Locator): Promise<{ shown: boolean; width: number; height: number }> {
  return locator.evaluate((el) => {
    const rect = el.getBoundingClientRect();
    let opacity = 1;
    for (let node: Element | null = el; node; node = node.parentElement) {
      opacity *= Number(getComputedStyle(node).opacity);
    }
    const style = getComputedStyle(el);
    const centre = document.elementFromPoint(rect.x + rect.width / 2, rect.y + rect.height / 2);
    const inView = rect.x >= 0 && rect.y >= 0 && rect.right <= innerWidth && rect.bottom <= innerHeight;
    const shown =
      rect.width > 0 &&
      opacity >= 0.4 &&
      style.visibility === "visible" &&
      inView &&
      centre !== null &&
      el.contains(centre);
    return { shown, width: rect.width, height: rect.height };
  });
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `phone-${name}.png`) });
}

async function drawerState(page: Page): Promise<string | null> {
  return page.locator(".app").getAttribute("data-drawer");
}

describe("a phone-sized screen (390×844)", () => {
  it(
    "drawer, header menu, full-width chat, touch-sized buttons visible without hover, and sending works",
    async () => {
      const { page } = await suite.open({ viewport: PHONE, device: { isMobile: true, hasTouch: true } });
      const sidebar = page.getByTestId("sidebar");
      const menu = page.getByTestId("sidebar-toggle");

      // Closed by default: the chat area has the screen.
      expect(await drawerState(page)).toBe("closed");
      expect(await sidebar.isVisible()).toBe(false);
      await screenshot(page, "start");

      // The menu button opens the drawer; + and × are there without hover, at least 40 px.
      await menu.tap();
      await expect.poll(() => sidebar.isVisible()).toBe(true);
      expect(await drawerState(page)).toBe("open");
      await expect.poll(async () => (await box(sidebar)).x).toBe(0); // slid in all the way
      const group = page.getByTestId("project-group").first();
      for (const testId of ["new-session-button", "project-remove"]) {
        const seen = await seenWithoutHover(group.getByTestId(testId));
        expect(seen, testId).toMatchObject({ shown: true });
        expect(Math.min(seen.width, seen.height), testId).toBeGreaterThanOrEqual(TOUCH_PX);
      }
      await screenshot(page, "drawer");

      // Starting a session from the drawer opens its tab and closes the drawer.
      const sessionId = await startSessionInUi(page, { cliType: "codex" });
      await expect.poll(() => drawerState(page)).toBe("closed");
      await expect.poll(() => sidebar.isVisible()).toBe(false);

      // Sending works.
      await sendInUi(page, "Hello from a phone");
      await waitForFinishedTurns(page, sessionId, 1);
      const view = chatView(page, sessionId);
      await view.locator("[data-testid=chat-item][data-origin=agent]").first().waitFor();
      await expect
        .poll(() => view.locator("[data-testid=chat-item][data-origin=user]").first().textContent())
        .toContain("Hello from a phone");
      await screenshot(page, "chat");

      // The key boxes: on screen, apart, and the chat nearly the whole width.
      const header = await box(page.getByTestId("session-header"));
      const chat = await box(view);
      const composer = await box(page.getByTestId("composer"));
      const drawerButton = await box(menu);
      const boxes = { header, chat, composer, drawerButton };
      const names = Object.keys(boxes) as (keyof typeof boxes)[];
      for (const [i, a] of names.entries()) {
        const b1 = boxes[a];
        expect(b1.x >= 0 && b1.y >= 0 && b1.x + b1.width <= PHONE.width + 0.5, `${a} on screen`).toBe(true);
        expect(b1.y + b1.height <= PHONE.height + 0.5, `${a} above the bottom`).toBe(true);
        for (const b of names.slice(i + 1)) expect(overlaps(b1, boxes[b]), `${a} overlaps ${b}`).toBe(false);
      }
      expect(chat.width).toBeGreaterThanOrEqual(0.9 * PHONE.width);
      expect(composer.width).toBeGreaterThanOrEqual(0.9 * PHONE.width);
      const input = await box(page.getByTestId("composer-input"));
      expect(input.width).toBeGreaterThanOrEqual(0.6 * PHONE.width);
      expect(input.height).toBeGreaterThanOrEqual(TOUCH_PX);
      expect(input.height).toBeLessThanOrEqual(64);
      const send = await seenWithoutHover(page.getByTestId("composer-send"));
      expect(send.shown).toBe(true);
      expect(send.height).toBeGreaterThanOrEqual(TOUCH_PX);

      // The header: the title, and a menu holding the other controls.
      const headerEl = page.getByTestId("session-header");
      expect(await headerEl.getByTestId("session-header-title").isVisible()).toBe(true);
      expect(await headerEl.getByTestId("session-kill").isVisible()).toBe(false);
      expect(await headerEl.getByTestId("session-terminal").isVisible()).toBe(false);
      await headerEl.getByTestId("session-menu-button").tap();
      for (const testId of ["session-kill", "session-terminal", "open-changes", "session-mode"]) {
        const seen = await seenWithoutHover(headerEl.getByTestId(testId));
        expect(seen, testId).toMatchObject({ shown: true });
        expect(seen.height, testId).toBeGreaterThanOrEqual(TOUCH_PX);
      }
      await screenshot(page, "header-menu");
      await page.keyboard.press("Escape");
      await expect.poll(() => headerEl.getByTestId("session-kill").isVisible()).toBe(false);

      // The drawer lists the session; choosing it closes the drawer; Esc and the backdrop close it too.
      await menu.tap();
      const row = page.locator(`[data-testid=session-row][data-session-id="${sessionId}"]`);
      await row.waitFor();
      const rowArchive = await seenWithoutHover(row.getByTestId("session-archive"));
      expect(rowArchive.shown).toBe(true);
      expect(Math.min(rowArchive.width, rowArchive.height)).toBeGreaterThanOrEqual(TOUCH_PX);
      await row.tap();
      await expect.poll(() => drawerState(page)).toBe("closed");
      await menu.tap();
      await expect.poll(() => drawerState(page)).toBe("open");
      await page.keyboard.press("Escape");
      await expect.poll(() => drawerState(page)).toBe("closed");
      await menu.tap();
      await expect.poll(() => sidebar.isVisible()).toBe(true);
      await page.getByTestId("drawer-backdrop").tap({ position: { x: PHONE.width - 20, y: PHONE.height / 2 } });
      await expect.poll(() => drawerState(page)).toBe("closed");
    },
    E2E_TEST_TIMEOUT_MS,
  );

  it(
    "a desktop window keeps the docked sidebar and the header's controls in the header",
    async () => {
      const { page } = await suite.open();
      expect(await page.locator(".app").getAttribute("data-drawer")).toBeNull();
      expect(await page.getByTestId("sidebar").isVisible()).toBe(true);
      await startSessionInUi(page, { cliType: "codex" });
      const header = page.getByTestId("session-header");
      expect(await header.getByTestId("session-kill").isVisible()).toBe(true);
      expect(await header.getByTestId("session-menu-button").isVisible()).toBe(false);
      const sidebar = await box(page.getByTestId("sidebar"));
      const chat = await box(page.locator(".chat-area"));
      expect(overlaps(sidebar, chat)).toBe(false);
    },
    E2E_TEST_TIMEOUT_MS,
  );
});
