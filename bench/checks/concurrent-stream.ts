// Target `concurrent-stream-10`: 10 Codex sessions of one server streaming at once into one page (10 open tabs) —
// per-delta stand-in write → visible latency of the tab in view vs that session streaming alone, alternating rounds.
import type { Page } from "playwright-core";
import { startSessionInUi } from "../../testing/app/page.js";
import { type AppUi, openAppUi, refineClock } from "../app/app-page.js";
import type { AppServer } from "../app/app-server.js";
import { startAppStack } from "../app/app-stack.js";
import { appUnavailable } from "../app/app-status.js";
import { missingCli } from "../lib/binaries.js";
import type { Check } from "../lib/check.js";
import { DeltaRecorder } from "../lib/delta-recorder.js";
import { interleave } from "../lib/interleave.js";
import { assertCausal, type DeltaLatencies, matchDeltas } from "../lib/latency.js";
import { clearVisibleMarks, readVisibleMarks } from "../lib/page-marks.js";
import { percentile } from "../lib/stats.js";
import { wallClockOffset } from "../lib/timing.js";
import { STREAM_PROMPT, streamExpectedText } from "./stream-latency-baseline.js";

/** Sessions streaming at once. */
const SESSIONS = 10;

/** One session of the check and the tag that marks its requests at the stand-in. */
interface Streamer {
  sessionId: string;
  tag: string;
  /** Turns sent so far. */
  turns: number;
}

/** Clicks the tab of `sessionId` and waits until it is the active one. */
async function showTab(page: Page, sessionId: string): Promise<void> {
  const tab = page.locator(`[data-testid=tab][data-session-id="${sessionId}"]`);
  await tab.click();
  await page.locator(`[data-testid=tab][data-session-id="${sessionId}"][aria-selected=true]`).waitFor();
}

/**
 * Waits (polling every 100 ms) until the page's state of every session in `turns` holds at least that many turns and
 * none is running (the client has every event of the round; an inactive tab draws nothing to look at).
 */
async function waitForRoundEnd(page: Page, turns: Record<string, number>, timeoutMs = 90_000): Promise<void> {
  await page.waitForFunction(
    (wanted) => {
      type Hook = { session(id: string): { running: boolean; turns: unknown[] } | undefined };
      const hook = (window as unknown as { __liminal?: Hook }).__liminal;
      return Object.entries(wanted).every(([id, count]) => {
        const session = hook?.session(id);
        return session !== undefined && session.turns.length >= count && !session.running;
      });
    },
    turns,
    { polling: 100, timeout: timeoutMs },
  );
}

/**
 * One round: shows `shown`'s tab, sends a turn to every session of `streaming` at once (REST
 * `POST /api/session/:id/send`, all requests in flight together), waits until the page has every turn finished, and
 * returns the per-delta latencies of `shown` (with their split). Its deltas are those of the stand-in response whose
 * request carries its tag and whose text is the turn's.
 * @throws Error when its response or some of its text never shows up.
 */
async function round(
  ui: AppUi,
  server: AppServer,
  recorder: DeltaRecorder,
  requests: () => { requestId: string; body: unknown }[],
  shown: Streamer,
  streaming: Streamer[],
): Promise<DeltaLatencies> {
  const expected = streamExpectedText();
  await showTab(ui.page, shown.sessionId);
  await refineClock(ui);
  await clearVisibleMarks(ui.page);
  let turnId: string | undefined;
  const { responses, requestIds } = await recorder.during(async () => {
    await Promise.all(
      streaming.map(async (streamer) => {
        const sent = await server.api<{ turnId: string }>(
          "POST",
          `/api/session/${encodeURIComponent(streamer.sessionId)}/send`,
          { content: `${STREAM_PROMPT} ${streamer.tag}` },
        );
        if (streamer === shown) turnId = sent.turnId;
      }),
    );
    for (const streamer of streaming) streamer.turns += 1;
    await waitForRoundEnd(ui.page, Object.fromEntries(streaming.map((s) => [s.sessionId, s.turns])));
  });
  const bodies = new Map(requests().map((request) => [request.requestId, JSON.stringify(request.body)]));
  const index = responses.findIndex(
    (deltas, i) =>
      deltas.map((delta) => delta.text).join("") === expected && bodies.get(requestIds[i] ?? "")?.includes(shown.tag),
  );
  const deltas = responses[index];
  if (!deltas) throw new Error(`${shown.tag}: no stand-in response streamed the turn's text`);
  // Only this turn's items: the tab just shown may also draw its older turns meanwhile, in idle time.
  const marks = (await readVisibleMarks(ui.page, ui.clock)).filter(
    (mark) => mark.detail.sessionId === shown.sessionId && mark.detail.turnId === turnId,
  );
  const itemId = marks.find((mark) => mark.detail.contentLength >= expected.length)?.detail.itemId;
  const matched = matchDeltas(
    deltas,
    marks.filter((mark) => mark.detail.itemId === itemId),
    wallClockOffset(),
  );
  if (matched.unmatched > 0) throw new Error(`${shown.tag}: ${matched.unmatched} deltas were never shown`);
  assertCausal(matched.latencies, shown.tag);
  return matched;
}

