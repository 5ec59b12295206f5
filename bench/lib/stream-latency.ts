// Stream latency (issue 8 checks 3, 4 and the concurrency target): per-delta stand-in write → page-visible times
// through a pipeline (our app, or the direct relay), alternating subject and baseline turns.
import type { Browser, Page } from "playwright-core";
import type { CheckSamples, Threshold } from "./check.js";
import type { DeltaRecorder } from "./delta-recorder.js";
import { interleave } from "./interleave.js";
import { assertCausal, type LatencySplit, matchDeltas, type WrittenDelta } from "./latency.js";
import {
  type ClockOffset,
  calibrateClock,
  clearVisibleMarks,
  readVisibleMarks,
  VISIBLE_MARK,
  type VisibleMark,
} from "./page-marks.js";
import { wallClockOffset } from "./timing.js";

/**
 * Issue 8 check 3: p50 and P95 of our pipeline within +10% of the direct path, give or take 1 ms: each page's clock
 * is aligned with the bench's to ± half the best `page.evaluate` round trip (≈ 0.25–0.4 ms here, `calibrateClock`),
 * separately for the two pages, so their difference is known to ≈ ± 0.8 ms at worst.
 */
export const STREAM_LATENCY_THRESHOLD: Threshold = {
  kind: "ratio",
  stats: ["median", "p95"],
  max: 1.1,
  allowance: 1,
};

/**
 * Something that shows a turn's agent text in a page: our whole app, or the direct relay. One session, reused for
 * every turn.
 */
export interface StreamPipeline {
  /** Row label, e.g. "ours (Claude)" or "direct relay (Codex)". */
  readonly label: string;
  /** The page's clock offset to the bench clock (see `calibrateClock`), the best estimate so far. */
  readonly clock: ClockOffset;
  /**
   * Sends `prompt` as a new turn and resolves once the page shows at least `expectedLength` characters of the turn's
   * agent text, with the turn's {@link VISIBLE_MARK}s for that text item (bench clock, oldest first).
   * @throws Error when the page reports an error or the text is not shown within `timeoutMs`.
   */
  runTurn(prompt: string, expectedLength: number, timeoutMs?: number): Promise<VisibleMark[]>;
  close(): Promise<void>;
}

/**
 * How often a pipeline's page is polled for the end of a turn, in ms (both sides alike). Not in every animation frame
 * (Playwright's default): a check in every frame keeps the page's main thread producing a frame per vsync while text
 * streams, work that neither a user's page nor the other side does.
 */
export const TURN_POLL_MS = 20;

/** The direct relay page's globals (see bench/baselines/relay-page.ts). */
interface RelayWindow {
  __relayReady?: boolean;
  __relayError?: string;
  relaySend(text: string): number;
}

/**
 * Opens the direct relay's page (`relayUrl`) in a new page of `browser`, waits for its WebSocket and calibrates the
 * clock. `runTurn` refines the clock while idle, clears the marks, calls `relaySend`, and waits (polling every
 * {@link TURN_POLL_MS} ms) for a mark of the new item covering `expectedLength`.
 */
export async function openRelayPipeline(browser: Browser, relayUrl: string, label: string): Promise<StreamPipeline> {
  const page: Page = await browser.newPage();
  await page.goto(relayUrl);
  await page.waitForFunction(() => (window as unknown as RelayWindow).__relayReady === true, undefined, {
    timeout: 30_000,
  });
  let clock = await calibrateClock(page);
  return {
    label,
    get clock() {
      return clock;
    },
    async runTurn(prompt, expectedLength, timeoutMs = 60_000) {
      clock = await calibrateClock(page, 10, clock);
      await clearVisibleMarks(page);
      const turn = await page.evaluate((text) => (window as unknown as RelayWindow).relaySend(text), prompt);
      const itemId = `turn-${turn}`;
      await page.waitForFunction(
        ([name, item, length]) => {
          const error = (window as unknown as RelayWindow).__relayError;
          if (error) throw new Error(error);
          return performance.getEntriesByName(name as string, "mark").some((mark) => {
            const detail = (mark as PerformanceMark).detail as { itemId: string; contentLength: number };
            return detail.itemId === item && detail.contentLength >= (length as number);
          });
        },
        [VISIBLE_MARK, itemId, expectedLength] as const,
        { polling: TURN_POLL_MS, timeout: timeoutMs },
      );
      const marks = await readVisibleMarks(page, clock);
      return marks.filter((mark) => mark.detail.itemId === itemId);
    },
    async close() {
      await page.close().catch(() => undefined);
    },
  };
}

/** The per-delta latencies of one turn, plus how many deltas were never shown. */
export interface TurnLatencies {
  latencies: number[];
  unmatched: number;
  /** Where each delta's time went, when the page's marks carry emission timestamps (ours, the batched relay). */
  split?: LatencySplit[];
}

