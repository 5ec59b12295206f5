// The toast offering Undo for a few seconds after a session is archived (issue 17 §4).
import type { Actions } from "../app/actions.js";
import type { AppState } from "../state/app-state.js";
import type { ArchiveUndo } from "../state/archived.js";
import type { Store } from "../state/store.js";
import { h } from "./dom.js";

/**
 * Shows `archive-undo-toast` ("Archived “title”" with `archive-undo` and a dismiss ×) in `root` while the store
 * holds an archive's Undo offer (`archived.undo`), and withdraws the offer when its time is up. Undo unarchives the
 * session (`session:unarchive`); the toast goes as soon as the offer does (a newer archive replaces it).
 */
export function mountArchiveUndo(root: HTMLElement, store: Store<AppState>, actions: Actions): void {
  let shown: { undo: ArchiveUndo; el: HTMLElement; timer: ReturnType<typeof setTimeout> } | null = null;
  const draw = (undo: ArchiveUndo | null) => {
    if (shown?.undo === undo) return;
    if (shown) {
      clearTimeout(shown.timer);
      shown.el.remove();
      shown = null;
    }
    if (!undo) return;
    const { sessionId } = undo;
    const el = h(
      "div",
      { class: "toast toast-info toast-undo", role: "status", "data-testid": "archive-undo-toast" },
      h("span", { class: "toast-text" }, `Archived “${undo.title}”`),
      h(
        "button",
        {
          class: "button small",
          type: "button",
          "data-testid": "archive-undo",
          onclick: () => void actions.archive.unarchive(sessionId),
        },
        "Undo",
      ),
      h(
        "button",
        {
          class: "icon-button",
          type: "button",
          title: "Dismiss",
          "aria-label": "Dismiss",
          onclick: () => actions.archive.dismissUndo(sessionId),
        },
        "×",
      ),
    );
    const timer = setTimeout(() => actions.archive.dismissUndo(sessionId), Math.max(0, undo.until - Date.now()));
    root.appendChild(el);
    shown = { undo, el, timer };
  };
  draw(store.get().archived.undo);
  store.subscribe((state, prev) => {
    if (state.archived.undo !== prev.archived.undo) draw(state.archived.undo);
  });
}