/** `concurrent-stream-10`. */
export const concurrentStreamCheck: Check = {
  name: "concurrent-stream-10",
  measures: `${SESSIONS} Codex sessions of one server (server/main.ts) open as tabs of one page, all streaming "${STREAM_PROMPT}" at once (sent together through the REST send route): per-delta stand-in write → visible (liminal:visible) in the tab in view, vs the same session streaming alone; the tab in view moves to the next session every round; alternating.`,
  unit: "ms",
  n: { default: 10, quick: 2 },
  threshold: { kind: "ratio", stats: ["p95"], max: 1.2 },
  level: "target",
  timeoutMs: 10 * 60_000,
  unavailable: (ctx) => appUnavailable(ctx.repoRoot) ?? missingCli(ctx.repoRoot, "codex-acp"),
  async run(ctx) {
    const recorder = new DeltaRecorder();
    const { sandbox, server, browser } = await startAppStack(ctx, { onDelta: recorder.record });
    const ui = await openAppUi(browser.browser, server);
    const streamers: Streamer[] = [];
    for (let index = 0; index < SESSIONS; index += 1) {
      const sessionId = await startSessionInUi(ui.page, { cliType: "codex" });
      streamers.push({ sessionId, tag: `[bench-session-${String(index + 1).padStart(2, "0")}]`, turns: 0 });
    }
    const requests = () => sandbox.openai.requests;
    const shownIn = (r: number) => streamers[(r + SESSIONS) % SESSIONS] as Streamer;
    const { together, alone } = await interleave(
      ctx.n,
      {
        together: (r) => round(ui, server, recorder, requests, shownIn(r), streamers),
        alone: (r) => round(ui, server, recorder, requests, shownIn(r), [shownIn(r)]),
      },
      { warmup: 1, onRound: (r) => ctx.log(r < 0 ? "warm-up round" : `round ${r + 1}/${ctx.n}`) },
    );
    const delivery = (list: DeltaLatencies[]) => list.flatMap((s) => (s.split ?? []).map((part) => part.delivery));
    const emitted = (list: DeltaLatencies[]) =>
      list.flatMap((s) => (s.split ?? []).map((part, i) => (s.latencies[i] as number) - part.delivery));
    return {
      subject: together.flatMap((s) => s.latencies),
      subjectLabel: `tab in view while ${SESSIONS} sessions stream, every delta`,
      baseline: alone.flatMap((s) => s.latencies),
      baselineLabel: "that session streaming alone, every delta",
      extra: {
        "per-session P95 while all stream (one per round)": together.map((s) => percentile(s.latencies, 95)),
        "all stream: write → upsert emitted (CLI, provider, batching)": emitted(together),
        "alone: write → upsert emitted": emitted(alone),
        "all stream: upsert emitted → visible": delivery(together),
        "alone: upsert emitted → visible": delivery(alone),
      },
      notes: [
        `Codex (codex-acp), ${SESSIONS} sessions open as tabs of one page (the way the app is used: one window, the tab in view is drawn); the tab in view rotates over the sessions, one per round; samples are per delta of the tab in view`,
      ],
    };
  },
};
