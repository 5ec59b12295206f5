// The active session's header: title, CLI, state (or a waiting approval), a worktree's branch and change summary, its
// permission mode, model, Changes, Terminal, End session.
import type { PermissionMode, SessionSummary } from "../../shared/contracts/index.js";
import { cliLabel } from "../../shared/contracts/index.js";
import type { Actions } from "../app/actions.js";
import type { AppState } from "../state/app-state.js";
import { sessionChanges, worktreeMissing } from "../state/changes.js";
import { branchText, workspaceStateText } from "../state/changes-view.js";
import { pendingPermissions } from "../state/items.js";
import { PERMISSION_MODES } from "../state/permission-modes.js";
import type { ItemsRegistry } from "../state/registry.js";
import { displayTitle, findSession } from "../state/sessions.js";
import { type Store, subscribeBatched } from "../state/store.js";
import { h, nextFrame, replaceChildren, setAttr, setHidden, setText } from "./dom.js";
import { headerMenuButton } from "./header-menu.js";
import { mountModelPicker } from "./model-picker.js";
import { editTitle, RENAME_EVENT } from "./title-editor.js";

/** Enables or disables a control unless it already is. */
function setDisabled(control: HTMLButtonElement | HTMLSelectElement, disabled: boolean): void {
  if (control.disabled !== disabled) control.disabled = disabled;
}

/** Words for a session's state in the header; `asking`: an approval card of the session waits for an answer. */
function stateText(session: SessionSummary | undefined, asking: boolean): string {
  if (asking && session?.state !== "dead") return "Waiting for your approval";
  switch (session?.state) {
    case "running":
      return "Working";
    case "starting":
      return "Starting";
    case "sleeping":
      return "Sleeping · a new message wakes it";
    case "dead":
      return "Ended · a new message resumes it";
    case "idle":
      return "Idle";
    default:
      return "";
  }
}

/**
 * Mounts the header into `root` (hidden while no tab is open) and keeps it in step with the store: the mode select
 * sends `session:permission-mode` and shows the mode the server confirmed (`session:updated`), falling back to it when
 * the change fails; Changes and Terminal show or hide their panels (`toggleChanges`, `toggleTerminal`); End session
 * sends `session:kill` (disabled while the session has no process to end). A worktree session shows its branch
 * (`header-branch`, the worktree's path as its title) and live change summary (`header-changes`); a missing worktree
 * says so and offers Discard (`header-discard`, which opens the Changes panel's confirmation). Store changes are drawn at
 * most once per frame, and only those of the active session (or the panels' buttons).
 */
