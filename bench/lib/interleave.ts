// Runs the sides of a comparison alternately in one loop, rotating their order each round, so drift hits all sides.

/** One measured side: returns a sample (or several, e.g. one per streamed delta) per call. */
export type Side<T> = (round: number) => Promise<T>;

/**
 * Runs `warmup + n` rounds; each round calls every side once, in an order rotated by one each round (two sides:
 * A B, B A, A B, …), so slow drift of the machine and order effects hit every side alike. Warm-up rounds are run
 * and discarded. Returns the results of each side in round order. A side that throws ends the loop with that error.
 * Example: `const { ours, base } = await interleave(10, { ours: () => measureOurs(), base: () => measureBase() })`.
 */
export async function interleave<K extends string, T>(
  n: number,
  sides: Record<K, Side<T>>,
  options: { warmup?: number; onRound?: (round: number) => void } = {},
): Promise<Record<K, T[]>> {
  const names = Object.keys(sides) as K[];
  const results = Object.fromEntries(names.map((name) => [name, [] as T[]])) as Record<K, T[]>;
  const warmup = options.warmup ?? 0;
  for (let round = 0; round < warmup + n; round += 1) {
    options.onRound?.(round - warmup);
    const shift = round % Math.max(1, names.length);
    const order = [...names.slice(shift), ...names.slice(0, shift)];
    for (const name of order) {
      const value = await sides[name](round - warmup);
      if (round >= warmup) results[name].push(value);
    }
  }
  return results;
}
