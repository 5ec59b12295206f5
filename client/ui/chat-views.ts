// Keeps one ChatView per open tab, shows the active one, redraws on item changes (at most once per frame), marks agent
// text visible in the frame that paints it, saves scroll positions.
import type { UpsertObject } from "../../shared/contracts/index.js";
import type { Actions } from "../app/actions.js";
import type { AppState } from "../state/app-state.js";
import type { ScrollPosition } from "../state/persist.js";
import type { ItemsRegistry } from "../state/registry.js";
import type { Store } from "../state/store.js";
import { ChatView } from "./chat-view.js";
import { h, setHidden } from "./dom.js";
import type { MarkdownRenderer } from "./markdown.js";
import { markVisible } from "./render-item.js";

/** Options: where scroll positions come from after a reload and where they are saved. */
export interface ChatViewsOptions {
  markdown: MarkdownRenderer;
  restoredScroll: Record<string, ScrollPosition>;
  saveScroll: (positions: Record<string, ScrollPosition>) => void;
}

/** Mounts the chat area into `root`. */
export function mountChatViews(
  root: HTMLElement,
  store: Store<AppState>,
  registry: ItemsRegistry,
  actions: Actions,
  options: ChatViewsOptions,
): void {
  const views = new Map<string, ChatView>();
  const positions: Record<string, ScrollPosition> = { ...options.restoredScroll };
  const pending = new Set<string>();
  let frame: number | null = null;
  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  let activeId: string | null = null;

  const empty = h(
    "div",
    { class: "empty-state", "data-testid": "empty-state" },
    h("h2", {}, "No session open"),
    h(
      "p",
      { class: "muted" },
      "Add a project folder in the sidebar, then start a Claude Code or Codex session with +, or open one of its sessions.",
    ),
    h(
      "p",
      { class: "muted small" },
      "Ctrl+Alt+N starts a new session · Alt+1…9 switches tabs · / focuses the message box",
    ),
  );
  root.appendChild(empty);

  const scheduleSave = () => {
    if (saveTimer) return;
    saveTimer = setTimeout(() => {
      saveTimer = null;
      options.saveScroll(positions);
    }, 400);
  };

  const renderView = (view: ChatView) => {
    const state = registry.get(view.sessionId);
    const error = store.get().openErrors[view.sessionId];
    if (view.isStale(state, error)) view.render(state, error);
    if (view.restore(positions[view.sessionId])) scheduleSave();
  };

  /** Agent text redrawn outside a frame callback, marked visible in the next frame (the one that paints it). */
  const unpainted: { sessionId: string; item: UpsertObject }[] = [];
  let inFrame = false;
  /** True from a draw outside a frame callback until the next frame: later changes wait for a frame. */
  let drewSinceFrame = false;

  const markPainted = () => {
    drewSinceFrame = false;
    for (const { sessionId, item } of unpainted.splice(0)) markVisible(sessionId, item);
  };

  const onRedrawn = (sessionId: string, items: UpsertObject[]) => {
    if (inFrame) {
      for (const item of items) markVisible(sessionId, item);
      return;
    }
    if (unpainted.length === 0 && !drewSinceFrame) requestAnimationFrame(markPainted);
    for (const item of items) unpainted.push({ sessionId, item });
  };

  const drawPending = () => {
    for (const id of pending) {
      const view = views.get(id);
      if (view && id === activeId) renderView(view);
    }
    pending.clear();
  };

  const flush = () => {
    frame = null;
    inFrame = true;
    try {
      drawPending();
    } finally {
      inFrame = false;
    }
  };

  /**
   * Draws a session's changes. The first change since the last frame is drawn at once, so the coming frame only has
   * to paint it (a streamed update shows one frame's work sooner); further changes before that frame wait for it and
   * are drawn together (a burst, e.g. ten sessions streaming, costs one draw per frame). Hidden pages draw every 50 ms.
   */
  const schedule = (sessionId: string) => {
    pending.add(sessionId);
    if (frame !== null) return;
    if (typeof document !== "undefined" && document.hidden) {
      frame = window.setTimeout(flush, 50);
    } else if (!drewSinceFrame) {
      drewSinceFrame = true;
      if (unpainted.length === 0) requestAnimationFrame(markPainted);
      drawPending();
    } else {
      frame = requestAnimationFrame(flush);
    }
  };

  const viewFor = (sessionId: string): ChatView => {
    let view = views.get(sessionId);
    if (!view) {
      view = new ChatView(
        sessionId,
        actions,
        options.markdown,
        (position) => {
          positions[sessionId] = position;
          scheduleSave();
        },
        (items) => onRedrawn(sessionId, items),
      );
      views.set(sessionId, view);
      root.appendChild(view.el);
    }
    return view;
  };

  const sync = (state: AppState, prev?: AppState) => {
    if (prev && prev.tabs === state.tabs && prev.openErrors === state.openErrors) return;
    for (const [id, view] of views) {
      if (!state.tabs.open.includes(id)) {
        view.dispose();
        view.el.remove();
        views.delete(id);
        delete positions[id];
        scheduleSave();
      }
    }
    setHidden(empty, state.tabs.active !== null);
    const nextId = state.tabs.active;
    if (nextId !== activeId) {
      if (activeId) views.get(activeId)?.hide();
      activeId = nextId;
      if (nextId) {
        const view = viewFor(nextId);
        renderView(view);
        view.show();
      }
    } else if (nextId && prev?.openErrors !== state.openErrors) {
      schedule(nextId);
    }
  };

  registry.subscribe((sessionId) => {
    if (sessionId === activeId) schedule(sessionId);
  });
  sync(store.get());
  store.subscribe(sync);
}