/**
 * Runs one turn through `pipeline` and matches the stand-in's text deltas (recorded by `recorder` during the turn)
 * to the page's marks. The answering response is the one whose deltas join to `expectedText`.
 * @throws Error when no recorded response streamed `expectedText` (wrong scenario, or a stand-in without onDelta).
 */
export async function measureTurn(
  pipeline: StreamPipeline,
  recorder: DeltaRecorder,
  prompt: string,
  expectedText: string,
): Promise<TurnLatencies> {
  const { value: marks, responses } = await recorder.during(() => pipeline.runTurn(prompt, expectedText.length));
  const deltas: WrittenDelta[] | undefined = responses.find(
    (response) => response.map((delta) => delta.text).join("") === expectedText,
  );
  if (!deltas) {
    throw new Error(
      `${pipeline.label}: no stand-in response streamed the expected text (${responses.length} responses)`,
    );
  }
  const matched = matchDeltas(deltas, marks, wallClockOffset());
  assertCausal(matched.latencies, pipeline.label);
  return matched;
}

/** Options of {@link compareStreamLatency}. */
export interface CompareOptions {
  subject: StreamPipeline;
  /** Optional: without it only the subject is measured (a baseline-only check). */
  baseline?: StreamPipeline;
  recorder: DeltaRecorder;
  /** Turns per side. */
  n: number;
  /** Turns per side run first and discarded (the first turn of a fresh CLI is slower); default 1. */
  warmup?: number;
  /** The message of every turn, e.g. "scenario:markdown pace:50". */
  prompt: string;
  /** The text the stand-in streams for `prompt`. */
  expectedText: string;
  log?: (message: string) => void;
  /**
   * How the subject's split rows are named when its marks carry emission timestamps (see {@link splitRows});
   * default `{ who: "ours", emission: "upsert" }`.
   */
  splitNames?: SplitNames;
}

/**
 * Measures per-delta stream latency of `subject` (and `baseline`) over `n` turns each, alternating sides every round
 * (see `interleave`). Samples are every delta's write → visible time in ms. A delta the page never showed is an
 * error (the pipeline lost content), not a missing sample.
 */
export async function compareStreamLatency(options: CompareOptions): Promise<CheckSamples> {
  const sides: Record<string, () => Promise<TurnLatencies>> = {
    subject: () => measureTurn(options.subject, options.recorder, options.prompt, options.expectedText),
  };
  const baseline = options.baseline;
  if (baseline) sides.baseline = () => measureTurn(baseline, options.recorder, options.prompt, options.expectedText);
  const results = await interleave(options.n, sides, {
    warmup: options.warmup ?? 1,
    onRound: (round) => options.log?.(round < 0 ? "warm-up turn" : `turn ${round + 1}/${options.n}`),
  });
  const flatten = (turns: TurnLatencies[] | undefined, label: string): number[] => {
    const lost = (turns ?? []).reduce((sum, turn) => sum + turn.unmatched, 0);
    if (lost > 0) throw new Error(`${label}: ${lost} deltas were never shown in the page`);
    return (turns ?? []).flatMap((turn) => turn.latencies);
  };
  const clocks = [options.subject, ...(baseline ? [baseline] : [])].map(
    (pipeline) => `${pipeline.clock.offsetMs.toFixed(2)} ± ${pipeline.clock.uncertaintyMs.toFixed(2)} ms`,
  );
  const samples: CheckSamples = {
    subject: flatten(results.subject, options.subject.label),
    subjectLabel: options.subject.label,
    notes: [
      `samples are per delta (${options.n} turns per side of "${options.prompt}"); clock offset page−bench ${clocks.join(" (subject), ")}${baseline ? " (baseline)" : ""}`,
    ],
  };
  if (baseline) {
    samples.baseline = flatten(results.baseline, baseline.label);
    samples.baselineLabel = baseline.label;
  }
  const split = splitRows(results.subject ?? [], options.splitNames);
  if (split) samples.extra = split;
  return samples;
}

/** The words of a pipeline's split rows: `"<who>: batching wait …"`, `"<who>: <emission> emitted → visible"`. */
export interface SplitNames {
  /** e.g. "ours" or "batched relay". */
  who: string;
  /** What the pipeline emits, e.g. "upsert" or "text". */
  emission: string;
}

/**
 * The extra rows of a subject whose marks carry the emission timestamps (our pipeline, the batched relay): per delta,
 * the time it waited in the batcher, the rest, and emission emitted → visible. `undefined` when any turn has no split.
 */
export function splitRows(
  turns: readonly TurnLatencies[],
  names: SplitNames = { who: "ours", emission: "upsert" },
): Record<string, number[]> | undefined {
  if (turns.length === 0 || turns.some((turn) => !turn.split)) return undefined;
  const all = turns.flatMap((turn) => turn.split ?? []);
  return {
    [`${names.who}: batching wait (CONTRACTS.md §4)`]: all.map((part) => part.wait),
    [`${names.who}: total − batching wait`]: all.map((part) => part.rest),
    [`${names.who}: ${names.emission} emitted → visible`]: all.map((part) => part.delivery),
  };
}
