// The sidebar as a drawer on a phone-sized screen (issue 17 §5): under 768 px wide it is closed by default, the menu
// button opens it, choosing a session (or Esc, or the backdrop) closes it. Wider screens keep the docked sidebar.
import type { AppState } from "../state/app-state.js";
import type { Store } from "../state/store.js";
import { h } from "./dom.js";

/** The width under which the sidebar is a drawer, in CSS pixels; the same number as the media query in styles.css. */
export const PHONE_MAX_WIDTH_PX = 767;
/** The media query of a phone-sized screen (`max-width: 767px`), matching styles.css's phone block. */
export const PHONE_QUERY = `(max-width: ${PHONE_MAX_WIDTH_PX}px)`;

/** The drawer's controls. */
export interface Drawer {
  /** True while the screen is phone-sized (the sidebar is a drawer). */
  isPhone(): boolean;
  /** Opens or closes the drawer (only meaningful on a phone-sized screen). */
  toggle(): void;
  close(): void;
}

/**
 * Makes `sidebar` a drawer of `app` on phone-sized screens: `app[data-drawer]` is `open` or `closed` (styles.css
 * slides the sidebar in and shows `drawer-backdrop`), the closed drawer is `inert`, and the drawer closes when the
 * active tab changes (a session was chosen or started), when a session row is clicked, on Esc and on a backdrop
 * click. On wider screens `data-drawer` is absent and the sidebar is the docked one (Ctrl+Alt+B still collapses it).
 */
export function mountDrawer(app: HTMLElement, sidebar: HTMLElement, store: Store<AppState>): Drawer {
  const media = window.matchMedia(PHONE_QUERY);
  let open = false;
  const backdrop = h("div", {
    class: "drawer-backdrop",
    "data-testid": "drawer-backdrop",
    "aria-hidden": "true",
    onclick: () => set(false),
  });
  app.appendChild(backdrop);
  const set = (next: boolean) => {
    open = next && media.matches;
    if (media.matches) app.dataset.drawer = open ? "open" : "closed";
    else delete app.dataset.drawer;
    sidebar.inert = media.matches && !open;
    backdrop.hidden = !open;
  };
  media.addEventListener("change", () => set(false));
  document.addEventListener("keydown", (event) => {
    if (open && event.key === "Escape") set(false);
  });
  sidebar.addEventListener("click", (event) => {
    const target = event.target as Element | null;
    if (open && target?.closest("[data-testid=session-row], [data-testid=archived-open]")) set(false);
  });
  store.subscribe((state, prev) => {
    if (open && state.tabs.active !== prev.tabs.active && state.tabs.active !== null) set(false);
  });
  set(false);
  return {
    isPhone: () => media.matches,
    toggle: () => set(!open),
    close: () => set(false),
  };
}
