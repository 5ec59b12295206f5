// A set of listeners of one kind of event: add returns the remover; a throwing listener is logged, never stops the rest.
import type { Logger } from "./logger.js";

/**
 * The listeners of one kind of event, called in the order they were added with one value each. A listener that throws
 * is logged through the injected `logger` (with `what` naming the event) and the others still run.
 */
export class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();

  /** @param what names the event in the log line of a failing listener, e.g. `"session:updated"`. */
  constructor(
    private readonly what: string,
    private readonly logger: Logger,
  ) {}

  /** Adds `listener`; returns the function that removes it (idempotent). */
  add(listener: (value: T) => void): () => void {
    this.set.add(listener);
    return () => {
      this.set.delete(listener);
    };
  }

  /** Calls every listener with `value`, in order of addition (a listener added during the call is not called). */
  emit(value: T): void {
    for (const listener of [...this.set]) {
      try {
        listener(value);
      } catch (error) {
        this.logger.error(`A ${this.what} listener threw`, { error: String(error) });
      }
    }
  }

  /** Removes every listener. */
  clear(): void {
    this.set.clear();
  }

  /** Number of listeners. */
  get size(): number {
    return this.set.size;
  }
}
