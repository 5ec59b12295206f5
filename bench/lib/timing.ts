// The epoch-millisecond clock shared by the bench, the model stand-ins (`writtenAt`) and the page marks.
import { performance } from "node:perf_hooks";

/**
 * Now as epoch milliseconds with sub-millisecond precision: `performance.timeOrigin + performance.now()`, the same
 * clock the local model stand-ins use for `DeltaEvent.writtenAt` (testing/anthropic, testing/openai).
 */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * bench clock − wall clock (`Date.now()`) in ms, averaged over `samples` readings: add it to a wall-clock time taken
 * by another process on this machine (e.g. a server's `emittedAt`, ms resolution) to put it on the {@link epochNow}
 * clock. `Date.now()` truncates to whole ms, so the average is ≈ 0.5 ms more than the true offset, which cancels
 * the same truncation of the other process's timestamps on average.
 */
export function wallClockOffset(samples = 2000): number {
  let sum = 0;
  for (let i = 0; i < samples; i += 1) sum += epochNow() - Date.now();
  return sum / samples;
}

/** Milliseconds elapsed since `start` (an {@link epochNow} value). */
export function elapsedSince(start: number): number {
  return epochNow() - start;
}

/** Runs `fn` and returns its result with the wall time it took in ms (on the {@link epochNow} clock). */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = epochNow();
  const value = await fn();
  return { value, ms: epochNow() - start };
}

/**
 * Polls `condition` every `intervalMs` until it returns a value other than `undefined`/`false`, or `timeoutMs`
 * passes. Resolves with that value; rejects with an Error naming `what` on timeout. For conditions that no event
 * announces (e.g. a process disappearing from /proc).
 */
export async function waitFor<T>(
  what: string,
  condition: () => T | undefined | false | Promise<T | undefined | false>,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = epochNow() + (options.timeoutMs ?? 10_000);
  for (;;) {
    const value = await condition();
    if (value !== undefined && value !== false) return value;
    if (epochNow() > deadline) throw new Error(`Timed out after ${options.timeoutMs ?? 10_000} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 20));
  }
}
