// Matches the deltas a model stand-in wrote to the page marks that showed them: per-delta write → visible latency,
// and (for a batching pipeline: ours, the batched relay) where that time went: the batching wait and the delivery
// after emission.
import type { VisibleMark } from "./page-marks.js";

/** One text delta as the stand-in wrote it (from `onDelta`). */
export interface WrittenDelta {
  text: string;
  /** Epoch ms (stand-in `writtenAt`). */
  writtenAt: number;
}

/** The result of {@link matchDeltas}. */
export interface DeltaLatencies {
  /** Per matched delta, in write order: visible − written, in ms. */
  latencies: number[];
  /** Deltas no mark ever covered (the page never showed them). */
  unmatched: number;
  /**
   * Per matched delta, where its time went, when the marks carry the emission's `emittedAt` and `sourceTimestamp`
   * (our client and the batched relay page do; the unbatched relay page does not). Same order and length as
   * `latencies`.
   */
  split?: LatencySplit[];
}

/** Where one delta's write → visible time went in our pipeline (ms; `wait + rest = total`). */
export interface LatencySplit {
  /**
   * Time the delta spent unemitted in the provider's batcher (CONTRACTS.md section 4): the emission's `emittedAt −
   * sourceTimestamp` (how long its newest delta waited, server clock) plus how much earlier this delta was written
   * than that newest one (stand-in clock), i.e. assuming every delta of one emission took equally long to reach the
   * provider.
   */
  wait: number;
  /** Everything else: the CLI, translation, the session service, the WebSocket, the client and the frame. */
  rest: number;
  /**
   * Upsert emitted → visible (server, WebSocket, client, frame), with `emittedAt` put on the bench clock by
   * `wallOffsetMs`; ±1 ms (the upsert timestamps have millisecond resolution).
   */
  delivery: number;
}

/** The upsert timestamps our client copies into a mark's detail (ISO 8601 strings). */
interface UpsertTimes {
  emittedAt?: unknown;
  sourceTimestamp?: unknown;
}

function upsertTimes(mark: VisibleMark): { emittedAt: number; sourceTime: number } | undefined {
  const { emittedAt, sourceTimestamp } = mark.detail as UpsertTimes;
  if (typeof emittedAt !== "string" || typeof sourceTimestamp !== "string") return undefined;
  const emitted = Date.parse(emittedAt);
  const source = Date.parse(sourceTimestamp);
  return Number.isFinite(emitted) && Number.isFinite(source) ? { emittedAt: emitted, sourceTime: source } : undefined;
}

/**
 * Latency of each delta of one agent text item. Delta k ends at character offset `O_k` (the summed lengths of deltas
 * 0..k); it is visible at the earliest mark whose `contentLength ≥ O_k`, so a batch showing several deltas at once
 * gives each of them its own latency from its own write. `marks` are those of this item only, on the bench clock.
 * When every mark carries `emittedAt` and `sourceTimestamp` (our client, the batched relay page), `split` says where
 * each delta's time went; `wallOffsetMs` (bench clock − wall clock, see `wallClockOffset`) puts the server's (or the
 * relay's) `emittedAt` on the bench clock.
 */
export function matchDeltas(
  deltas: readonly WrittenDelta[],
  marks: readonly VisibleMark[],
  wallOffsetMs = 0,
): DeltaLatencies {
  const ordered = [...marks].sort((a, b) => a.at - b.at);
  const times = ordered.map(upsertTimes);
  const canSplit = ordered.length > 0 && times.every((time) => time !== undefined);
  const latencies: number[] = [];
  const matchedMark: number[] = [];
  const matchedWritten: number[] = [];
  let unmatched = 0;
  let offset = 0;
  let cursor = 0;
  for (const delta of deltas) {
    offset += delta.text.length;
    while (cursor < ordered.length && (ordered[cursor]?.detail.contentLength ?? 0) < offset) cursor += 1;
    const mark = ordered[cursor];
    if (mark) {
      latencies.push(mark.at - delta.writtenAt);
      matchedMark.push(cursor);
      matchedWritten.push(delta.writtenAt);
    } else unmatched += 1;
  }
  if (!canSplit) return { latencies, unmatched };
  // The newest delta each mark shows: the last delta matched to it.
  const newest = new Map<number, number>();
  matchedMark.forEach((markIndex, index) => {
    newest.set(markIndex, matchedWritten[index] as number);
  });
  const split = matchedMark.map((markIndex, index): LatencySplit => {
    const mark = ordered[markIndex] as VisibleMark;
    const time = times[markIndex] as { emittedAt: number; sourceTime: number };
    const written = matchedWritten[index] as number;
    const total = latencies[index] as number;
    const wait = Math.max(0, time.emittedAt - time.sourceTime + ((newest.get(markIndex) ?? written) - written));
    return { wait, rest: total - wait, delivery: mark.at - (time.emittedAt + wallOffsetMs) };
  });
  return { latencies, unmatched, split };
}

/**
 * Guards against a wrong match: a delta cannot be visible before it was written, so a latency below `-slackMs` means
 * the marks belong to another item (e.g. an older answer drawn meanwhile; such a match is off by hundreds of ms). The
 * default 5 ms slack covers the clock alignment (± 0.3 ms idle); both stand-ins take `writtenAt` when the bytes are
 * handed to the socket (before the write's callback, which a busy process runs late), so it never trails them.
 * @throws Error naming `label` and the most negative latency.
 */
export function assertCausal(latencies: readonly number[], label: string, slackMs = 5): void {
  const lowest = Math.min(...latencies);
  if (lowest < -slackMs) {
    throw new Error(
      `${label}: a delta was marked visible ${(-lowest).toFixed(1)} ms before it was written (wrong item?)`,
    );
  }
}
