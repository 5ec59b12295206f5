// Reads the page's `performance` marks from Chromium and maps them onto the bench's epoch clock.
import type { Page } from "playwright-core";
import { epochNow } from "./timing.js";

/**
 * The mark a page sets right after it has put agent text into the DOM (our client and the direct-relay page alike):
 * `performance.mark(VISIBLE_MARK, { detail: VisibleDetail })`.
 */
export const VISIBLE_MARK = "liminal:visible";

/** The `detail` of a {@link VISIBLE_MARK}. */
export interface VisibleDetail {
  /** The item whose text became visible (our `itemId`; the relay uses `turn-<n>`). */
  itemId: string;
  /** Length in UTF-16 code units of the item's whole raw text now shown (the upsert `content.length`). */
  contentLength: number;
  /** Extra fields our client may add (sessionId, type, origin, status). */
  [key: string]: unknown;
}

/** A visible mark on the bench's clock. */
export interface VisibleMark {
  /** Epoch ms on the bench's clock (page time minus the measured clock offset). */
  at: number;
  detail: VisibleDetail;
}

/** The offset between the page's and the bench's epoch clocks. */
export interface ClockOffset {
  /** pageEpoch − benchEpoch in ms. Subtract it from a page time to get bench time. */
  offsetMs: number;
  /** Half the round trip of the best probe: the offset's uncertainty in ms. */
  uncertaintyMs: number;
}

/**
 * Measures the page clock (`performance.timeOrigin + performance.now()`) against {@link epochNow}: `probes` round
 * trips through `page.evaluate`, keeping the one with the shortest round trip (offset = page time − midpoint), or
 * `previous` when it was more certain. Both clocks run from the same monotonic clock, so the offset is constant
 * (≈ 0.1 ms here) and only the estimate improves; an idle machine gives round trips of ≈ 0.7 ms.
 */
export async function calibrateClock(page: Page, probes = 30, previous?: ClockOffset): Promise<ClockOffset> {
  let best = previous;
  for (let i = 0; i < probes; i += 1) {
    const before = epochNow();
    const pageNow = await page.evaluate(() => performance.timeOrigin + performance.now());
    const after = epochNow();
    const candidate = { offsetMs: pageNow - (before + after) / 2, uncertaintyMs: (after - before) / 2 };
    if (!best || candidate.uncertaintyMs < best.uncertaintyMs) best = candidate;
  }
  return best as ClockOffset;
}

/** Every {@link VISIBLE_MARK} on the page, on the bench clock, oldest first. */
export async function readVisibleMarks(page: Page, clock: ClockOffset): Promise<VisibleMark[]> {
  const raw = await page.evaluate(
    (name) =>
      performance
        .getEntriesByName(name, "mark")
        .map((entry) => ({ at: performance.timeOrigin + entry.startTime, detail: (entry as PerformanceMark).detail })),
    VISIBLE_MARK,
  );
  return raw.map((mark) => ({ at: mark.at - clock.offsetMs, detail: mark.detail as VisibleDetail }));
}

/** Removes every {@link VISIBLE_MARK} from the page (before a new turn). */
export async function clearVisibleMarks(page: Page): Promise<void> {
  await page.evaluate((name) => performance.clearMarks(name), VISIBLE_MARK);
}
