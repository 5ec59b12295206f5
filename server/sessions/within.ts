// A bounded wait: whether a promise settled within a number of milliseconds, without cancelling it.

/**
 * Waits for `promise` at most `timeoutMs` ms (0 or less: only what is already settled, or settles within the current
 * microtasks). Resolves `true` when it settled in time (fulfilled or rejected; a rejection is not rethrown), `false`
 * when the time ran out; the promise itself goes on either way. The timer is cleared, so it never holds the process.
 */
export async function within(promise: Promise<unknown>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, timeoutMs));
  });
  const settled = promise.then(
    () => true as const,
    () => true as const,
  );
  try {
    return await Promise.race([settled, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
