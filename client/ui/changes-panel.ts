// The Changes panel beside the chat: the active session's changed files, one file's diff (diff2html, unified or side by
// side, highlighted), and for a worktree session Commit, Merge into base and Discard (confirmed, naming what is lost).
import { Diff2HtmlUI } from "diff2html/lib-esm/ui/js/diff2html-ui-slim.js";
import DOMPurify from "dompurify";
import type { ChangesResponse, SessionSummary } from "../../shared/contracts/index.js";
import type { Actions } from "../app/actions.js";
import type { AppState } from "../state/app-state.js";
import { diffIsHuge, discardWarning, writeFingerprint } from "../state/changes.js";
import { describeError } from "../state/error-text.js";
import type { ItemsRegistry } from "../state/registry.js";
import { findSession } from "../state/sessions.js";
import type { Store } from "../state/store.js";
import { h, replaceChildren } from "./dom.js";

/** How long after the last write-like tool call or turn end the list is asked for again, in ms. */
const REFRESH_DEBOUNCE_MS = 300;

interface PanelState {
  sessionId: string | null;
  changes: ChangesResponse | null;
  error: string | null;
  selected: string | null;
  diff: string | null;
  diffError: string | null;
  expanded: boolean;
  status: string | null;
  actionError: string | null;
  confirmDiscard: boolean;
  busy: boolean;
}

const STATUS_LETTER = { added: "A", modified: "M", deleted: "D", renamed: "R", copied: "C" } as const;

const errorWords = (error: unknown): string => {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return describeError(typeof code === "string" ? code : "INTERNAL_ERROR", typeof message === "string" ? message : "");
};

/**
 * Mounts the panel into `root` (hidden until toggled). It follows the active tab; its list refreshes when opened, on
 * Refresh, when a write-like tool call or a turn of the session ends, and when the session's change summary moves
 * (never two requests of one list at once: a trigger meanwhile asks once more afterwards).
 * @returns `toggle()` for the header button and the shortcut.
 */
