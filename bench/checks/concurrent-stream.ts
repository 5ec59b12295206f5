// Target `concurrent-stream-20`: 10 Claude Code + 10 Codex sessions of one server streaming at once into one page (20
// open tabs) — per-delta stand-in write → visible latency of the tab in view vs that session streaming alone,
// alternating rounds; every session's stream checked by seq and text; the server's memory and CPU with its CLIs.
import os from "node:os";
import type { CDPSession, Page } from "playwright-core";
import { startSessionInUi } from "../../testing/app/page.js";
import { type AppUi, openAppUi, refineClock } from "../app/app-page.js";
import type { AppSandbox, AppServer } from "../app/app-server.js";
import { startAppStack } from "../app/app-stack.js";
import { appUnavailable } from "../app/app-status.js";
import {
  arrivalMarks,
  drainReceived,
  STREAM_RECORDER_SCRIPT,
  StreamSeqCheck,
  turnStream,
  turnViolations,
  waitForTurnsEnded,
} from "../app/stream-record.js";
import { missingCli } from "../lib/binaries.js";
import type { Check } from "../lib/check.js";
import { DeltaRecorder } from "../lib/delta-recorder.js";
import { interleave } from "../lib/interleave.js";
import { assertCausal, type DeltaLatencies, matchDeltas, type WrittenDelta } from "../lib/latency.js";
import { clearVisibleMarks, readVisibleMarks, VISIBLE_MARK } from "../lib/page-marks.js";
import type { BenchCli } from "../lib/sandbox.js";
import { percentile } from "../lib/stats.js";
import { wallClockOffset } from "../lib/timing.js";
import { type ProcessRole, type TreeMemory, type TreeUsage, watchTree } from "../lib/tree-usage.js";
import { STREAM_PROMPT, streamExpectedText } from "./stream-latency-baseline.js";

/** Sessions of each CLI streaming at once. */
const PER_CLI = 10;

/** The two CLIs, in the order their sessions are created and shown. */
const CLIS = [
  { cli: "claude", cliType: "claude-code", label: "Claude Code" },
  { cli: "codex", cliType: "codex", label: "Codex" },
] as const;

/** How long one session may take to open its tab after Start (a Claude Code start waits for its spare), in ms. */
const SESSION_START_TIMEOUT_MS = 120_000;

/** How long a round may take until every one of its turns has ended, in ms. */
const ROUND_TIMEOUT_MS = 180_000;

/** Violation lines kept in the result (the rest are counted). */
const MAX_VIOLATIONS = 20;

/** One session of the check and the tag that marks its requests at the stand-in. */
interface Streamer {
  sessionId: string;
  cli: BenchCli;
  /** In the session's every message, e.g. `[bench-claude-01]`. */
  tag: string;
  /** For violation lines, e.g. `Claude Code #01`. */
  label: string;
}

/** What the rounds share: the app, the stand-ins' recorder, and the stream checks that run over every round. */
interface Stage {
  ui: AppUi;
  server: AppServer;
  sandbox: AppSandbox;
  recorder: DeltaRecorder;
  seq: StreamSeqCheck;
  /** A DevTools session of the page with the Performance domain enabled. */
  cdp: CDPSession;
  /** Broken turns (not ended `completed`, text not the stand-in's), one line each. */
  violations: string[];
  /** Turns checked so far. */
  turns: number;
}

/** What one round measured. */
interface RoundResult {
  shown: Streamer;
  /** The tab in view: per delta, stand-in write → visible (empty when its turn was broken). */
  visible: DeltaLatencies;
  /** Every session of the round: per delta, stand-in write → the upsert showing it arrived in the page, ms. */
  arrived: number[];
  /** All-stream rounds: the server tree's peak memory and CPU time from the sends to the last turn's end. */
  usage?: TreeUsage;
  /** All-stream rounds: seconds the page's main thread spent running tasks meanwhile (see {@link pageTaskSeconds}). */
  pageTask?: number;
}

