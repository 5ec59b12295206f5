// The Changes panel beside the chat: the active session's changed files (its worktree against the base, or its folder
// against HEAD), one file's diff, and for a worktree session Commit, Merge into the base and Discard.
import type { SessionSummary } from "../../shared/contracts/index.js";
import type { Actions } from "../app/actions.js";
import type { AppState } from "../state/app-state.js";
import { type SessionChanges, sessionChanges } from "../state/changes.js";
import { listTotalsText } from "../state/changes-view.js";
import { findSession } from "../state/sessions.js";
import type { Store } from "../state/store.js";
import { ChangesActionsView } from "./changes-actions.js";
import { ChangesDiffView } from "./changes-diff.js";
import { changesFileList } from "./changes-files.js";
import { h, replaceChildren, setHidden } from "./dom.js";

/** What the rest of the page may ask of the panel. */
export interface ChangesPanel {
  /** Shows the panel (reading the active session's changes) or hides it. */
  toggle(): void;
}

/** What the head says the list compares: `lb/x vs main`, or the folder's working tree against its HEAD. */
function comparedText(session: SessionSummary | undefined): string {
  const workspace = session?.workspace;
  if (workspace?.kind === "worktree") return `${workspace.branch ?? "worktree"} vs ${workspace.base ?? "base"}`;
  return "working tree vs HEAD";
}

/**
 * Mounts the panel into `root` (the `changes-panel` section, hidden until toggled). It follows the active tab; the
 * app layer reads the list when it opens and whenever it may be stale (app/changes.ts). Test hooks: `changes-panel`
 * (`data-session-id`, `data-loading`), `changes-refresh`, `changes-diff-mode` (`data-mode`), `changes-close`,
 * `changes-totals`, `changes-error` (`data-kind="list"`), `changes-loading`, `changes-empty`, `changes-file`,
 * `changes-diff`, `changes-diff-expand`, and the actions' (ui/changes-actions.ts).
 */
export function mountChangesPanel(root: HTMLElement, store: Store<AppState>, actions: Actions): ChangesPanel {
  const changes = actions.changes;
  const active = () => store.get().tabs.active;
  const compared = h("span", { class: "muted small changes-compared" });
  const totals = h("span", { class: "small changes-totals", "data-testid": "changes-totals" });
  const refresh = h(
    "button",
    {
      class: "button small",
      type: "button",
      "data-testid": "changes-refresh",
      title: "Read the changes again",
      onclick: () => {
        const sessionId = active();
        if (sessionId) changes.refresh(sessionId);
      },
    },
    "Refresh",
  );
  const mode = h("button", {
    class: "button small",
    type: "button",
    "data-testid": "changes-diff-mode",
    onclick: () => changes.setDiffMode(store.get().changes.mode === "line-by-line" ? "side-by-side" : "line-by-line"),
  });
  const close = h(
    "button",
    {
      class: "icon-button",
      type: "button",
      "data-testid": "changes-close",
      title: "Hide the Changes (Ctrl+Alt+G)",
      "aria-label": "Hide the changes",
      onclick: () => changes.togglePanel(false),
    },
    "×",
  );
  const listError = h("div", {
    class: "field-error",
    role: "alert",
    "data-testid": "changes-error",
    "data-kind": "list",
    hidden: true,
  });
  const list = h("div", { class: "changes-list" });
  const actionsView = new ChangesActionsView(actions);
  const diffView = new ChangesDiffView(() => {
    const sessionId = active();
    if (sessionId) changes.expandDiff(sessionId);
  });
  replaceChildren(
    root,
    h("div", { class: "changes-head" }, h("strong", {}, "Changes"), compared, totals, refresh, mode, close),
    listError,
    actionsView.el,
    list,
    diffView.el,
  );

  let shownList: Pick<SessionChanges, "list" | "error"> & { sessionId: string; path: string | null } = {
    sessionId: "",
    list: null,
    error: null,
    path: null,
  };

  /** Redraws the file list when the list, its error or the open file changed. */
  const renderList = (sessionId: string, entry: SessionChanges) => {
    const path = entry.file?.path ?? null;
    const { list: shown, error } = shownList;
    if (shownList.sessionId === sessionId && shown === entry.list && error === entry.error && shownList.path === path)
      return;
    shownList = { sessionId, list: entry.list, error: entry.error, path };
    if (entry.list) {
      replaceChildren(
        list,
        changesFileList(entry.list, path, (file) => changes.openFile(sessionId, file)),
      );
    } else {
      replaceChildren(
        list,
        entry.error ? null : h("div", { class: "muted pad", "data-testid": "changes-loading" }, "Reading changes…"),
      );
    }
  };

  const render = () => {
    const state = store.get();
    const sessionId = state.tabs.active;
    setHidden(root, !state.changes.open || sessionId === null);
    if (root.hidden || !sessionId) return;
    const session = findSession(state.sessions, sessionId);
    const entry = sessionChanges(state.changes, sessionId);
    root.dataset.sessionId = sessionId;
    root.dataset.loading = String(entry.loading);
    compared.textContent = comparedText(session);
    totals.textContent = entry.list ? listTotalsText(entry.list) : "";
    refresh.textContent = entry.loading ? "Reading…" : "Refresh";
    const sideBySide = state.changes.mode === "side-by-side";
    mode.dataset.mode = state.changes.mode;
    mode.textContent = sideBySide ? "Unified" : "Side by side";
    mode.title = sideBySide ? "Show the diff in one column" : "Show the diff side by side";
    listError.hidden = !entry.error;
    listError.textContent = entry.error ?? "";
    actionsView.update(sessionId, session, entry);
    renderList(sessionId, entry);
    diffView.show(entry.file, state.changes.mode);
  };

  store.subscribe((next, prev) => {
    if (next.changes !== prev.changes || next.tabs.active !== prev.tabs.active || next.sessions !== prev.sessions)
      render();
  });
  render();

  return { toggle: () => changes.togglePanel() };
}