export function mountChangesPanel(
  root: HTMLElement,
  store: Store<AppState>,
  registry: ItemsRegistry,
  actions: Actions,
): { toggle: () => void } {
  const ws = actions.workspaces;
  let open = false;
  let mode: "line-by-line" | "side-by-side" = "line-by-line";
  let state: PanelState = blank(null);
  let inFlight = false;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let fingerprint = "";
  let summaryKey = "";
  const messageInput = h("textarea", {
    class: "changes-commit-message",
    "data-testid": "changes-commit-message",
    rows: 2,
    "aria-label": "Commit message",
  });

  const session = (): SessionSummary | undefined =>
    state.sessionId ? findSession(store.get().sessions, state.sessionId) : undefined;

  async function refresh(): Promise<void> {
    const sessionId = state.sessionId;
    if (!open || !sessionId) return;
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    try {
      const changes = await ws.changes(sessionId);
      if (state.sessionId !== sessionId) return;
      state = { ...state, changes, error: null };
      if (state.selected && !changes.files.some((f) => f.path === state.selected)) state.selected = null;
      if (state.selected) void showFile(state.selected);
    } catch (error) {
      if (state.sessionId === sessionId) state = { ...state, changes: null, error: errorWords(error) };
    } finally {
      inFlight = false;
      render();
      if (again) {
        again = false;
        void refresh();
      }
    }
  }

  const refreshSoon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void refresh(), REFRESH_DEBOUNCE_MS);
  };

  async function showFile(path: string): Promise<void> {
    const sessionId = state.sessionId;
    if (!sessionId) return;
    if (state.selected !== path) state = { ...state, selected: path, diff: null, diffError: null, expanded: false };
    render();
    try {
      const diff = await ws.fileDiff(sessionId, path);
      if (state.sessionId === sessionId && state.selected === path) state = { ...state, diff, diffError: null };
    } catch (error) {
      if (state.sessionId === sessionId && state.selected === path)
        state = { ...state, diff: null, diffError: errorWords(error) };
    }
    render();
  }

  async function act(run: (sessionId: string) => Promise<string>): Promise<void> {
    const sessionId = state.sessionId;
    if (!sessionId || state.busy) return;
    state = { ...state, busy: true, status: null, actionError: null, confirmDiscard: false };
    render();
    try {
      const status = await run(sessionId);
      if (state.sessionId === sessionId) state = { ...state, status };
    } catch (error) {
      if (state.sessionId === sessionId) state = { ...state, actionError: errorWords(error) };
    }
    state = { ...state, busy: false };
    render();
    void refresh();
  }

  const commit = () =>
    act(async (id) => `Committed ${(await ws.commit(id, messageInput.value.trim() || "Changes")).slice(0, 7)}`);
  const merge = () =>
    act(async (id) => {
      const merged = await ws.merge(id);
      const base = session()?.workspace?.base ?? "base";
      return `Merged into ${base} (${merged.fastForward ? "fast-forward" : `merge commit ${merged.commit.slice(0, 7)}`})`;
    });
  const discard = () =>
    act(async (id) => {
      await ws.discard(id);
      return "Discarded: the worktree and its branch are gone";
    });

  function render(): void {
    root.hidden = !open || !state.sessionId;
    if (root.hidden) return;
    const current = session();
    const workspace = current?.workspace;
    const worktree = workspace?.kind === "worktree" && !workspace.missing;
    const changes = state.changes;
    const header = h(
      "div",
      { class: "changes-head" },
      h("strong", {}, "Changes"),
      h(
        "span",
        { class: "muted small" },
        worktree ? ` ${workspace.branch} vs ${workspace.base}` : workspace ? " working tree vs HEAD" : "",
      ),
      h(
        "button",
        { class: "button small", type: "button", "data-testid": "changes-refresh", onclick: () => void refresh() },
        "Refresh",
      ),
      h(
        "button",
        {
          class: "button small",
          type: "button",
          "data-testid": "changes-diff-mode",
          title: "Unified or side by side",
          onclick: () => {
            mode = mode === "line-by-line" ? "side-by-side" : "line-by-line";
            render();
          },
        },
        mode === "line-by-line" ? "Side by side" : "Unified",
      ),
    );
    const list = changes
      ? changes.files.length === 0
        ? h("div", { class: "muted pad" }, "No changes.")
        : h(
            "ul",
            { class: "changes-files" },
            changes.files.map((file) =>
              h(
                "li",
                {
                  class: "changes-file",
                  "data-testid": "changes-file",
                  "data-path": file.path,
                  "data-status": file.status,
                  "data-active": file.path === state.selected ? "true" : undefined,
                  role: "button",
                  tabindex: 0,
                  title: file.oldPath ? `${file.oldPath} → ${file.path}` : file.path,
                  onclick: () => void showFile(file.path),
                },
                h(
                  "span",
                  { class: `change-status status-${file.status}`, title: file.status },
                  STATUS_LETTER[file.status],
                ),
                h("span", { class: "change-path" }, file.path),
                file.binary
                  ? h("span", { class: "muted" }, "binary")
                  : [
                      h("span", { class: "additions", "data-testid": "changes-file-additions" }, `+${file.additions}`),
                      h("span", { class: "deletions", "data-testid": "changes-file-deletions" }, `−${file.deletions}`),
                    ],
              ),
            ),
          )
      : h("div", { class: "muted pad" }, state.error ? "" : "Reading changes…");
    const actionsRow =
      worktree && workspace
        ? h(
            "div",
            { class: "changes-actions" },
            messageInput,
            h(
              "button",
              {
                class: "button small primary",
                type: "button",
                "data-testid": "changes-commit",
                disabled: state.busy,
                onclick: commit,
              },
              "Commit",
            ),
            h(
              "button",
              {
                class: "button small",
                type: "button",
                "data-testid": "changes-merge",
                disabled: state.busy || (changes?.uncommitted ?? 0) > 0,
                title:
                  (changes?.uncommitted ?? 0) > 0
                    ? "Commit first: uncommitted changes would not be merged"
                    : `Merge ${workspace.branch} into ${workspace.base} in the project's checkout`,
                onclick: merge,
              },
              `Merge into ${workspace.base}`,
            ),
            (changes?.uncommitted ?? 0) > 0 ? h("span", { class: "muted small" }, "Commit first") : null,
            h(
              "button",
              {
                class: "button small danger",
                type: "button",
                "data-testid": "changes-discard",
                disabled: state.busy,
                onclick: () => {
                  state = { ...state, confirmDiscard: true };
                  render();
                },
              },
              "Discard…",
            ),
          )
        : workspace?.kind === "worktree" && workspace.missing
          ? h(
              "div",
              { class: "changes-actions" },
              h("span", {}, "The worktree folder is gone."),
              h(
                "button",
                {
                  class: "button small danger",
                  type: "button",
                  "data-testid": "changes-discard",
                  onclick: () => {
                    state = { ...state, confirmDiscard: true };
                    render();
                  },
                },
                "Discard the record…",
              ),
            )
          : null;
    const confirm =
      state.confirmDiscard && workspace
        ? h(
            "div",
            { class: "discard-confirm", role: "alertdialog", "data-testid": "discard-confirm" },
            h("p", {}, discardWarning(workspace, changes ?? undefined)),
            h(
              "button",
              {
                class: "button small danger",
                type: "button",
                "data-testid": "discard-confirm-button",
                onclick: discard,
              },
              "Discard",
            ),
            h(
              "button",
              {
                class: "button small",
                type: "button",
                onclick: () => {
                  state = { ...state, confirmDiscard: false };
                  render();
                },
              },
              "Keep",
            ),
          )
        : null;
    const diffBox = h("div", { class: "changes-diff", "data-testid": "changes-diff" });
    if (state.selected) fillDiff(diffBox);
    replaceChildren(
      root,
      header,
      state.error
        ? h("div", { class: "field-error", role: "alert", "data-testid": "changes-error" }, state.error)
        : null,
      state.actionError
        ? h("div", { class: "field-error", role: "alert", "data-testid": "changes-error" }, state.actionError)
        : null,
      state.status ? h("div", { class: "changes-status", "data-testid": "changes-status" }, state.status) : null,
      actionsRow,
      confirm,
      list,
      state.selected ? diffBox : null,
    );
  }

  function fillDiff(box: HTMLElement): void {
    if (state.diffError) {
      replaceChildren(box, h("div", { class: "field-error" }, state.diffError));
      return;
    }
    if (state.diff === null) {
      replaceChildren(box, h("div", { class: "muted pad" }, "Reading the diff…"));
      return;
    }
    const diff = state.diff;
    if (diffIsHuge(diff) && !state.expanded) {
      const lines = diff.split("\n").length;
      replaceChildren(
        box,
        h(
          "button",
          {
            class: "button small",
            type: "button",
            "data-testid": "changes-diff-expand",
            onclick: () => {
              state = { ...state, expanded: true };
              render();
            },
          },
          `Show diff (${lines.toLocaleString("en-US")} lines)`,
        ),
      );
      return;
    }
    const ui = new Diff2HtmlUI(box, diff, {
      outputFormat: mode,
      drawFileList: false,
      matching: "none",
      highlight: true,
    });
    ui.draw();
    box.innerHTML = DOMPurify.sanitize(box.innerHTML);
    ui.highlightCode();
  }

  function follow(next: AppState): void {
    const active = next.tabs.active;
    if (active !== state.sessionId) {
      state = blank(active);
      messageInput.value = active ? titleOf(findSession(next.sessions, active)) : "";
      fingerprint = writeFingerprint(active ? registry.get(active) : undefined);
      summaryKey = "";
      if (open) void refresh();
      render();
      return;
    }
    const changes = session()?.workspace?.changes;
    const key = changes ? `${changes.files}:${changes.additions}:${changes.deletions}` : "";
    if (key !== summaryKey) {
      summaryKey = key;
      if (open) refreshSoon();
    }
  }

  store.subscribe((next, prev) => {
    if (next.tabs !== prev.tabs || next.sessions !== prev.sessions) follow(next);
  });
  registry.subscribe((sessionId) => {
    if (sessionId !== state.sessionId) return;
    const next = writeFingerprint(registry.get(sessionId));
    if (next !== fingerprint) {
      fingerprint = next;
      if (open) refreshSoon();
    }
  });
  follow(store.get());

  return {
    toggle: () => {
      open = !open;
      if (open) void refresh();
      render();
    },
  };
}

function blank(sessionId: string | null): PanelState {
  return {
    sessionId,
    changes: null,
    error: null,
    selected: null,
    diff: null,
    diffError: null,
    expanded: false,
    status: null,
    actionError: null,
    confirmDiscard: false,
    busy: false,
  };
}

function titleOf(session: SessionSummary | undefined): string {
  const title = session?.title ?? "";
  return title && title !== "New session" ? title : "Changes from the agent";
}
