// Our browser client in Chromium, driven through its data-testid hooks (testing/app/page.ts) and read through its
// `performance` marks on the bench clock.
import type { Browser, Page } from "playwright-core";
import { type AppPage, openApp } from "../../testing/app/page.js";
import { type ClockOffset, calibrateClock } from "../lib/page-marks.js";
import type { AppServer } from "./app-server.js";

/** An open app page with its clock offset to the bench. */
export interface AppUi {
  app: AppPage;
  page: Page;
  /** Best offset so far; refine with {@link refineClock}. */
  clock: ClockOffset;
  close(): Promise<void>;
}

/**
 * Opens the app of `server` in a fresh browser context, waits for its WebSocket and calibrates the clock.
 * `initScript` (JavaScript source) runs in the page before the app's scripts (see `openApp`).
 */
export async function openAppUi(
  browser: Browser,
  server: AppServer,
  options: { initScript?: string } = {},
): Promise<AppUi> {
  const app = await openApp(browser, { urlWithToken: server.urlWithToken }, options);
  const ui: AppUi = {
    app,
    page: app.page,
    clock: await calibrateClock(app.page),
    close: () => app.close(),
  };
  return ui;
}

/** Re-measures the clock offset of `ui` while the machine is idle, keeping the better estimate. */
export async function refineClock(ui: AppUi): Promise<void> {
  ui.clock = await calibrateClock(ui.page, 10, ui.clock);
}

/** One `performance` mark as the bench sees it. */
export interface NamedMark {
  name: string;
  /** Epoch ms on the bench clock. */
  at: number;
}

/** Every mark whose name starts with `prefix`, oldest first, on the bench clock. */
export async function marksWithPrefix(ui: AppUi, prefix: string): Promise<NamedMark[]> {
  const raw = await ui.page.evaluate(
    (start) =>
      performance
        .getEntriesByType("mark")
        .filter((entry) => entry.name.startsWith(start))
        .map((entry) => ({ name: entry.name, at: performance.timeOrigin + entry.startTime })),
    prefix,
  );
  return raw.map((mark) => ({ name: mark.name, at: mark.at - ui.clock.offsetMs }));
}

/**
 * In the page: `bench:click` at the next click inside an element matching `clickSelector` (capture phase), then
 * `bench:shown` at the first DOM change after which the chat view of `sessionId` is not hidden and its last chat
 * item's text contains `lastText` (MutationObserver on attributes, nodes and text). Calling it again re-arms the same
 * listener with new options (clearing both marks). Read the time between them with {@link clickToShownMs}.
 */
export async function watchClickToShown(
  page: Page,
  options: { clickSelector: string; sessionId: string; lastText: string },
): Promise<void> {
  await page.evaluate((next) => {
    // No named local functions here: the bundler would wrap them in a helper the page does not have.
    type Watch = { options: typeof next; observer: MutationObserver };
    const holder = window as unknown as { __benchWatch?: Watch };
    performance.clearMarks("bench:click");
    performance.clearMarks("bench:shown");
    if (holder.__benchWatch) {
      holder.__benchWatch.observer.disconnect();
      holder.__benchWatch.options = next;
      return;
    }
    const observer = new MutationObserver(() => {
      const { sessionId, lastText } = (holder.__benchWatch as Watch).options;
      if (performance.getEntriesByName("bench:click").length === 0) return;
      const view = document.querySelector<HTMLElement>(`[data-testid=chat-view][data-session-id="${sessionId}"]`);
      if (!view || view.hidden) return;
      const items = view.querySelectorAll("[data-testid=chat-item]");
      if (!items[items.length - 1]?.textContent?.includes(lastText)) return;
      performance.mark("bench:shown");
      observer.disconnect();
    });
    holder.__benchWatch = { options: next, observer };
    document.addEventListener(
      "click",
      (event) => {
        const { clickSelector } = (holder.__benchWatch as Watch).options;
        const target = event.target as Element | null;
        if (!target?.closest?.(clickSelector) || performance.getEntriesByName("bench:click").length > 0) return;
        performance.mark("bench:click");
        observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      },
      { capture: true },
    );
  }, options);
}

/** Waits for `bench:shown` (see {@link watchClickToShown}) and returns ms from the click to it (page clock). */
export async function clickToShownMs(page: Page, timeoutMs = 60_000): Promise<number> {
  await page.waitForFunction(() => performance.getEntriesByName("bench:shown").length > 0, undefined, {
    timeout: timeoutMs,
  });
  return page.evaluate(
    () =>
      (performance.getEntriesByName("bench:shown")[0]?.startTime ?? Number.NaN) -
      (performance.getEntriesByName("bench:click")[0]?.startTime ?? Number.NaN),
  );
}
