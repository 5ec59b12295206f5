// The store and the items registry: a listener that throws is logged and never keeps the others from the change.
import { describe, expect, it } from "vitest";
import type { Logger } from "../../shared/util/index.js";
import { ItemsRegistry } from "./registry.js";
import { createStore } from "./store.js";

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
