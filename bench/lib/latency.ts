// Matches the deltas a model stand-in wrote to the page marks that showed them: per-delta write → visible latency.
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
}

/**
 * Latency of each delta of one agent text item. Delta k ends at character offset `O_k` (the summed lengths of deltas
 * 0..k); it is visible at the earliest mark whose `contentLength ≥ O_k`, so a batch showing several deltas at once
 * gives each of them its own latency from its own write. `marks` are those of this item only, on the bench clock.
 */
export function matchDeltas(deltas: readonly WrittenDelta[], marks: readonly VisibleMark[]): DeltaLatencies {
  const ordered = [...marks].sort((a, b) => a.at - b.at);
  const latencies: number[] = [];
  let unmatched = 0;
  let offset = 0;
  let cursor = 0;
  for (const delta of deltas) {
    offset += delta.text.length;
    while (cursor < ordered.length && (ordered[cursor]?.detail.contentLength ?? 0) < offset) cursor += 1;
    const mark = ordered[cursor];
    if (mark) latencies.push(mark.at - delta.writtenAt);
    else unmatched += 1;
  }
  return { latencies, unmatched };
}
