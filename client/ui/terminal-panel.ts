// The terminal panel under the chat: the active session's terminals as tabs, each an xterm.js view; resizable, hideable.
import type { Actions } from "../app/actions.js";
import type { AppState } from "../state/app-state.js";
import type { Store } from "../state/store.js";
import { exitText, sessionTerminals } from "../state/terminals.js";
import { h, replaceChildren } from "./dom.js";
import { TerminalView } from "./terminal-view.js";

/** What the rest of the page may ask of the panel. */
export interface TerminalPanel {
  /** Shows the panel (or hides it when shown) and focuses the active terminal when it opens. */
  toggle(): void;
}

/**
 * Mounts the panel into `root`. It shows the active tab's session: its terminals as tabs (double-click renames, ×
 * closes, + opens another; Restart appears for a shell that exited), one `TerminalView` per terminal, kept alive while
 * the panel is hidden or another session is shown, so shells and their screens survive both. Opening the panel on a
 * session with no terminal starts one; closing the last one hides the panel. The top edge drags to resize.
 * Test hooks: `terminal-panel` (`data-session-id`), `terminal-tab` (`data-terminal-id`, `data-state`,
 * `aria-selected`), `terminal-tab-name`, `terminal-tab-close`, `terminal-rename-input`, `terminal-new`,
 * `terminal-restart`, `terminal-hide`, `terminal-resize`, `terminal-empty`, and each view's `terminal-view`.
 */
