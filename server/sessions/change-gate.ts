// Announces a session's changes at once, or once at the end of a kill / dispose that changes its state several times.

/**
 * Coalesces change announcements: outside a `hold`, `changed()` announces at once; while one or more `hold`s run, it
 * only remembers that something changed, and the last `release` announces once (unless told not to).
 */
export class ChangeGate {
  private holds = 0;
  private pending = false;

  /** @param announce emits the change (for a runtime: `events.changed` with its session id). */
  constructor(private readonly announce: () => void) {}

  /** Something changed: announced now, or at the end of the holds in progress. */
  changed(): void {
    if (this.holds > 0) this.pending = true;
    else this.announce();
  }

  /** Starts holding announcements (nestable). */
  hold(): void {
    this.holds += 1;
  }

  /** Ends one hold; the last one announces what changed meanwhile when `announce` is true (it is forgotten otherwise). */
  release(announce: boolean): void {
    this.holds -= 1;
    if (this.holds > 0 || !this.pending) return;
    this.pending = false;
    if (announce) this.announce();
  }
}
