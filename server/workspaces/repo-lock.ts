// One git operation that writes at a time per repository, so two sessions' commits or merges never race on its locks.

/**
 * A queue per key (a repository's common git directory or top level): `run(key, task)` starts `task` once every task
 * queued before it for `key` has settled. A task's failure is its caller's; the queue goes on.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs `task` after the tasks queued for `key` before it; resolves or rejects as `task` does. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }
}
