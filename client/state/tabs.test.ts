// Tab bookkeeping and its persistence: open-or-focus, close → neighbour, reorder, restore after a reload.
import { describe, expect, it } from "vitest";
import { type KeyValueStorage, loadPersisted, saveScroll, saveTabs } from "./persist.js";
import {
  closeTab,
  cycleTab,
  EMPTY_TABS,
  markAttention,
  moveTab,
  openOrFocus,
  restoreTabs,
  type TabsState,
} from "./tabs.js";

const tabs = (open: string[], active: string | null): TabsState => ({ open, active, attention: {} });

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe("tabs", () => {
  it("opening a session that already has a tab focuses it instead of adding a duplicate", () => {
    let state = openOrFocus(EMPTY_TABS, "a");
    state = openOrFocus(state, "b");
    state = openOrFocus(state, "a");
    expect(state).toEqual(tabs(["a", "b"], "a"));
  });

  it("closing the active tab activates its right neighbour, or the left one when it was last", () => {
    expect(closeTab(tabs(["a", "b", "c"], "b"), "b")).toEqual(tabs(["a", "c"], "c"));
    expect(closeTab(tabs(["a", "b", "c"], "c"), "c")).toEqual(tabs(["a", "b"], "b"));
    expect(closeTab(tabs(["a"], "a"), "a")).toEqual(tabs([], null));
  });

  it("closing a background tab keeps the active one", () => {
    expect(closeTab(tabs(["a", "b", "c"], "c"), "a")).toEqual(tabs(["b", "c"], "c"));
  });

  it("moves a dragged tab before or after the drop target", () => {
    const state = tabs(["a", "b", "c", "d"], "a");
    expect(moveTab(state, "a", "c", false).open).toEqual(["b", "a", "c", "d"]);
    expect(moveTab(state, "a", "c", true).open).toEqual(["b", "c", "a", "d"]);
    expect(moveTab(state, "d", "a", false).open).toEqual(["d", "a", "b", "c"]);
    expect(moveTab(state, "a", "a", true)).toBe(state);
  });

  it("cycles through tabs with wrap-around", () => {
    expect(cycleTab(tabs(["a", "b", "c"], "c"), 1).active).toBe("a");
    expect(cycleTab(tabs(["a", "b", "c"], "a"), -1).active).toBe("c");
  });

  it("badges only background tabs, keeps a permission badge over a done one, and clears it on focus", () => {
    let state = tabs(["a", "b"], "a");
    expect(markAttention(state, "a", "done")).toBe(state);
    state = markAttention(state, "b", "permission");
    state = markAttention(state, "b", "done");
    expect(state.attention).toEqual({ b: "permission" });
    expect(openOrFocus(state, "b").attention).toEqual({});
  });

  it("restores the saved order and active tab, dropping duplicates and junk", () => {
    expect(restoreTabs({ open: ["a", "b", "a", 3, ""], active: "b" })).toEqual(tabs(["a", "b"], "b"));
    expect(restoreTabs({ open: ["a", "b"], active: "gone" })).toEqual(tabs(["a", "b"], "a"));
    expect(restoreTabs(null)).toEqual(tabs([], null));
  });
});

describe("persistence across a reload", () => {
  it("open tabs, their order and the active tab come back; attention badges do not", () => {
    const storage = memoryStorage();
    const state = { open: ["c", "a", "b"], active: "a", attention: { b: "done" as const } };
    saveTabs(storage, state);
    expect(loadPersisted(storage).tabs).toEqual(tabs(["c", "a", "b"], "a"));
  });

  it("scroll positions are kept only for open tabs", () => {
    const storage = memoryStorage();
    saveScroll(storage, { a: { top: 120, follow: false }, gone: { top: 5, follow: true } }, ["a"]);
    expect(loadPersisted(storage).scroll).toEqual({ a: { top: 120, follow: false } });
  });

  it("corrupt or missing entries fall back to empty state", () => {
    const storage = memoryStorage();
    storage.setItem("liminal:v1:tabs", "{not json");
    storage.setItem("liminal:v1:collapsed", JSON.stringify(["p1", 4]));
    const loaded = loadPersisted(storage);
    expect(loaded.tabs).toEqual(tabs([], null));
    expect(loaded.collapsed).toEqual(["p1"]);
    expect(loaded.sidebarCollapsed).toBe(false);
  });
});
