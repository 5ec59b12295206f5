// Wires attention into the page (issue 17 §1–2): the inbox, notifications, the favicon badge, what is looked at, and
// saving what was seen.
import type { Actions } from "../app/actions.js";
import type { AppState } from "../state/app-state.js";
import { attentionCount, lookingAt, markSeen } from "../state/attention.js";
import { loadAttention, saveAttention } from "../state/attention-persist.js";
import { faviconUrl } from "../state/attention-view.js";
import type { KeyValueStorage } from "../state/persist.js";
import type { Store } from "../state/store.js";
import { mountAttentionInbox } from "./attention-inbox.js";
import { h } from "./dom.js";
import { Notifier } from "./notifier.js";

/**
 * Restores the saved attention state, mounts the inbox at the top of `sidebar` (after its head), starts the notifier,
 * and keeps in step: the page's visibility (`pageVisible`), the looked-at session's turn end marked seen, the favicon's
 * badge, and the attention state saved on every change. Call once at boot, before connecting.
 */
export function startAttention(
  store: Store<AppState>,
  actions: Pick<Actions, "openSession" | "respondPermission">,
  storage: KeyValueStorage,
  sidebar: HTMLElement,
): Notifier {
  store.set({ attention: loadAttention(storage), pageVisible: document.visibilityState !== "hidden" });
  const notifier = new Notifier(store, actions, storage);
  const inbox = h("section", { class: "attention-inbox", "data-testid": "attention-inbox", "aria-label": "Needs you" });
  const head = sidebar.querySelector(".sidebar-head");
  if (head) head.after(inbox);
  else sidebar.prepend(inbox);
  mountAttentionInbox(inbox, store, actions, notifier);
  notifier.start();

  document.addEventListener("visibilitychange", () =>
    store.set({ pageVisible: document.visibilityState !== "hidden" }),
  );
  let icon = document.querySelector<HTMLLinkElement>('link[rel~="icon"]');
  if (!icon) {
    icon = h("link", { rel: "icon", type: "image/svg+xml" });
    document.head.append(icon);
  }
  const link = icon;
  let shownCount = -1;
  const sync = (state: AppState, prev?: AppState) => {
    const looking = lookingAt(state.tabs, state.pageVisible);
    if (!prev || looking !== lookingAt(prev.tabs, prev.pageVisible) || state.attention !== prev.attention) {
      // Marked after this change has reached every listener (a set inside a listener would reach the later ones
      // before the change that caused it); no frame is painted in between.
      if (markSeen(state.attention, looking) !== state.attention)
        queueMicrotask(() => {
          const now = store.get();
          store.set({ attention: markSeen(now.attention, lookingAt(now.tabs, now.pageVisible)) });
        });
    }
    if (prev && state.attention === prev.attention) return;
    saveAttention(storage, state.attention);
    const count = attentionCount(state.attention);
    if (count !== shownCount) {
      shownCount = count;
      link.href = faviconUrl(count);
    }
  };
  sync(store.get());
  store.subscribe(sync);
  return notifier;
}
