// A debounced, bounded queue of per-key jobs (the worktree change summaries of SessionWorkspaces).

/**
 * Runs `run(key)` `delayMs` after the last `schedule(key)`, at most `concurrency` jobs at once, never two for one key:
 * a `schedule` while that key's job runs reruns it once it ends. `close()` stops everything not yet started and
 * resolves when the jobs under way have ended, so nothing of this queue runs afterwards. A job's rejection is its own
 * to report (`run` should not throw); the queue goes on either way.
 */
export class RefreshQueue {
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<string>();
  private readonly rerun = new Set<string>();
  private readonly waiting: string[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;

  /**
   * @param run the job of one key
   * @param concurrency jobs at once (≥ 1)
   */
  constructor(
    private readonly run: (key: string) => Promise<void>,
    private readonly concurrency: number,
  ) {}

  /** True while `key` has a job waiting or running. */
  has(key: string): boolean {
    return this.pending.has(key) || this.running.has(key) || this.waiting.includes(key);
  }

  /** Runs `key`'s job `delayMs` ms after the last call (after the running one ends, when one runs). */
  schedule(key: string, delayMs: number): void {
    if (this.closed) return;
    if (this.running.has(key)) {
      this.rerun.add(key);
      return;
    }
    const timer = this.pending.get(key);
    if (timer) clearTimeout(timer);
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        this.waiting.push(key);
        this.drain();
      }, delayMs).unref(),
    );
  }

  /** Starts nothing more; resolves when the jobs under way have ended. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    this.waiting.length = 0;
    await Promise.allSettled([...this.inFlight]);
  }

  private drain(): void {
    if (this.closed) return;
    while (this.running.size < this.concurrency && this.waiting.length > 0) {
      const key = this.waiting.shift() as string;
      if (this.running.has(key)) continue;
      this.running.add(key);
      const job: Promise<void> = this.run(key).finally(() => {
        this.inFlight.delete(job);
        this.running.delete(key);
        if (this.rerun.delete(key)) this.schedule(key, 0);
        this.drain();
      });
      this.inFlight.add(job);
    }
  }
}
