// The store and the items registry: a listener that throws is logged and never keeps the others from the change;
// batched subscriptions draw a burst of changes once per frame.
import { describe, expect, it } from "vitest";
import type { Logger } from "../../shared/util/index.js";
import { ItemsRegistry } from "./registry.js";
import { createStore, subscribeBatched } from "./store.js";

function recordingLogger() {
  const errors: string[] = [];
  const logger: Logger = { info: () => {}, warn: () => {}, error: (message) => errors.push(message) };
  return { logger, errors };
}

describe("change notification", () => {
  it("store: every listener sees the change even when an earlier one throws, and the throw is logged", () => {
    const { logger, errors } = recordingLogger();
    const store = createStore({ count: 0 }, logger);
    const seen: [number, number][] = [];
    store.subscribe(() => {
      throw new Error("view broke");
    });
    store.subscribe((state, previous) => seen.push([previous.count, state.count]));
    store.set({ count: 1 });
    expect(store.get().count).toBe(1);
    expect(seen).toEqual([[0, 1]]);
    expect(errors).toEqual(["A store listener threw"]);
  });

  it("registry: a throwing listener does not stop the next one from hearing which session changed", () => {
    const { logger, errors } = recordingLogger();
    const registry = new ItemsRegistry(logger);
    const heard: string[] = [];
    registry.subscribe(() => {
      throw new Error("view broke");
    });
    const stop = registry.subscribe((sessionId) => heard.push(sessionId));
    registry.notify("s1");
    stop();
    registry.notify("s2");
    expect(heard).toEqual(["s1"]);
    expect(errors).toEqual(["A session items listener threw", "A session items listener threw"]);
  });
});

describe("subscribeBatched", () => {
  /** A scheduler whose runs wait until `frame()` is called, like requestAnimationFrame. */
  function fakeFrames() {
    const queued: (() => void)[] = [];
    return {
      schedule: (callback: () => void) => queued.push(callback),
      frame: () => {
        for (const callback of queued.splice(0)) callback();
      },
      waiting: () => queued.length,
    };
  }

  it("many sets before a frame are drawn once, with the state last drawn as previous", () => {
    const store = createStore({ count: 0, other: "a" });
    const frames = fakeFrames();
    const runs: [number, number][] = [];
    subscribeBatched(store, (state, previous) => runs.push([previous.count, state.count]), frames.schedule);
    for (let i = 1; i <= 20; i += 1) store.set({ count: i });
    expect(runs).toEqual([]);
    expect(frames.waiting()).toBe(1);
    frames.frame();
    expect(runs).toEqual([[0, 20]]);
    store.set({ count: 21 });
    frames.frame();
    expect(runs).toEqual([
      [0, 20],
      [20, 21],
    ]);
  });

  it("a frame with nothing new draws nothing; a set that changes nothing asks for no frame", () => {
    const store = createStore({ count: 0 });
    const frames = fakeFrames();
    let runs = 0;
    const subscription = subscribeBatched(store, () => (runs += 1), frames.schedule);
    store.set({ count: 0 });
    expect(frames.waiting()).toBe(0);
    store.set({ count: 1 });
    subscription.flush();
    expect(runs).toBe(1);
    frames.frame();
    expect(runs).toBe(1);
  });

  it("flush draws waiting changes at once (before focusing what they draw); unsubscribe drops a waiting run", () => {
    const store = createStore({ form: false });
    const frames = fakeFrames();
    const seen: boolean[] = [];
    const subscription = subscribeBatched(store, (state) => seen.push(state.form), frames.schedule);
    subscription.flush();
    expect(seen).toEqual([]);
    store.set({ form: true });
    subscription.flush();
    expect(seen).toEqual([true]);
    store.set({ form: false });
    subscription.unsubscribe();
    frames.frame();
    store.set({ form: true });
    expect(frames.waiting()).toBe(0);
    expect(seen).toEqual([true]);
  });
});
