// Records the page's browser notifications (issue 17 §1) for browser tests and the bench: an init script wraps
// window.Notification so every notification the app shows is kept with its time, and can be "clicked".
import type { Page } from "playwright-core";

/** One notification the app showed: its title, body, tag and `Date.now()` in the page when it was made. */
export interface RecordedNotification {
  title: string;
  body: string;
  tag: string;
  shownAt: number;
}

/**
 * Init script source (pass as `initScript` to `openApp` / `suite.open`): replaces `window.Notification` with a
 * recorder that keeps each notification in `window.__notifications` (and still makes the real one, when the browser
 * lets it). `permission` and `requestPermission` are the real browser's, so the context's granted permission counts.
 */
export const NOTIFICATION_RECORDER = `(() => {
  const Real = window.Notification;
  const shown = [];
  Object.defineProperty(window, "__notifications", { value: shown });
  class Recorded extends EventTarget {
    static get permission() { return Real ? Real.permission : "default"; }
    static requestPermission(callback) { return Real.requestPermission(callback); }
    constructor(title, options = {}) {
      super();
      this.title = title;
      this.body = options.body || "";
      this.tag = options.tag || "";
      this.onclick = null;
      this.closed = false;
      shown.push({ title, body: this.body, tag: this.tag, shownAt: Date.now(), instance: this });
      try { this.real = new Real(title, options); } catch { this.real = null; }
    }
    close() { this.closed = true; if (this.real) this.real.close(); }
  }
  window.Notification = Recorded;
})();`;

interface RecorderWindow {
  __notifications: (RecordedNotification & { instance: { onclick: ((event: Event) => void) | null } })[];
}

/** The notifications shown so far, oldest first. */
export async function recordedNotifications(page: Page): Promise<RecordedNotification[]> {
  return page.evaluate(() =>
    (window as unknown as RecorderWindow).__notifications.map(({ title, body, tag, shownAt }) => ({
      title,
      body,
      tag,
      shownAt,
    })),
  );
}

/** Waits for the `count`-th notification (1-based) and returns it. */
export async function waitForNotification(
  page: Page,
  count: number,
  timeoutMs = 30_000,
): Promise<RecordedNotification> {
  await page.waitForFunction((n) => (window as unknown as RecorderWindow).__notifications.length >= n, count, {
    timeout: timeoutMs,
  });
  const all = await recordedNotifications(page);
  return all[count - 1] as RecordedNotification;
}

/** Clicks notification `index` (0-based) as the user would: its `onclick` runs with a click event. */
export async function clickNotification(page: Page, index: number): Promise<void> {
  await page.evaluate((i) => {
    const entry = (window as unknown as RecorderWindow).__notifications[i];
    entry?.instance.onclick?.(new Event("click"));
  }, index);
}
