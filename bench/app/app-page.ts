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

/** Opens the app of `server` in a fresh browser context, waits for its WebSocket and calibrates the clock. */
export async function openAppUi(browser: Browser, server: AppServer): Promise<AppUi> {
  const app = await openApp(browser, { urlWithToken: server.urlWithToken });
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
