// The tab bar: one tab per open session (title follows the session), close, drag to reorder, attention badges.

import { cliLabel } from "../../shared/contracts/index.js";
import type { Actions } from "../app/actions.js";
import type { AppState } from "../state/app-state.js";
import { displayTitle, findSession } from "../state/sessions.js";
import type { Store } from "../state/store.js";
import { h, replaceChildren } from "./dom.js";

const DRAG_TYPE = "application/x-liminal-tab";

/** The title and CLI a tab shows: from the session lists, else the cached title from before the reload. */
function tabInfo(state: AppState, sessionId: string): { title: string; cliType: string } {
  const session = findSession(state.sessions, sessionId);
  if (session) return { title: displayTitle(session), cliType: session.cliType };
  const cached = state.titles[sessionId];
  if (cached)
    return { title: cached.title.trim() || `New ${cliLabel(cached.cliType)} session`, cliType: cached.cliType };
  return { title: "Session", cliType: "" };
}

/** Builds the tab bar into `root` (after `leading`, e.g. the sidebar toggle) and keeps it in step with the store. */
export function mountTabs(root: HTMLElement, store: Store<AppState>, actions: Actions, leading: HTMLElement): void {
  const strip = h("div", {
    class: "tab-strip",
    role: "tablist",
    "aria-label": "Open sessions",
    "data-testid": "tab-strip",
  });
  replaceChildren(root, leading, strip);
  let dragging: string | null = null;

  const clearMarks = () => {
    for (const el of strip.querySelectorAll(".drop-before, .drop-after"))
      el.classList.remove("drop-before", "drop-after");
  };

  const tab = (state: AppState, sessionId: string, index: number): HTMLElement => {
    const { title, cliType } = tabInfo(state, sessionId);
    const active = state.tabs.active === sessionId;
    const attention = state.tabs.attention[sessionId];
    const session = findSession(state.sessions, sessionId);
    const running = session?.state === "running" || session?.state === "starting";
    const el = h(
      "div",
      {
        class: "tab",
        role: "tab",
        tabindex: active ? 0 : -1,
        draggable: "true",
        "data-testid": "tab",
        "data-session-id": sessionId,
        "data-attention": attention,
        "data-running": running ? "true" : undefined,
        "aria-selected": active ? "true" : "false",
        title: `${title}${cliType ? ` · ${cliLabel(cliType)}` : ""}${index < 9 ? ` (Alt+${index + 1})` : ""}`,
        onclick: () => actions.focusTab(sessionId),
        onauxclick: (event: MouseEvent) => {
          if (event.button === 1) actions.closeTab(sessionId);
        },
        ondragstart: (event: DragEvent) => {
          dragging = sessionId;
          event.dataTransfer?.setData(DRAG_TYPE, sessionId);
          event.dataTransfer?.setData("text/plain", title);
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
      h("span", { class: `cli-mark cli-${cliType || "unknown"}`, "aria-hidden": "true" }),
      h("span", { class: "tab-title", "data-testid": "tab-title" }, title),
      attention
        ? h("span", {
            class: `tab-attention attention-${attention}`,
            "data-testid": "tab-attention",
            "data-kind": attention,
            title: attention === "permission" ? "Waiting for your permission" : "Turn finished",
          })
        : null,
      h(
        "button",
        {
          class: "icon-button tab-close",
          type: "button",
          title: "Close tab (Ctrl+Alt+W)",
          "aria-label": `Close ${title}`,
          "data-testid": "tab-close",
          onclick: (event: MouseEvent) => {
            event.stopPropagation();
            actions.closeTab(sessionId);
          },
        },
        "×",
      ),
    );
    return el;
  };

  const render = (state: AppState, prev?: AppState) => {
    if (prev && prev.tabs === state.tabs && prev.sessions === state.sessions && prev.titles === state.titles) return;
    replaceChildren(
      strip,
      state.tabs.open.map((id, i) => tab(state, id, i)),
    );
    strip.querySelector<HTMLElement>("[aria-selected=true]")?.scrollIntoView({ block: "nearest", inline: "nearest" });
  };
  render(store.get());
  store.subscribe(render);
}
