// Pure statistics over benchmark samples: median, nearest-rank percentiles, summaries and ratios.

/** The summary of one sample set. Every value is in the samples' unit (ms or a count). */
export interface Stats {
  /** Number of samples. */
  n: number;
  min: number;
  max: number;
  mean: number;
  /** The middle value; for an even count, the mean of the two middle values. */
  median: number;
  /** The 95th percentile by the nearest-rank method (see {@link percentile}). */
  p95: number;
}

/** The statistic a threshold compares. */
export type StatName = "median" | "p95" | "max" | "min" | "mean";

function sorted(values: readonly number[]): number[] {
  for (const value of values) {
    if (!Number.isFinite(value)) throw new RangeError(`Sample is not a finite number: ${value}`);
  }
  return [...values].sort((a, b) => a - b);
}

/**
 * The `p`-th percentile by the nearest-rank method: the smallest sample such that at least `p`% of the samples are
 * less than or equal to it, i.e. `sorted[ceil(p/100 × n) − 1]`. With n = 10, P95 is the largest sample.
 * @throws RangeError for no samples, a non-finite sample, or `p` outside (0, 100].
 */
export function percentile(values: readonly number[], p: number): number {
  if (!(p > 0 && p <= 100)) throw new RangeError(`Percentile must be in (0, 100], got ${p}`);
  const list = sorted(values);
  if (list.length === 0) throw new RangeError("No samples");
  const rank = Math.ceil((p / 100) * list.length);
  return list[Math.max(0, rank - 1)] as number;
}

/**
 * The median: the middle sample, or the mean of the two middle samples for an even count.
 * @throws RangeError for no samples or a non-finite sample.
 */
export function median(values: readonly number[]): number {
  const list = sorted(values);
  if (list.length === 0) throw new RangeError("No samples");
  const mid = Math.floor(list.length / 2);
  return list.length % 2 === 1 ? (list[mid] as number) : ((list[mid - 1] as number) + (list[mid] as number)) / 2;
}

/** The {@link Stats} of `values`, or `undefined` when there are none. @throws RangeError for a non-finite sample. */
export function summarize(values: readonly number[]): Stats | undefined {
  const list = sorted(values);
  if (list.length === 0) return undefined;
  return {
    n: list.length,
    min: list[0] as number,
    max: list[list.length - 1] as number,
    mean: list.reduce((sum, value) => sum + value, 0) / list.length,
    median: median(list),
    p95: percentile(list, 95),
  };
}

/** One named statistic of a summary. */
export function statOf(stats: Stats, name: StatName): number {
  return stats[name];
}

/**
 * `subject / baseline`, or `undefined` when the baseline is 0 or either value is not finite (a ratio to nothing
 * means nothing).
 */
export function ratio(subject: number, baseline: number): number | undefined {
  if (!Number.isFinite(subject) || !Number.isFinite(baseline) || baseline === 0) return undefined;
  return subject / baseline;
}