/**
 * Seconds the page's renderer main thread has spent running tasks so far (DevTools `Performance.getMetrics`
 * `TaskDuration`: script, style, layout, paint, parsing; wall time of the tasks, so it includes time the thread was
 * runnable but waiting for a CPU).
 */
async function pageTaskSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send("Performance.getMetrics");
  return metrics.find((metric) => metric.name === "TaskDuration")?.value ?? 0;
}

/** Clicks the tab of `sessionId` and waits until it is the active one. */
async function showTab(page: Page, sessionId: string): Promise<void> {
  await page.locator(`[data-testid=tab][data-session-id="${sessionId}"]`).click();
  await page.locator(`[data-testid=tab][data-session-id="${sessionId}"][aria-selected=true]`).waitFor();
}

/** Waits (polling every 20 ms) until a visible mark of `turnId` of `sessionId` covers `length` characters. */
async function waitForVisible(page: Page, sessionId: string, turnId: string, length: number): Promise<void> {
  await page.waitForFunction(
    ([name, session, turn, wanted]) =>
      performance.getEntriesByName(name, "mark").some((mark) => {
        const detail = (mark as PerformanceMark).detail as {
          sessionId?: string;
          turnId?: string;
          contentLength: number;
        };
        return detail.sessionId === session && detail.turnId === turn && detail.contentLength >= wanted;
      }),
    [VISIBLE_MARK, sessionId, turnId, length] as const,
    { polling: 20, timeout: 30_000 },
  );
}

/**
 * The deltas the stand-in of `streamer`'s CLI wrote for its turn of this round: among the round's responses, the one
 * whose request carries the session's tag (its own message is in the request's history) and whose text is the
 * turn's; failing that, any response carrying the tag; undefined when there is none.
 */
function writtenFor(
  stage: Stage,
  streamer: Streamer,
  responses: WrittenDelta[][],
  requestIds: string[],
  expected: string,
): WrittenDelta[] | undefined {
  const ids = new Set(requestIds);
  const bodies = new Map<string, string>();
  if (streamer.cli === "claude") {
    for (const request of stage.sandbox.anthropic.requests) {
      if (ids.has(request.id)) bodies.set(request.id, JSON.stringify(request.body));
    }
  } else {
    for (const request of stage.sandbox.openai.requests) {
      if (ids.has(request.requestId)) bodies.set(request.requestId, JSON.stringify(request.body));
    }
  }
  const tagged = responses.filter((_, i) => bodies.get(requestIds[i] ?? "")?.includes(streamer.tag));
  return tagged.find((deltas) => deltas.map((delta) => delta.text).join("") === expected) ?? tagged[0];
}

/**
 * One round: shows `shown`'s tab, sends a turn to every session of `streaming` at once (REST
 * `POST /api/session/:id/send`, all requests in flight together), waits until the page has received every turn's
 * end, and checks each session's stream (seq, turn end, text = what its stand-in response wrote; findings go to
 * `stage`). Returns the per-delta latencies of `shown` to visible, and of every session to arrival in the page; with
 * `watch`, the server tree's peak memory and CPU time during the round.
 * @throws Error when a turn does not end within the round's time limit, or the tab in view never shows its text.
 */
