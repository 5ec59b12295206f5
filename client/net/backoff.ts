// Reconnect delays: exponential backoff from 0.5 s to 8 s with a little jitter.

/** Backoff settings in milliseconds; `jitter` is the ± fraction applied to each delay (0.2 = ±20 %). */
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  jitter: number;
}

/** 0.5 s, 1 s, 2 s, 4 s, 8 s, 8 s, … each ±20 %. */
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 8000, jitter: 0.2 };

/**
 * The wait before reconnect attempt `attempt` (0 for the first retry after a drop), in milliseconds:
 * `min(maxMs, baseMs × 2^attempt)` scaled by a factor in `[1 − jitter, 1 + jitter]` drawn from `random()` (0..1),
 * never above `maxMs`.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF, random = Math.random): number {
  const raw = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt));
  const factor = 1 + options.jitter * (random() * 2 - 1);
  return Math.round(Math.min(options.maxMs, raw * factor));
}
