// Boot: restore saved UI state, build the layout, connect the WebSocket, and wire state, actions and views together.
import { consoleLogger } from "../shared/util/index.js";
import { createActions } from "./app/actions.js";
import { resumeAfterConnect } from "./app/commands.js";
import type { AppContext } from "./app/context.js";
import { ResyncTracker } from "./app/resume.js";
import { handleServerMessage } from "./app/sync.js";
import { installDebugHook } from "./debug-hook.js";
import { Connection } from "./net/connection.js";
import { initialAppState } from "./state/app-state.js";
import { attentionCount } from "./state/attention.js";
import { pageTitle } from "./state/attention-view.js";
import {
  loadPersisted,
  saveCollapsed,
  saveScroll,
  saveSidebarCollapsed,
  saveTabs,
  saveTerminalPanel,
  saveTitles,
} from "./state/persist.js";
import { ItemsRegistry } from "./state/registry.js";
import { displayTitle, findSession } from "./state/sessions.js";
import { createStore } from "./state/store.js";
import { mountArchiveUndo } from "./ui/archive-undo.js";
import { startAttention } from "./ui/attention-page.js";
import { mountChangesPanel } from "./ui/changes-panel.js";
import { mountChatViews } from "./ui/chat-views.js";
import { mountComposer } from "./ui/composer.js";
import { h } from "./ui/dom.js";
import { mountDrawer } from "./ui/drawer.js";
import { createToasts, renderConnectionBanner } from "./ui/errors.js";
import { installShortcuts } from "./ui/keyboard.js";
import { renderMarkdown } from "./ui/markdown-dom.js";
import { startRelativeTimeTicker } from "./ui/relative-time.js";
import { mountSessionHeader } from "./ui/session-header.js";
import { mountSidebar } from "./ui/sidebar.js";
import { mountTabs } from "./ui/tabs.js";
import { mountTerminalPanel } from "./ui/terminal-panel.js";

function boot(): void {
  const storage = window.localStorage;
  const persisted = loadPersisted(storage);
  const store = createStore(initialAppState(persisted));
  const registry = new ItemsRegistry();

  const sidebarEl = h("aside", { class: "sidebar", "data-testid": "sidebar" });
  const tabbar = h("div", { class: "tabbar", "data-testid": "tabbar" });
  const header = h("div", { class: "session-header", "data-testid": "session-header", hidden: true });
  const banner = h("div", { class: "banner", role: "alert", "data-testid": "error-banner", hidden: true });
  const chatArea = h("div", { class: "chat-area" });
  const composerEl = h("div", { class: "composer", "data-testid": "composer" });
  const terminalEl = h("section", { class: "terminal-panel", "data-testid": "terminal-panel", hidden: true });
  const changesEl = h("section", { class: "changes-panel", "data-testid": "changes-panel", hidden: true });
  const toastRoot = h("div", { class: "toasts", "aria-live": "polite" });
  const app = h(
    "div",
    { class: "app" },
    sidebarEl,
    h(
      "main",
      { class: "main" },
      tabbar,
      header,
      banner,
      h("div", { class: "chat-row" }, h("div", { class: "chat-column" }, chatArea, composerEl), changesEl),
      terminalEl,
    ),
    toastRoot,
  );
  const root = document.getElementById("app") ?? document.body;
  root.replaceChildren(app);

  const toasts = createToasts(toastRoot);
  let ctx: AppContext | null = null;
  let actions: ReturnType<typeof createActions> | null = null;
  const protocol = location.protocol === "https:" ? "wss:" : "ws:";
  const connection = new Connection({
    url: `${protocol}//${location.host}/ws`,
    onMessage: (message) => {
      if (ctx) handleServerMessage(ctx, message);
    },
    onOpen: () => {
      if (!ctx) return;
      resumeAfterConnect(ctx);
      actions?.terminals.refreshLists();
    },
    onStatus: (info) =>
      store.set((s) => ({ connection: info, everConnected: s.everConnected || info.status === "connected" })),
    onInvalid: (problem) => toasts.showError("INVALID_MESSAGE", problem),
    logger: consoleLogger,
  });
  ctx = {
    store,
    registry,
    transport: connection,
    resync: new ResyncTracker(),
    reportError: toasts.showError,
    logger: consoleLogger,
  };
  actions = createActions(ctx);
  const terminalPanel = mountTerminalPanel(terminalEl, store, actions, toasts.showError);
  const changesPanel = mountChangesPanel(changesEl, store, actions);

  const sidebar = mountSidebar(sidebarEl, store, actions);
  const drawer = mountDrawer(app, sidebarEl, store);
  mountArchiveUndo(toastRoot, store, actions);
  startAttention(store, actions, storage, sidebarEl);
  const toggle = h(
    "button",
    {
      class: "icon-button sidebar-toggle",
      type: "button",
      "data-testid": "sidebar-toggle",
      title: "Show or hide the sidebar (Ctrl+Alt+B)",
      "aria-label": "Toggle sidebar",
      onclick: () => (drawer.isPhone() ? drawer.toggle() : actions.toggleSidebar()),
    },
    "☰",
  );
  mountTabs(tabbar, store, actions, toggle);
  mountSessionHeader(
    header,
    store,
    registry,
    actions,
    () => terminalPanel.toggle(),
    () => changesPanel.toggle(),
  );
  mountChatViews(chatArea, store, registry, actions, {
    markdown: renderMarkdown,
    restoredScroll: persisted.scroll,
    saveScroll: (positions) => saveScroll(storage, positions, store.get().tabs.open),
  });
  const composer = mountComposer(composerEl, store, registry, actions);
  installShortcuts(store, actions, {
    focusComposer: () => composer.focus(),
    newSession: (projectId) => {
      actions?.openNewSessionForm(projectId);
      sidebar.focusNewSession(projectId);
    },
    toggleTerminal: () => terminalPanel.toggle(),
    toggleChanges: () => changesPanel.toggle(),
  });
  startRelativeTimeTicker(document);
  installDebugHook(store, registry);

  let bannerTimer: ReturnType<typeof setInterval> | null = null;
  store.subscribe((state, prev) => {
    if (state.tabs !== prev.tabs) saveTabs(storage, state.tabs);
    if (state.collapsed !== prev.collapsed) saveCollapsed(storage, state.collapsed);
    if (state.titles !== prev.titles || state.tabs.open !== prev.tabs.open)
      saveTitles(storage, state.titles, state.tabs.open);
    if (state.sidebarCollapsed !== prev.sidebarCollapsed) saveSidebarCollapsed(storage, state.sidebarCollapsed);
    if (state.terminals.panel !== prev.terminals.panel) saveTerminalPanel(storage, state.terminals.panel);
    if (state.sidebarCollapsed !== prev.sidebarCollapsed) app.dataset.sidebarCollapsed = String(state.sidebarCollapsed);
    const active = state.tabs.active ? findSession(state.sessions, state.tabs.active) : undefined;
    const base = active ? `${displayTitle(active)} · Liminal Builder` : "Liminal Builder";
    const title = pageTitle(base, attentionCount(state.attention));
    if (document.title !== title) document.title = title;
    if (state.connection !== prev.connection) {
      const draw = () => renderConnectionBanner(banner, store.get().connection, () => connection.retryNow());
      draw();
      if (bannerTimer) clearInterval(bannerTimer);
      bannerTimer = state.connection.status === "connected" ? null : setInterval(draw, 1000);
    }
  });
  app.dataset.sidebarCollapsed = String(store.get().sidebarCollapsed);
  connection.start();
}

boot();
