// A small observable store: get / set / subscribe, the one place UI modules read shared state from.
import { consoleLogger, Listeners, type Logger } from "../../shared/util/index.js";

/** A listener gets the new and the previous state after every `set` that changed something. */
export type Listener<T> = (state: T, previous: T) => void;

/** An observable value; `set` replaces it (shallow-merged for objects) and notifies subscribers synchronously. */
export interface Store<T extends object> {
  /** The current state (treat as read-only: change it through `set`). */
  get(): T;
  /**
   * Merges `patch` (or the result of `update(state)`) into the state. Listeners run only when at least one
   * top-level field changed identity.
   */
  set(patch: Partial<T> | ((state: T) => Partial<T>)): void;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: Listener<T>): () => void;
}

/** Creates a store holding `initial`; a listener that throws is logged through `logger` and the others still run. */
export function createStore<T extends object>(initial: T, logger: Logger = consoleLogger): Store<T> {
  let state = initial;
  const listeners = new Listeners<{ state: T; previous: T }>("store", logger);
  return {
    get: () => state,
    set(patch) {
      const delta = typeof patch === "function" ? patch(state) : patch;
      const keys = Object.keys(delta) as (keyof T)[];
      if (!keys.some((key) => !Object.is(delta[key], state[key]))) return;
      const previous = state;
      state = { ...state, ...delta };
      listeners.emit({ state, previous });
    },
    subscribe(listener) {
      return listeners.add((change) => listener(change.state, change.previous));
    },
  };
}

/** Runs a callback later, once (e.g. in the next animation frame); injected so batching can be tested without a DOM. */
export type FrameScheduler = (callback: () => void) => void;

/** A batched subscription: see {@link subscribeBatched}. */
export interface BatchedSubscription {
  /** Runs the listener now when changes are waiting (before reading or focusing what it draws); else nothing. */
  flush(): void;
  /** Stops listening; a waiting run is dropped. */
  unsubscribe(): void;
}

/**
 * Like `store.subscribe`, but every change before the next `schedule`d run is handled by one call: the listener gets
 * the state of that run and the state it saw last (the one of its previous run, or the state at subscription), so
 * `state.x !== previous.x` still tells what changed since it last drew. A burst of sets (twenty sessions streaming)
 * costs one draw per frame. An error the listener throws propagates out of the scheduled run (or `flush`).
 */
export function subscribeBatched<T extends object>(
  store: Store<T>,
  listener: Listener<T>,
  schedule: FrameScheduler,
): BatchedSubscription {
  let seen = store.get();
  let waiting = false;
  let active = true;
  const run = () => {
    waiting = false;
    if (!active) return;
    const state = store.get();
    if (state === seen) return;
    const previous = seen;
    seen = state;
    listener(state, previous);
  };
  const unsubscribe = store.subscribe(() => {
    if (waiting) return;
    waiting = true;
    schedule(run);
  });
  return {
    flush: () => {
      if (waiting) run();
    },
    unsubscribe: () => {
      active = false;
      unsubscribe();
    },
  };
}
