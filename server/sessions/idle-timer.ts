// When a session's CLI has been idle long enough to be put to sleep (issue "Release gates, round two" §2).

/**
 * One session's idle countdown: `arm()` (re)starts it, `disarm()` stops it; after `delayMs` ms armed without a
 * `disarm`, `onIdle` runs once. A `delayMs` of 0 (or less, or not finite) never fires: sleeping is off. The timer is
 * `unref`ed, so it never keeps the server process alive.
 */
export class IdleTimer {
  private timer: NodeJS.Timeout | undefined;

  /**
   * @param delayMs idle time before `onIdle`, in ms (0: never)
   * @param onIdle runs when the countdown ends; it checks for itself whether the session may still sleep
   */
  constructor(
    private readonly delayMs: number,
    private readonly onIdle: () => void,
  ) {}

  /** Starts the countdown again from now. */
  arm(): void {
    this.disarm();
    if (!(this.delayMs > 0 && Number.isFinite(this.delayMs))) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.onIdle();
    }, this.delayMs);
    this.timer.unref();
  }

  /** Stops the countdown (no-op when not armed). */
  disarm(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
