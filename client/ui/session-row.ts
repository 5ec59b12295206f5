// One session in the sidebar: state dot, title, CLI badge, permission mode, relative age, a worktree's branch and change
// summary, archive; click opens its tab.
import { cliLabel, type SessionSummary } from "../../shared/contracts/index.js";
import type { Actions } from "../app/actions.js";
import { branchText, workspaceStateText } from "../state/changes-view.js";
import { permissionModeShort } from "../state/permission-modes.js";
import { displayTitle, sessionDot } from "../state/sessions.js";
import { h } from "./dom.js";
import { relativeTime } from "./relative-time.js";
import { RENAME_EVENT } from "./title-editor.js";

/** The row element (`data-testid="session-row"`, `data-session-id`, `data-state` = the dot). */
export function sessionRow(session: SessionSummary, active: boolean, actions: Actions): HTMLElement {
  const dot = sessionDot(session);
  const title = displayTitle(session);
  const open = () => actions.openSession(session.sessionId);
  const stateLabel = dot === "error" && session.lastError ? `error: ${session.lastError.message}` : dot;
  return h(
    "div",
    {
      class: "session-row",
      role: "button",
      tabindex: 0,
      "data-testid": "session-row",
      "data-session-id": session.sessionId,
      "data-state": dot,
      "data-active": active ? "true" : undefined,
      "data-source": session.source,
      title: `${title}\n${cliLabel(session.cliType)} · ${stateLabel} · mode: ${permissionModeShort(session.permissionMode)}${session.source === "disk" ? " · found on disk" : ""}`,
      onclick: open,
      onkeydown: (event: KeyboardEvent) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          open();
        }
      },
    },
    h("span", { class: `state-dot dot-${dot}`, "data-testid": "session-state-dot", "aria-label": stateLabel }),
    h("span", { class: "session-title" }, title),
    h(
      "span",
      { class: "session-meta" },
      h("span", { class: `cli-badge cli-${session.cliType}`, "data-testid": "session-cli" }, cliLabel(session.cliType)),
      session.permissionMode && session.permissionMode !== "default"
        ? h(
            "span",
            {
              class: "mode-badge",
              "data-testid": "session-mode-badge",
              "data-mode": session.permissionMode,
              title: `Permission mode: ${permissionModeShort(session.permissionMode)}`,
            },
            permissionModeShort(session.permissionMode),
          )
        : null,
      relativeTime(session.lastActiveAt),
      session.source === "disk"
        ? h("span", { class: "source-disk", title: "Found in the CLI's files on disk" }, "· disk")
        : null,
    ),
    workspaceLine(session, actions),
    h("span", { class: "row-actions" }, ...rowActions(session, actions)),
  );
}

/** The row's buttons, shown on hover or focus: rename (opens the tab and edits its title in the header), archive. */
function rowActions(session: SessionSummary, actions: Actions): HTMLElement[] {
  return [
    h(
      "button",
      {
        class: "icon-button row-action",
        type: "button",
        title: "Rename this session",
        "aria-label": "Rename session",
        "data-testid": "session-rename-row",
        onclick: (event: MouseEvent) => {
          event.stopPropagation();
          actions.openSession(session.sessionId);
          document.dispatchEvent(new CustomEvent(RENAME_EVENT, { detail: session.sessionId }));
        },
      },
      "✎",
    ),
    h(
      "button",
      {
        class: "icon-button row-action",
        type: "button",
        title: "Archive this session",
        "aria-label": "Archive session",
        "data-testid": "session-archive",
        onclick: (event: MouseEvent) => {
          event.stopPropagation();
          void actions.archiveSession(session.sessionId);
        },
      },
      "⌫",
    ),
  ];
}

/**
 * A worktree session's branch and live change summary (`⎇ lb/x  3 files +12 −4`), or "worktree missing" with Discard
 * (`session-discard`: opens the session with the Changes panel's confirmation naming what is lost).
 */
function workspaceLine(session: SessionSummary, actions: Actions): HTMLElement | null {
  const workspace = session.workspace;
  if (workspace?.kind !== "worktree") return null;
  return h(
    "span",
    { class: "session-workspace", title: workspace.path },
    h("span", { class: "session-branch", "data-testid": "session-branch" }, branchText(workspace)),
    h(
      "span",
      {
        class: workspace.missing ? "session-changes worktree-missing" : "session-changes",
        "data-testid": workspace.missing ? "session-worktree-missing" : "session-changes-summary",
      },
      workspaceStateText(workspace),
    ),
    workspace.missing
      ? h(
          "button",
          {
            class: "link-button",
            type: "button",
            "data-testid": "session-discard",
            title: "Discard this session's record and branch (asks first)",
            onclick: (event: MouseEvent) => {
              event.stopPropagation();
              actions.openSession(session.sessionId);
              actions.changes.confirmDiscard(session.sessionId, true);
            },
          },
          "Discard…",
        )
      : null,
  );
}
