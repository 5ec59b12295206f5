// Bounded concurrency for discovery's file reads: `items.map(fn)` with a cap on calls in flight.

/** `items.map(fn)` with at most `limit` calls running at once, results in order. Rejects with the first rejection. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