export function mountSessionHeader(
  root: HTMLElement,
  store: Store<AppState>,
  registry: ItemsRegistry,
  actions: Actions,
  toggleTerminal: () => void,
  toggleChanges: () => void,
): void {
  const title = h("span", {
    class: "session-header-title",
    "data-testid": "session-header-title",
    title: "Double-click to rename",
  });
  const startRename = () => {
    const id = store.get().tabs.active;
    if (!id) return;
    const session = findSession(store.get().sessions, id);
    editTitle(title, session?.title.trim() ? session.title : "", (next) => actions.renameSession(id, next));
  };
  title.addEventListener("dblclick", startRename);
  document.addEventListener(RENAME_EVENT, (event) => {
    if ((event as CustomEvent<string>).detail === store.get().tabs.active) startRename();
  });
  const rename = h(
    "button",
    {
      class: "button small icon",
      type: "button",
      "data-testid": "session-rename",
      title: "Rename this session",
      "aria-label": "Rename this session",
      onclick: startRename,
    },
    "✎",
  );
  const cli = h("span", { class: "cli-badge" });
  const state = h("span", { class: "session-header-state muted", "data-testid": "session-header-state" });
  const branch = h("span", { class: "session-branch", "data-testid": "header-branch" });
  const changesSummary = h("span", { class: "session-changes", "data-testid": "header-changes" });
  const discardMissing = h(
    "button",
    {
      class: "button small danger",
      type: "button",
      "data-testid": "header-discard",
      title: "The worktree folder is gone: discard the session's record and branch",
      hidden: true,
      onclick: () => {
        const id = store.get().tabs.active;
        if (id) actions.changes.confirmDiscard(id, true);
      },
    },
    "Discard…",
  );
  const changesButton = h(
    "button",
    {
      class: "button small",
      type: "button",
      "data-testid": "open-changes",
      title: "Show or hide the changes of this session's folder or worktree (Ctrl+Alt+G)",
      "aria-pressed": "false",
      onclick: () => toggleChanges(),
    },
    "Changes",
  );
  const mode = h("select", {
    class: "session-mode",
    "data-testid": "session-mode",
    "aria-label": "Permission mode of this session",
    title: "What the agent may do without asking; changes apply to the running session",
  });
  for (const { mode: value, label } of PERMISSION_MODES) mode.appendChild(h("option", { value }, label));
  const model = mountModelPicker(actions.models);
  const kill = h(
    "button",
    {
      class: "button small danger",
      type: "button",
      "data-testid": "session-kill",
      title: "End this session's CLI process (a running turn is cancelled; sending a message later resumes it)",
    },
    "End session",
  );
  const terminal = h(
    "button",
    {
      class: "button small",
      type: "button",
      "data-testid": "session-terminal",
      title: "Show or hide this session's terminals: shells in its folder (Ctrl+`)",
      "aria-pressed": "false",
      onclick: () => toggleTerminal(),
    },
    "Terminal",
  );
  // The controls after the title: laid out in the header (`display: contents`), or folded behind ⋯ on a phone.
  const controls = h(
    "div",
    { class: "session-header-controls", "data-testid": "session-header-menu" },
    h("label", { class: "session-header-mode" }, h("span", { class: "muted" }, "Mode"), mode),
    model.el,
    changesButton,
    terminal,
    kill,
  );
  replaceChildren(
    root,
    h("div", { class: "session-header-main" }, cli, title, rename, state, branch, changesSummary, discardMissing),
    controls,
    headerMenuButton(root, controls),
  );

  let current: SessionSummary | undefined;
  let busy = false;

  const render = () => {
    const appState = store.get();
    const id = appState.tabs.active;
    setHidden(root, id === null);
    if (!id) return;
    current = findSession(appState.sessions, id);
    const cached = appState.titles[id];
    const cliType = current?.cliType ?? cached?.cliType ?? "";
    setAttr(root, "data-session-id", id);
    setAttr(root, "data-state", current?.state ?? "");
    setAttr(root, "data-permission-mode", current?.permissionMode ?? "");
    setText(title, current ? displayTitle(current) : cached?.title || "Session");
    setText(cli, cliLabel(cliType));
    setAttr(cli, "class", `cli-badge cli-${cliType}`);
    const items = registry.get(id);
    const asking = items !== undefined && pendingPermissions(items).length > 0;
    setAttr(root, "data-asking", asking ? "true" : "false");
    setText(state, stateText(current, asking));
    if (!busy && mode.value !== (current?.permissionMode ?? "default"))
      mode.value = current?.permissionMode ?? "default";
    setDisabled(mode, busy || !current);
    model.render(current);
    setDisabled(kill, !current || current.state === "dead" || current.state === "sleeping");
    setAttr(terminal, "aria-pressed", String(appState.terminals.panel.open));
    setAttr(changesButton, "aria-pressed", String(appState.changes.open));
    const workspace = current?.workspace;
    setText(branch, branchText(workspace));
    setAttr(branch, "title", workspace?.path ?? "");
    const missing =
      workspace?.kind === "worktree" && worktreeMissing(workspace.missing, sessionChanges(appState.changes, id));
    setText(changesSummary, workspaceStateText(workspace && { ...workspace, missing }));
    if (changesSummary.classList.contains("worktree-missing") !== missing)
      changesSummary.classList.toggle("worktree-missing", missing);
    setHidden(discardMissing, !missing);
  };

  mode.addEventListener("change", async () => {
    const sessionId = current?.sessionId;
    if (!sessionId) return;
    busy = true;
    render();
    await actions.setPermissionMode(sessionId, mode.value as PermissionMode);
    busy = false;
    render();
  });
  kill.addEventListener("click", async () => {
    const sessionId = current?.sessionId;
    if (!sessionId) return;
    kill.disabled = true;
    await actions.killSession(sessionId);
    render();
  });

  // At most once per frame, and only for what the header shows: the active session's summary, its cached title, the
  // panels' buttons, its change list (another session's `session:updated` or turn end changes none of them).
  subscribeBatched(
    store,
    (next, prev) => {
      const id = next.tabs.active;
      if (
        id !== prev.tabs.active ||
        (id !== null &&
          (findSession(next.sessions, id) !== findSession(prev.sessions, id) ||
            next.titles[id] !== prev.titles[id] ||
            next.changes.bySession[id] !== prev.changes.bySession[id])) ||
        next.terminals.panel.open !== prev.terminals.panel.open ||
        next.changes.open !== prev.changes.open
      )
        render();
    },
    nextFrame,
  );
  registry.subscribe((sessionId) => {
    if (sessionId === store.get().tabs.active) render();
  });
  render();
}
