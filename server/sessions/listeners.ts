// A tiny listener set: add returns the unsubscribe function; a throwing listener is logged and never stops the others.
import type { Logger } from "../store/json-store.js";

/** Listeners of one kind of event, called in the order they were added. */
export class Listeners<Args extends unknown[]> {
  private readonly set = new Set<(...args: Args) => void>();

  constructor(
    private readonly what: string,
    private readonly logger: Logger,
  ) {}

  /** Adds `listener`; returns the function that removes it. */
  add(listener: (...args: Args) => void): () => void {
    this.set.add(listener);
    return () => {
      this.set.delete(listener);
    };
  }

  /** Calls every listener with `args`. */
  emit(...args: Args): void {
    for (const listener of [...this.set]) {
      try {
        listener(...args);
      } catch (error) {
        this.logger.error(`A ${this.what} listener threw`, { error: String(error) });
      }
    }
  }

  /** Number of listeners. */
  get size(): number {
    return this.set.size;
  }
}
