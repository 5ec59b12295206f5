// The sidebar: brand and connection state, the add-project field (errors shown under it), and the project groups;
// redrawn at most once per frame.
import type { Actions } from "../app/actions.js";
import type { AppState } from "../state/app-state.js";
import { type Store, subscribeBatched } from "../state/store.js";
import { h, nextFrame, replaceChildren } from "./dom.js";
import { ProjectGroupView } from "./project-group.js";

const CONNECTION_LABEL = {
  connecting: "Connecting…",
  connected: "Connected",
  reconnecting: "Reconnecting…",
  offline: "Offline",
} as const;

/** Keyboard shortcuts, shown in the help popover and in title attributes. */
export const SHORTCUTS: [string, string][] = [
  ["Ctrl/⌘+L or /", "Focus the message box"],
  ["Enter / Shift+Enter", "Send / new line"],
  ["Ctrl+Alt+← / →", "Previous / next tab"],
  ["Alt+1…9", "Go to tab 1…9"],
  ["Ctrl+Alt+N", "New session"],
  ["Ctrl+Alt+W", "Close tab"],
  ["Ctrl+Alt+B", "Toggle the sidebar"],
  ["Ctrl+`", "Show or hide the terminals (Ctrl+Shift+C / V copies and pastes in one)"],
  ["Ctrl+Alt+G", "Show or hide the Changes of the session (its worktree or folder against the base)"],
  ["Esc", "Close a form or this help"],
];

/**
 * Builds the sidebar into `root` and keeps it in step with the store (at most once per frame); `focusNewSession`
 * draws what is waiting first, so a form just opened can take the focus.
 */
export function mountSidebar(
  root: HTMLElement,
  store: Store<AppState>,
  actions: Actions,
): { focusNewSession(projectId: string): void } {
  const connection = h("span", { class: "connection", "data-testid": "connection-state", role: "status" });
  const input = h("input", {
    type: "text",
    class: "text-input",
    "data-testid": "project-add-input",
    placeholder: "Project folder path",
    "aria-label": "Project folder path",
    spellcheck: "false",
    autocomplete: "off",
  });
  const error = h("div", { class: "field-error", role: "alert", "data-testid": "project-add-error", hidden: true });
  const addButton = h("button", { class: "button small", type: "submit", "data-testid": "project-add-submit" }, "Add");
  const form = h(
    "form",
    {
      class: "project-add",
      onsubmit: async (event: SubmitEvent) => {
        event.preventDefault();
        if (await actions.addProject(input.value)) input.value = "";
      },
    },
    h("div", { class: "row" }, input, addButton),
    error,
  );
  input.addEventListener("input", () => {
    if (store.get().projectAdd.error) store.set({ projectAdd: { busy: false, error: null } });
  });
  const list = h("nav", { class: "projects", "data-testid": "project-list", "aria-label": "Projects" });
  const help = h(
    "div",
    { class: "help-popover", "data-testid": "keyboard-help", hidden: true },
    h(
      "table",
      {},
      SHORTCUTS.map(([keys, what]) => h("tr", {}, h("td", {}, h("kbd", {}, keys)), h("td", {}, what))),
    ),
  );
  const helpButton = h(
    "button",
    {
      class: "button ghost small",
      type: "button",
      "data-testid": "keyboard-help-button",
      title: SHORTCUTS.map(([k, w]) => `${k}: ${w}`).join("\n"),
      onclick: () => {
        help.hidden = !help.hidden;
      },
    },
    "⌨ Shortcuts",
  );
  replaceChildren(
    root,
    h(
      "header",
      { class: "sidebar-head" },
      h(
        "div",
        { class: "brand" },
        h("span", { class: "logo" }, "◐"),
        "Liminal",
        h("span", { class: "brand-sub" }, "Builder"),
      ),
      connection,
    ),
    form,
    list,
    h("footer", { class: "sidebar-foot" }, helpButton, help),
  );

  const groups = new Map<string, ProjectGroupView>();
  const render = (state: AppState, prev?: AppState) => {
    if (!prev || prev.connection !== state.connection) {
      connection.dataset.state = state.connection.status;
      connection.textContent = CONNECTION_LABEL[state.connection.status];
      connection.title = `Server connection: ${CONNECTION_LABEL[state.connection.status]}`;
    }
    if (!prev || prev.projectAdd !== state.projectAdd) {
      error.hidden = !state.projectAdd.error;
      error.textContent = state.projectAdd.error ?? "";
      input.setAttribute("aria-invalid", state.projectAdd.error ? "true" : "false");
      addButton.disabled = state.projectAdd.busy;
    }
    const seen = new Set<string>();
    const ordered: HTMLElement[] = [];
    for (const project of state.projects) {
      seen.add(project.projectId);
      let view = groups.get(project.projectId);
      if (!view) {
        view = new ProjectGroupView(actions);
        groups.set(project.projectId, view);
      }
      view.update({
        project,
        sessions: state.sessions[project.projectId],
        loading: state.sessionsLoading.includes(project.projectId),
        collapsed: state.collapsed.includes(project.projectId),
        form: state.newSession?.projectId === project.projectId ? state.newSession : null,
        activeSessionId: state.tabs.active,
        confirmRemove: state.removeConfirm === project.projectId,
        archived: state.archived.byProject[project.projectId],
        archivedOpen: state.archived.open.includes(project.projectId),
      });
      ordered.push(view.el);
    }
    for (const [id, view] of groups) {
      if (!seen.has(id)) {
        view.el.remove();
        groups.delete(id);
      }
    }
    ordered.forEach((el, i) => {
      if (list.children[i] !== el) list.insertBefore(el, list.children[i] ?? null);
    });
    const empty = list.querySelector(".projects-empty");
    if (state.projects.length === 0 && state.projectsLoaded && !empty) {
      list.appendChild(
        h("div", { class: "projects-empty muted small pad" }, "No projects yet. Add a folder above to start."),
      );
    } else if (state.projects.length > 0 && empty) {
      empty.remove();
    }
  };
  render(store.get());
  // At most one redraw per frame: twenty sessions streaming announce their states dozens of times a second.
  const subscription = subscribeBatched(store, render, nextFrame);
  return {
    focusNewSession(projectId) {
      subscription.flush();
      groups.get(projectId)?.focusForm();
    },
  };
}