export function mountTerminalPanel(
  root: HTMLElement,
  store: Store<AppState>,
  actions: Actions,
  reportError: (code: string, message: string) => void,
): TerminalPanel {
  const terminals = actions.terminals;
  const views = new Map<string, TerminalView>();
  const tabs = h("div", { class: "terminal-tabs", role: "tablist", "aria-label": "Terminals" });
  const newButton = h(
    "button",
    {
      class: "icon-button terminal-bar-button",
      type: "button",
      "data-testid": "terminal-new",
      title: "New terminal",
      "aria-label": "New terminal",
    },
    "+",
  );
  const restart = h(
    "button",
    { class: "button small", type: "button", "data-testid": "terminal-restart", hidden: true },
    "Restart",
  );
  const hide = h(
    "button",
    {
      class: "icon-button terminal-bar-button",
      type: "button",
      "data-testid": "terminal-hide",
      title: "Hide the terminal panel (Ctrl+`); the shells keep running",
      "aria-label": "Hide terminals",
    },
    "▾",
  );
  const body = h("div", { class: "terminal-body" });
  const empty = h("div", { class: "terminal-empty muted", "data-testid": "terminal-empty" }, "Starting a terminal…");
  const handle = h("div", {
    class: "terminal-resize",
    "data-testid": "terminal-resize",
    role: "separator",
    "aria-orientation": "horizontal",
    "aria-label": "Resize the terminal panel",
    title: "Drag to resize",
  });
  body.appendChild(empty);
  replaceChildren(
    root,
    handle,
    h("div", { class: "terminal-bar" }, tabs, newButton, h("span", { class: "terminal-bar-gap" }), restart, hide),
    body,
  );

  /** Sessions the panel already started a first terminal for (so closing the last one does not start another). */
  const autoStarted = new Set<string>();
  let renaming: string | null = null;
  let focusNext = false;

  const activeSession = () => store.get().tabs.active;

  const viewFor = (terminalId: string): TerminalView => {
    let view = views.get(terminalId);
    if (!view) {
      view = new TerminalView(terminalId, terminals, (message) => reportError("INVALID_REQUEST", message));
      views.set(terminalId, view);
      body.appendChild(view.el);
    }
    return view;
  };

  const tabFor = (
    sessionId: string,
    info: ReturnType<typeof sessionTerminals>["terminals"][number],
    active: boolean,
  ) => {
    const status = exitText(info);
    const name =
      renaming === info.terminalId
        ? h("input", {
            class: "terminal-rename",
            "data-testid": "terminal-rename-input",
            value: info.name,
            "aria-label": "Terminal name",
            onkeydown: (event: KeyboardEvent) => {
              const input = event.target as HTMLInputElement;
              if (event.key === "Enter") {
                renaming = null;
                const value = input.value.trim();
                if (value && value !== info.name) void terminals.rename(info.terminalId, value);
                render();
              } else if (event.key === "Escape") {
                renaming = null;
                render();
              }
              event.stopPropagation();
            },
            onblur: () => {
              renaming = null;
              render();
            },
          })
        : h("span", { class: "terminal-tab-name", "data-testid": "terminal-tab-name" }, info.name);
    return h(
      "div",
      {
        class: `terminal-tab${active ? " active" : ""}`,
        role: "tab",
        tabindex: "0",
        "data-testid": "terminal-tab",
        "data-terminal-id": info.terminalId,
        "data-state": info.state,
        "aria-selected": active ? "true" : "false",
        title: `${info.cwd}${status ? ` · ${status}` : ""} (double-click to rename)`,
        onclick: () => {
          focusNext = true;
          terminals.focus(sessionId, info.terminalId);
        },
        ondblclick: () => {
          renaming = info.terminalId;
          render();
        },
      },
      name,
      status ? h("span", { class: "terminal-tab-status muted" }, status) : null,
      h(
        "button",
        {
          class: "terminal-tab-close",
          type: "button",
          "data-testid": "terminal-tab-close",
          title: "Close this terminal (ends its shell and everything it started)",
          "aria-label": `Close ${info.name}`,
          onclick: (event: MouseEvent) => {
            event.stopPropagation();
            void terminals.close(info.terminalId);
          },
        },
        "×",
      ),
    );
  };

  function render(): void {
    const state = store.get();
    const sessionId = activeSession();
    const { panel } = state.terminals;
    root.hidden = !panel.open || sessionId === null;
    root.style.height = `${panel.height}px`;
    root.dataset.sessionId = sessionId ?? "";
    // Views of terminals that no longer exist, or whose session's tab was closed, go (the shells run on; reopening
    // the tab reattaches); the others stay, hidden, with their screens.
    const openTabs = new Set(state.tabs.open);
    const known = new Set(
      Object.entries(state.terminals.bySession)
        .filter(([id]) => openTabs.has(id))
        .flatMap(([, list]) => list.map((t) => t.terminalId)),
    );
    for (const [id, view] of views) {
      if (!known.has(id)) {
        view.dispose();
        views.delete(id);
      }
    }
    if (root.hidden || sessionId === null) {
      for (const view of views.values()) view.hide();
      return;
    }
    terminals.ensureList(sessionId);
    const listed = sessionId in state.terminals.bySession;
    const { terminals: list, active } = sessionTerminals(state.terminals, sessionId);
    if (listed && list.length === 0 && !autoStarted.has(sessionId)) {
      autoStarted.add(sessionId);
      focusNext = true;
      void terminals.create(sessionId);
    }
    if (listed && list.length === 0 && autoStarted.has(sessionId) && !state.terminals.loading.includes(sessionId)) {
      empty.textContent = "No terminal. + starts one.";
    } else {
      empty.textContent = "Starting a terminal…";
    }
    empty.hidden = list.length > 0;
    replaceChildren(
      tabs,
      list.map((info) => tabFor(sessionId, info, info.terminalId === active?.terminalId)),
    );
    restart.hidden = active?.state !== "exited";
    for (const [id, view] of views) if (id !== active?.terminalId) view.hide();
    if (active) {
      viewFor(active.terminalId).show(focusNext);
      focusNext = false;
    }
    if (renaming) tabs.querySelector<HTMLInputElement>("[data-testid=terminal-rename-input]")?.select();
  }

  newButton.addEventListener("click", () => {
    const sessionId = activeSession();
    if (!sessionId) return;
    focusNext = true;
    void terminals.create(sessionId);
  });
  restart.addEventListener("click", () => {
    const sessionId = activeSession();
    const active = sessionId ? sessionTerminals(store.get().terminals, sessionId).active : undefined;
    if (!active) return;
    focusNext = true;
    restart.disabled = true;
    void terminals.restart(active.terminalId).finally(() => {
      restart.disabled = false;
    });
  });
  hide.addEventListener("click", () => terminals.togglePanel(false));

  handle.addEventListener("pointerdown", (event: PointerEvent) => {
    event.preventDefault();
    const startY = event.clientY;
    const startHeight = store.get().terminals.panel.height;
    handle.setPointerCapture(event.pointerId);
    const move = (e: PointerEvent) => terminals.setPanelHeight(startHeight + (startY - e.clientY));
    const up = () => {
      handle.removeEventListener("pointermove", move);
      handle.removeEventListener("pointerup", up);
    };
    handle.addEventListener("pointermove", move);
    handle.addEventListener("pointerup", up);
  });
  handle.addEventListener("keydown", (event: KeyboardEvent) => {
    const step = event.key === "ArrowUp" ? 24 : event.key === "ArrowDown" ? -24 : 0;
    if (step) terminals.setPanelHeight(store.get().terminals.panel.height + step);
  });

  store.subscribe((next, prev) => {
    if (next.terminals === prev.terminals && next.tabs === prev.tabs) return;
    const opened = next.terminals.panel.open && !prev.terminals.panel.open;
    const lastClosed = closedLastTerminal(next, prev);
    if (lastClosed) {
      terminals.togglePanel(false);
      return;
    }
    if (opened) focusNext = true;
    render();
  });
  render();

  return {
    toggle: () => {
      const sessionId = activeSession();
      if (!sessionId) return;
      const open = store.get().terminals.panel.open;
      if (!open) autoStarted.delete(sessionId);
      terminals.togglePanel(!open);
    },
  };

  /** True when the active session's last terminal just went away (closed by the user or elsewhere). */
  function closedLastTerminal(next: AppState, prev: AppState): boolean {
    const sessionId = next.tabs.active;
    if (!sessionId || sessionId !== prev.tabs.active || !next.terminals.panel.open) return false;
    const before = prev.terminals.bySession[sessionId]?.length ?? 0;
    const after = next.terminals.bySession[sessionId]?.length ?? 0;
    return before > 0 && after === 0;
  }
}
