// The one timeout helper: bound the wait for a promise without cancelling it; the timer never holds the process.

/** `withTimeout` gave up waiting. `timeoutMs` is the bound that ran out. */
export class TimeoutError extends Error {
  override readonly name = "TimeoutError";
  constructor(
    message: string,
    readonly timeoutMs: number,
  ) {
    super(message);
  }
}

/**
 * Settles like `promise` when it settles within `timeoutMs` ms (0 or less: only what settles within the current
 * microtasks); otherwise rejects with {@link TimeoutError} `"<what> took longer than <timeoutMs> ms"`. The promise
 * itself goes on either way; the timer is cleared (and unref'd where the platform allows), so it never keeps a Node
 * process alive.
 */
export function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what = "The operation"): Promise<T> {
  const bound = Math.max(0, timeoutMs);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${what} took longer than ${bound} ms`, bound)), bound);
    (timer as { unref?: () => void }).unref?.();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Waits for `promise` at most `timeoutMs` ms. Resolves `true` when it settled in time (fulfilled or rejected; a
 * rejection is not rethrown), `false` when the time ran out. Built on {@link withTimeout}.
 */
export function within(promise: Promise<unknown>, timeoutMs: number): Promise<boolean> {
  const settled = promise.then(
    () => true,
    () => true,
  );
  return withTimeout(settled, timeoutMs).catch(() => false);
}