async function round(stage: Stage, shown: Streamer, streaming: Streamer[], watch: boolean): Promise<RoundResult> {
  const { ui, server, recorder } = stage;
  const expected = streamExpectedText();
  await showTab(ui.page, shown.sessionId);
  await refineClock(ui);
  await clearVisibleMarks(ui.page);
  stage.seq.feed(await drainReceived(ui.page, ui.clock));
  const turnIds = new Map<Streamer, string>();
  const pageBefore = watch ? await pageTaskSeconds(stage.cdp) : 0;
  const watcher = watch ? watchTree(server.process.pid) : undefined;
  let usage: TreeUsage | undefined;
  let recorded: Awaited<ReturnType<DeltaRecorder["during"]>>;
  try {
    recorded = await recorder.during(async () => {
      await Promise.all(
        streaming.map(async (streamer) => {
          const sent = await server.api<{ turnId: string }>(
            "POST",
            `/api/session/${encodeURIComponent(streamer.sessionId)}/send`,
            { content: `${STREAM_PROMPT} ${streamer.tag}` },
          );
          turnIds.set(streamer, sent.turnId);
        }),
      );
      await waitForTurnsEnded(ui.page, [...turnIds.values()], ROUND_TIMEOUT_MS);
    });
  } finally {
    usage = watcher?.stop();
  }
  const pageTask = watch ? (await pageTaskSeconds(stage.cdp)) - pageBefore : undefined;
  const received = await drainReceived(ui.page, ui.clock);
  stage.seq.feed(received);
  const arrived: number[] = [];
  let shownDeltas: WrittenDelta[] | undefined;
  for (const streamer of streaming) {
    const turnId = turnIds.get(streamer) as string;
    const label = `${streamer.label} (turn ${turnId})`;
    stage.turns += 1;
    const deltas = writtenFor(stage, streamer, recorded.responses, recorded.requestIds, expected);
    if (!deltas) {
      stage.violations.push(`${label}: no stand-in response streamed text for the turn`);
      continue;
    }
    const written = deltas.map((delta) => delta.text).join("");
    if (written !== expected) throw new Error(`${label}: the stand-in streamed other text than the scenario's`);
    const stream = turnStream(received, streamer.sessionId, turnId);
    const problems = turnViolations(stream, written, label);
    stage.violations.push(...problems);
    if (problems.length > 0) continue;
    const matched = matchDeltas(deltas, arrivalMarks(stream, written));
    assertCausal(matched.latencies, `${label}, arrival`);
    arrived.push(...matched.latencies);
    if (streamer === shown) shownDeltas = deltas;
  }
  const shownTurn = turnIds.get(shown) as string;
  let visible: DeltaLatencies = { latencies: [], unmatched: 0 };
  if (shownDeltas) {
    await waitForVisible(ui.page, shown.sessionId, shownTurn, expected.length);
    // Only this turn's items: the tab just shown may also draw its older turns meanwhile, in idle time.
    const marks = (await readVisibleMarks(ui.page, ui.clock)).filter(
      (mark) => mark.detail.sessionId === shown.sessionId && mark.detail.turnId === shownTurn,
    );
    const itemId = marks.find((mark) => mark.detail.contentLength >= expected.length)?.detail.itemId;
    visible = matchDeltas(
      shownDeltas,
      marks.filter((mark) => mark.detail.itemId === itemId),
      wallClockOffset(),
    );
    if (visible.unmatched > 0) throw new Error(`${shown.label}: ${visible.unmatched} deltas were never shown`);
    assertCausal(visible.latencies, shown.label);
  }
  return { shown, visible, arrived, ...(usage ? { usage } : {}), ...(pageTask === undefined ? {} : { pageTask }) };
}

const KIB_PER_MIB = 1024;

/** MiB of each process of `role` in each reading. */
function rssOf(readings: readonly TreeMemory[], role: ProcessRole): number[] {
  return readings.flatMap((reading) =>
    reading.processes.filter((p) => p.role === role).map((p) => p.rssKiB / KIB_PER_MIB),
  );
}

/** "1 server, 11 claude, 1 codex-acp, 1 other (git)" for a reading. */
function describeTree(reading: TreeMemory | undefined): string {
  if (!reading) return "none";
  const counts = new Map<ProcessRole, number>();
  for (const p of reading.processes) counts.set(p.role, (counts.get(p.role) ?? 0) + 1);
  const others = [...new Set(reading.processes.filter((p) => p.role === "other").map((p) => p.command))];
  return [...counts]
    .map(([role, count]) => `${count} ${role}${role === "other" ? ` (${others.join(", ")})` : ""}`)
    .join(", ");
}

