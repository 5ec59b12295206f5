// A small set of callbacks: subscribe with an unsubscribe function back, emit to each (one failing listener cannot stop the rest).

/** Callbacks of one event type. */
export class Listeners<T> {
  private readonly callbacks = new Set<(value: T) => void>();

  /** Adds `callback`; returns the function that removes it. */
  add(callback: (value: T) => void): () => void {
    this.callbacks.add(callback);
    return () => {
      this.callbacks.delete(callback);
    };
  }

  /** Calls every callback with `value`; a callback that throws is reported on stderr and skipped. */
  emit(value: T): void {
    for (const callback of [...this.callbacks]) {
      try {
        callback(value);
      } catch (error) {
        console.error("codex provider: a listener failed", error);
      }
    }
  }
}
