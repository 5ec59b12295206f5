// A see-through wrapper of a SessionService: counts the stream subscriptions made through it, holds an openSession.
import type { SessionService } from "../../sessions/index.js";

/** Where a held `openSession` waits: before the real service reads the session's log, or after it has. */
export type OpenHoldPoint = "before-read" | "after-read";

/** What `probeService` gives a test. */
export interface ServiceProbe {
  /** The service to hand to the code under test: every call goes to the real one. */
  service: SessionService;
  /** Stream subscriptions of `sessionId` made through `service` and not yet removed. */
  streamListenerCount(sessionId: string): number;
  /**
   * Holds the next `openSession` made through `service` at `point`: `reached` resolves once it waits there,
   * `release()` lets it go on. Stream messages emitted while it waits before the read are in the result and on the
   * live stream; after the read, only on the live stream.
   */
  holdOpen(point: OpenHoldPoint): { reached: Promise<void>; release: () => void };
}

/**
 * Wraps `real` in a `Proxy` that forwards every method to it unchanged, except that `onStream` subscriptions are
 * counted (so a test can prove that the HTTP layer unsubscribes) and one `openSession` can be held (so a test can
 * emit during the subscribe-then-open race). The real service's seq numbering, log and replay are what answer.
 */
export function probeService(real: SessionService): ServiceProbe {
  const listeners = new Map<string, number>();
  const holds: { point: OpenHoldPoint; reached: () => void; released: Promise<void> }[] = [];
  const onStream: SessionService["onStream"] = (sessionId, listener) => {
    listeners.set(sessionId, (listeners.get(sessionId) ?? 0) + 1);
    const unsubscribe = real.onStream(sessionId, listener);
    let active = true;
    return () => {
      if (active) listeners.set(sessionId, (listeners.get(sessionId) ?? 1) - 1);
      active = false;
      unsubscribe();
    };
  };
  const openSession: SessionService["openSession"] = async (sessionId, options) => {
    const hold = holds.shift();
    if (hold?.point === "before-read") {
      hold.reached();
      await hold.released;
    }
    const result = await real.openSession(sessionId, options);
    if (hold?.point === "after-read") {
      hold.reached();
      await hold.released;
    }
    return result;
  };
  const service = new Proxy(real, {
    get(target, property) {
      if (property === "onStream") return onStream;
      if (property === "openSession") return openSession;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return {
    service,
    streamListenerCount: (sessionId) => listeners.get(sessionId) ?? 0,
    holdOpen(point) {
      let reached!: () => void;
      let release!: () => void;
      const reachedPromise = new Promise<void>((resolve) => {
        reached = resolve;
      });
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      holds.push({ point, reached, released });
      return { reached: reachedPromise, release };
    },
  };
}
