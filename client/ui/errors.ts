// Failures in words: toasts for failed commands and server errors, a banner while the connection is down.
import type { ConnectionInfo } from "../state/connection.js";
import { describeError } from "../state/error-text.js";
import { h, replaceChildren } from "./dom.js";

/** How long a toast stays, in milliseconds (errors longer than notices). */
const TOAST_MS = { error: 12_000, info: 5_000 } as const;

/** Creates the toast stack in `root`; `show` adds one (the same text twice within its lifetime shows once). */
export function createToasts(root: HTMLElement): {
  show(text: string, options?: { code?: string; kind?: "error" | "info"; sticky?: boolean }): void;
  showError(code: string, message: string): void;
} {
  const live = new Map<string, HTMLElement>();
  const show = (text: string, options: { code?: string; kind?: "error" | "info"; sticky?: boolean } = {}) => {
    const kind = options.kind ?? "error";
    const existing = live.get(text);
    if (existing) {
      existing.classList.remove("toast-bump");
      void existing.offsetWidth;
      existing.classList.add("toast-bump");
      return;
    }
    const close = () => {
      live.delete(text);
      el.remove();
    };
    const el = h(
      "div",
      {
        class: `toast toast-${kind}`,
        role: kind === "error" ? "alert" : "status",
        "data-testid": "toast",
        "data-code": options.code,
      },
      h("span", { class: "toast-text" }, text),
      h(
        "button",
        { class: "icon-button", type: "button", title: "Dismiss", "aria-label": "Dismiss", onclick: close },
        "×",
      ),
    );
    live.set(text, el);
    root.appendChild(el);
    if (!options.sticky) setTimeout(close, TOAST_MS[kind]);
  };
  return {
    show,
    // A store problem (projects or sessions lost, a failed save) stays until dismissed: it explains what is missing.
    showError: (code, message) => show(describeError(code, message), { code, sticky: code === "STORE_ERROR" }),
  };
}

/**
 * Shows the connection banner in `el` while the socket is down after having connected once (or when the very first
 * attempt failed): "Connection lost — reconnecting in 4 s" with a "Retry now" button; hidden when connected.
 */
export function renderConnectionBanner(el: HTMLElement, info: ConnectionInfo, retryNow: () => void): void {
  if (info.status === "connected" || info.status === "connecting") {
    el.hidden = true;
    replaceChildren(el);
    return;
  }
  el.hidden = false;
  el.dataset.state = info.status;
  const seconds = info.retryAt ? Math.max(0, Math.ceil((info.retryAt - Date.now()) / 1000)) : 0;
  const what = info.status === "offline" ? "Offline: the server cannot be reached." : "Connection to the server lost.";
  const when = seconds > 0 ? `Reconnecting in ${seconds} s…` : "Reconnecting…";
  replaceChildren(
    el,
    h("span", { class: "banner-text" }, `${what} ${when} Streamed output will resume where it stopped.`),
    h("button", { class: "button small", type: "button", onclick: retryNow }, "Retry now"),
  );
}