/** `concurrent-stream-20`. */
export const concurrentStreamCheck: Check = {
  name: `concurrent-stream-${PER_CLI * CLIS.length}`,
  measures: `${PER_CLI} Claude Code + ${PER_CLI} Codex sessions of one server (server/main.ts) open as tabs of one page, all streaming "${STREAM_PROMPT}" at once (sent together through the REST send route): per-delta stand-in write → visible (liminal:visible) in the tab in view, vs the same session streaming alone; the tab in view moves to the next session every round (Claude Code and Codex in turn); alternating. Every session's stream is checked (seq +1 per message, turn completed, text = the stand-in's); the server's RSS and CPU with its CLIs are reported.`,
  unit: "ms",
  n: { default: 20, quick: 2 },
  threshold: { kind: "ratio", stats: ["p95"], max: 1.5 },
  level: "target",
  timeoutMs: 15 * 60_000,
  unavailable: (ctx) =>
    appUnavailable(ctx.repoRoot) ?? missingCli(ctx.repoRoot, "codex-acp") ?? missingCli(ctx.repoRoot, "claude-sdk"),
  async run(ctx) {
    const loadAtStart = os.loadavg()[0] ?? 0;
    const recorder = new DeltaRecorder();
    const { sandbox, server, browser } = await startAppStack(ctx, { onDelta: recorder.record });
    const ui = await openAppUi(browser.browser, server, { initScript: STREAM_RECORDER_SCRIPT });
    const streamers: Streamer[] = [];
    for (let index = 1; index <= PER_CLI; index += 1) {
      for (const { cli, cliType, label } of CLIS) {
        ctx.log(`starting ${label} session ${index}/${PER_CLI}`);
        const sessionId = await startSessionInUi(ui.page, { cliType, timeoutMs: SESSION_START_TIMEOUT_MS }).catch(
          (error: unknown) => {
            const tail = server.logs().slice(-1500);
            throw new Error(`starting ${label} session ${index} failed: ${(error as Error).message}\n${tail}`);
          },
        );
        const number = String(index).padStart(2, "0");
        streamers.push({ sessionId, cli, tag: `[bench-${cli}-${number}]`, label: `${label} #${number}` });
      }
    }
    const labels = new Map(streamers.map((streamer) => [streamer.sessionId, streamer.label]));
    const cdp = await ui.page.context().newCDPSession(ui.page);
    await cdp.send("Performance.enable");
    const stage: Stage = {
      cdp,
      ui,
      server,
      sandbox,
      recorder,
      seq: new StreamSeqCheck((sessionId) => labels.get(sessionId) ?? sessionId),
      violations: [],
      turns: 0,
    };
    // Claude Code and Codex tabs take turns in view: #01 Claude Code, #01 Codex, #02 Claude Code, …
    const shownIn = (r: number) =>
      streamers[((r % streamers.length) + streamers.length) % streamers.length] as Streamer;
    const { together, alone } = await interleave(
      ctx.n,
      {
        together: (r) => round(stage, shownIn(r), streamers, true),
        alone: (r) => round(stage, shownIn(r), [shownIn(r)], false),
      },
      { warmup: 1, onRound: (r) => ctx.log(r < 0 ? "warm-up round" : `round ${r + 1}/${ctx.n}`) },
    );
    stage.seq.feed(await drainReceived(ui.page, ui.clock));
    const loadAtEnd = os.loadavg()[0] ?? 0;
    const visible = (list: RoundResult[], cli?: BenchCli) =>
      list.filter((r) => cli === undefined || r.shown.cli === cli).flatMap((r) => r.visible.latencies);
    const emitted = (list: RoundResult[]) =>
      list.flatMap((r) => (r.visible.split ?? []).map((part, i) => (r.visible.latencies[i] as number) - part.delivery));
    const delivery = (list: RoundResult[]) => list.flatMap((r) => (r.visible.split ?? []).map((part) => part.delivery));
    const p95s = (list: RoundResult[]) =>
      list.map((r) => (r.visible.latencies.length > 0 ? percentile(r.visible.latencies, 95) : Number.NaN));
    const togetherP95 = p95s(together);
    const aloneP95 = p95s(alone);
    const p95Ratios = togetherP95
      .map((value, i) => value / (aloneP95[i] ?? Number.NaN))
      .filter((value) => Number.isFinite(value));
    const usage = together.flatMap((r) => (r.usage ? [r.usage] : []));
    const peaks = usage.map((u) => u.peak);
    const cpu = (role: ProcessRole) => usage.map((u) => u.cpuSeconds[role]);
    const violations = [...stage.seq.violations, ...stage.violations];
    const ratioRow = "per-session P95 ratio, all stream ÷ alone (same session, one per round)";
    const memoryRows = {
      "server + CLIs RSS, peak while all stream (one per round)": peaks.map((m) => m.totalKiB / KIB_PER_MIB),
      "server process RSS at that peak": rssOf(peaks, "server"),
      "each Claude Code process RSS at that peak": rssOf(peaks, "claude"),
      "each codex-acp process RSS at that peak": rssOf(peaks, "codex-acp"),
    };
    const cpuRows = {
      "CPU per all-stream round: all Claude Code processes": cpu("claude"),
      "CPU per all-stream round: codex-acp": cpu("codex-acp"),
      "CPU per all-stream round: server process": cpu("server"),
      "page main thread busy per all-stream round (Chromium TaskDuration)": together.flatMap((r) =>
        r.pageTask === undefined ? [] : [r.pageTask],
      ),
    };
    return {
      subject: visible(together),
      subjectLabel: `tab in view while ${streamers.length} sessions stream, every delta`,
      baseline: visible(alone),
      baselineLabel: "that session streaming alone, every delta",
      extra: {
        "Claude Code tab in view while all stream": visible(together, "claude"),
        "Claude Code tab alone": visible(alone, "claude"),
        "Codex tab in view while all stream": visible(together, "codex"),
        "Codex tab alone": visible(alone, "codex"),
        "per-session P95 while all stream (tab in view, one per round)": togetherP95.filter(Number.isFinite),
        "per-session P95 alone (same sessions, one per round)": aloneP95.filter(Number.isFinite),
        [ratioRow]: p95Ratios,
        "every session while all stream: write → upsert arrived in the page": together.flatMap((r) => r.arrived),
        "alone: write → upsert arrived in the page": alone.flatMap((r) => r.arrived),
        "all stream, tab in view: write → upsert emitted (CLI, provider, batching)": emitted(together),
        "all stream, tab in view: upsert emitted → visible": delivery(together),
        ...memoryRows,
        ...cpuRows,
      },
      extraUnits: {
        [ratioRow]: "×",
        ...Object.fromEntries(Object.keys(memoryRows).map((label) => [label, "MiB"])),
        ...Object.fromEntries(Object.keys(cpuRows).map((label) => [label, "s"])),
      },
      notes: [
        `${PER_CLI} Claude Code + ${PER_CLI} Codex sessions open as tabs of one page (one window; only the tab in view is drawn); the tab in view rotates over the sessions, Claude Code and Codex in turn, one per round; samples are per delta of the tab in view`,
        `checked: ${stage.turns} turns and ${stage.seq.checked} stream messages as the page received them (seq +1 per message per session; each turn turn_complete "completed", its agent text = the stand-in's, growing by prefixes)`,
        `RSS = VmRSS summed over the server process and its descendants (/proc), sampled every 250 ms during each all-stream round; CPU = their user + system time over the round (the page's main thread: the wall time of its tasks); tree at the last peak: ${describeTree(peaks.at(-1))}`,
        `machine load average (1 min) ${loadAtStart.toFixed(1)} at the start, ${loadAtEnd.toFixed(1)} at the end, on ${os.cpus().length} CPUs`,
      ],
      ...(violations.length > 0
        ? {
            violations: [
              ...violations.slice(0, MAX_VIOLATIONS),
              ...(violations.length > MAX_VIOLATIONS ? [`… and ${violations.length - MAX_VIOLATIONS} more`] : []),
            ],
          }
        : {}),
    };
  },
};
