// The tab bar: one tab per open session (title follows the session), close, drag to reorder, attention badges. Drawn
// at most once per frame; a tab whose view did not change is left alone, so background sessions' updates cost little.

import type { Actions } from "../app/actions.js";
import type { AppState } from "../state/app-state.js";
import { type Store, subscribeBatched } from "../state/store.js";
import { sameTabView, TAB_STATUS_LABEL, type TabView, tabStatus, tabViews } from "../state/tab-view.js";
import { h, nextFrame, replaceChildren, setAttr, setText } from "./dom.js";

const DRAG_TYPE = "application/x-liminal-tab";

/** One tab's element and the parts a redraw changes. */
interface TabEntry {
  el: HTMLElement;
  title: HTMLElement;
  mark: HTMLElement;
  close: HTMLElement;
  attention: HTMLElement | null;
  /** The status mark (running, needs approval, failed, finished unseen) and the project name of a shared title. */
  status: HTMLElement;
  project: HTMLElement;
  view: TabView | undefined;
}

/**
 * Builds the tab bar into `root` (after `leading`, e.g. the sidebar toggle) and keeps it in step with the store: at most
 * once per frame, each tab element kept and only what changed in its view written; the active tab is scrolled into
 * view only when it or the set of tabs changed.
 */
export function mountTabs(root: HTMLElement, store: Store<AppState>, actions: Actions, leading: HTMLElement): void {
  const strip = h("div", {
    class: "tab-strip",
    role: "tablist",
    "aria-label": "Open sessions",
    "data-testid": "tab-strip",
  });
  replaceChildren(root, leading, strip);
  let dragging: string | null = null;
  const entries = new Map<string, TabEntry>();

  const clearMarks = () => {
    for (const el of strip.querySelectorAll(".drop-before, .drop-after"))
      el.classList.remove("drop-before", "drop-after");
  };

  /** A new tab element for `sessionId`; its handlers read the tab's current title from its entry. */
  const create = (sessionId: string): TabEntry => {
    const mark = h("span", { class: "cli-mark", "aria-hidden": "true" });
    const title = h("span", { class: "tab-title", "data-testid": "tab-title" });
    const status = h("span", { class: "tab-status", "data-testid": "tab-status", role: "img", hidden: true });
    const project = h("span", { class: "tab-project muted", "data-testid": "tab-project", hidden: true });
    const close = h(
      "button",
      {
        class: "icon-button tab-close",
        type: "button",
        title: "Close tab (Ctrl+Alt+W)",
        "data-testid": "tab-close",
        onclick: (event: MouseEvent) => {
          event.stopPropagation();
          actions.closeTab(sessionId);
        },
      },
      "×",
    );
    const el = h(
      "div",
      {
        class: "tab",
        role: "tab",
        draggable: "true",
        "data-testid": "tab",
        "data-session-id": sessionId,
        onclick: () => actions.focusTab(sessionId),
        onauxclick: (event: MouseEvent) => {
          if (event.button === 1) actions.closeTab(sessionId);
        },
        ondragstart: (event: DragEvent) => {
          dragging = sessionId;
          event.dataTransfer?.setData(DRAG_TYPE, sessionId);
          event.dataTransfer?.setData("text/plain", entries.get(sessionId)?.view?.title ?? "");
          if (event.dataTransfer) event.dataTransfer.effectAllowed = "move";
          el.classList.add("dragging");
        },
        ondragend: () => {
          dragging = null;
          el.classList.remove("dragging");
          clearMarks();
        },
        ondragover: (event: DragEvent) => {
          if (!dragging || dragging === sessionId) return;
          event.preventDefault();
          if (event.dataTransfer) event.dataTransfer.dropEffect = "move";
          const rect = el.getBoundingClientRect();
          const after = event.clientX > rect.left + rect.width / 2;
          clearMarks();
          el.classList.add(after ? "drop-after" : "drop-before");
        },
        ondragleave: () => el.classList.remove("drop-before", "drop-after"),
        ondrop: (event: DragEvent) => {
          event.preventDefault();
          const moved = event.dataTransfer?.getData(DRAG_TYPE) || dragging;
          const rect = el.getBoundingClientRect();
          clearMarks();
          if (moved) actions.moveTab(moved, sessionId, event.clientX > rect.left + rect.width / 2);
        },
      },
      mark,
      status,
      title,
      project,
      close,
    );
    return { el, title, mark, close, attention: null, status, project, view: undefined };
  };

  /** Brings a tab's element in line with `view` (only the attributes and text that differ are written). */
  const update = (entry: TabEntry, view: TabView) => {
    if (sameTabView(entry.view, view)) return;
    entry.view = view;
    const { el } = entry;
    setAttr(el, "tabindex", view.active ? 0 : -1);
    setAttr(el, "data-attention", view.attention);
    setAttr(el, "data-running", view.running ? "true" : undefined);
    setAttr(el, "aria-selected", view.active ? "true" : "false");
    setAttr(el, "title", view.tooltip);
    setAttr(entry.mark, "class", `cli-mark cli-${view.cliType || "unknown"}`);
    setText(entry.title, view.title);
    const status = tabStatus(view);
    entry.status.hidden = !status;
    setAttr(entry.el, "data-status", status);
    setAttr(entry.status, "data-status", status);
    setAttr(entry.status, "aria-label", status ? TAB_STATUS_LABEL[status] : undefined);
    setAttr(entry.status, "title", status ? TAB_STATUS_LABEL[status] : undefined);
    entry.project.hidden = !view.project;
    setText(entry.project, view.project ?? "");
    setAttr(entry.close, "aria-label", `Close ${view.title}`);
    if (!view.attention) {
      entry.attention?.remove();
      entry.attention = null;
      return;
    }
    if (!entry.attention) {
      entry.attention = h("span", { "data-testid": "tab-attention" });
      entry.close.before(entry.attention);
    }
    setAttr(entry.attention, "class", `tab-attention attention-${view.attention}`);
    setAttr(entry.attention, "data-kind", view.attention);
    setAttr(
      entry.attention,
      "title",
      view.attention === "permission" ? "Waiting for your permission" : "Turn finished",
    );
  };

  const render = (state: AppState, prev?: AppState) => {
    if (
      prev &&
      prev.tabs === state.tabs &&
      prev.sessions === state.sessions &&
      prev.titles === state.titles &&
      prev.attention === state.attention &&
      prev.projects === state.projects
    )
      return;
    const views = tabViews(state);
    const open = new Set(state.tabs.open);
    for (const [id, entry] of entries) {
      if (!open.has(id)) {
        entry.el.remove();
        entries.delete(id);
      }
    }
    views.forEach((view, i) => {
      let entry = entries.get(view.sessionId);
      if (!entry) {
        entry = create(view.sessionId);
        entries.set(view.sessionId, entry);
      }
      update(entry, view);
      if (strip.children[i] !== entry.el) strip.insertBefore(entry.el, strip.children[i] ?? null);
    });
    // Only when the active tab or the set of tabs changed: scrolling into view forces a layout.
    if (!prev || prev.tabs.active !== state.tabs.active || prev.tabs.open !== state.tabs.open) {
      const active = state.tabs.active ? entries.get(state.tabs.active) : undefined;
      active?.el.scrollIntoView({ block: "nearest", inline: "nearest" });
    }
  };
  render(store.get());
  subscribeBatched(store, render, nextFrame);
}
