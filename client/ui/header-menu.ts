// The session header's menu on a phone-sized screen (issue 17 §5): the header's controls fold into one ⋯ button.
import { h } from "./dom.js";

/**
 * Builds the ⋯ button (`session-menu-button`, `aria-expanded`) that opens and closes `panel` (the header's controls,
 * `session-header-menu`) by setting `header[data-menu-open]`. styles.css shows the button and folds the panel only on
 * a phone-sized screen; on a wider one the panel is laid out in the header as before and the button is hidden.
 * The menu closes on Esc, on a click outside the header, and after a button in it was pressed.
 */
export function headerMenuButton(header: HTMLElement, panel: HTMLElement): HTMLButtonElement {
  const button = h(
    "button",
    {
      class: "icon-button session-menu-button",
      type: "button",
      "data-testid": "session-menu-button",
      title: "Session controls",
      "aria-label": "Session controls",
      "aria-expanded": "false",
      "aria-haspopup": "true",
      onclick: () => set(header.dataset.menuOpen !== "true"),
    },
    "⋯",
  );
  const set = (open: boolean) => {
    if (open) header.dataset.menuOpen = "true";
    else delete header.dataset.menuOpen;
    button.setAttribute("aria-expanded", String(open));
  };
  panel.addEventListener("click", (event) => {
    if ((event.target as Element | null)?.closest("button")) set(false);
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && header.dataset.menuOpen === "true") set(false);
  });
  document.addEventListener("click", (event) => {
    if (header.dataset.menuOpen === "true" && !header.contains(event.target as Node | null)) set(false);
  });
  return button;
}
