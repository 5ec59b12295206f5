// Our whole pipeline as a StreamPipeline: one session of our server shown in our client, read through the client's
// `liminal:visible` marks (detail: sessionId, itemId, contentLength).
import type { Browser, Page } from "playwright-core";
import { sendInUi, startSessionInUi, waitForFinishedTurns } from "../../testing/app/page.js";
import { SkipError } from "../lib/check.js";
import { clearVisibleMarks, readVisibleMarks, VISIBLE_MARK, type VisibleMark } from "../lib/page-marks.js";
import { type StreamPipeline, TURN_POLL_MS } from "../lib/stream-latency.js";
import { openAppUi, refineClock } from "./app-page.js";
import type { AppServer } from "./app-server.js";

/**
 * Opens our app of `server` in `browser`, starts a session of `cliType` in the UI, and returns it as a pipeline:
 * `runTurn` sends through the composer, waits for the turn to finish (polling every `TURN_POLL_MS`, as the relay's
 * page is polled), and returns the `liminal:visible` marks of the turn's agent text item (the item of this session
 * and turn whose marks reach `expectedLength`). Its `page` and
 * `sessionId` are there for checks that do more in the same page (a terminal flooding beside the stream).
 * @throws SkipError from `runTurn` when the client sets no `liminal:visible` marks at all (not wired yet).
 */
export async function openAppStreamPipeline(
  browser: Browser,
  server: AppServer,
  cliType: "claude-code" | "codex",
  label: string,
): Promise<StreamPipeline & { page: Page; sessionId: string }> {
  const ui = await openAppUi(browser, server);
  const sessionId = await startSessionInUi(ui.page, { cliType });
  let turns = 0;
  return {
    label,
    page: ui.page,
    sessionId,
    get clock() {
      return ui.clock;
    },
    async runTurn(prompt, expectedLength, timeoutMs = 60_000) {
      await refineClock(ui);
      await clearVisibleMarks(ui.page);
      await sendInUi(ui.page, prompt);
      turns += 1;
      await waitForFinishedTurns(ui.page, sessionId, turns, timeoutMs, TURN_POLL_MS);
      const turnId = await ui.page.evaluate((id) => {
        type Hook = { session(id: string): { turns: { turnId: string }[] } | undefined };
        return (window as unknown as { __liminal?: Hook }).__liminal?.session(id)?.turns.at(-1)?.turnId;
      }, sessionId);
      // Only this turn's items: the page may also draw older items meanwhile (a long history fills in when idle).
      const marks = (await readVisibleMarks(ui.page, ui.clock)).filter(
        (mark) => mark.detail.sessionId === sessionId && mark.detail.turnId === turnId,
      );
      if (marks.length === 0) {
        throw new SkipError(
          `the client sets no "${VISIBLE_MARK}" marks (detail { sessionId, turnId, itemId, contentLength }) for the turn's agent text`,
        );
      }
      const byItem = new Map<string, VisibleMark[]>();
      for (const mark of marks) byItem.set(mark.detail.itemId, [...(byItem.get(mark.detail.itemId) ?? []), mark]);
      const item = [...byItem.values()].find((list) =>
        list.some((mark) => mark.detail.contentLength >= expectedLength),
      );
      if (!item) throw new Error(`${label}: no item of the turn reached ${expectedLength} characters in the page`);
      return item;
    },
    close: () => ui.close(),
  };
}
