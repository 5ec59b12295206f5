// A project's "Archived (N)" disclosure in the sidebar (issue 17 §4): its archived sessions with Unarchive and Open.
import { cliLabel, type SessionSummary } from "../../shared/contracts/index.js";
import type { Actions } from "../app/actions.js";
import { displayTitle } from "../state/sessions.js";
import { h } from "./dom.js";
import { relativeTime } from "./relative-time.js";

/**
 * The disclosure of `sessions` (a project's archived sessions; nothing while there are none or they are not listed
 * yet): a toggle `archived-toggle` ("Archived (N)", `aria-expanded`) and, when `open`, the list `archived-list` of
 * `archived-row`s (`data-session-id`) each with `archived-unarchive` (back into the list) and `archived-open`
 * (unarchives it and opens its tab).
 */
export function archivedDisclosure(
  projectId: string,
  sessions: readonly SessionSummary[] | undefined,
  open: boolean,
  actions: Actions,
): HTMLElement | null {
  if (!sessions || sessions.length === 0) return null;
  return h(
    "div",
    { class: "archived", "data-testid": "archived", "data-open": open ? "true" : undefined },
    h(
      "button",
      {
        class: "archived-toggle",
        type: "button",
        "data-testid": "archived-toggle",
        "aria-expanded": open ? "true" : "false",
        title: "Sessions archived in this project",
        onclick: () => actions.archive.toggle(projectId),
      },
      h("span", { class: "chevron", "aria-hidden": "true" }, open ? "▾" : "▸"),
      `Archived (${sessions.length})`,
    ),
    open
      ? h(
          "div",
          { class: "archived-list", role: "list", "data-testid": "archived-list" },
          sessions.map((session) => archivedRow(session, actions)),
        )
      : null,
  );
}

function archivedRow(session: SessionSummary, actions: Actions): HTMLElement {
  const title = displayTitle(session);
  return h(
    "div",
    { class: "archived-row", role: "listitem", "data-testid": "archived-row", "data-session-id": session.sessionId },
    h(
      "span",
      { class: "archived-text", title },
      h("span", { class: "session-title" }, title),
      h(
        "span",
        { class: "session-meta" },
        h("span", { class: `cli-badge cli-${session.cliType}` }, cliLabel(session.cliType)),
        relativeTime(session.lastActiveAt),
      ),
    ),
    h(
      "span",
      { class: "archived-actions" },
      h(
        "button",
        {
          class: "button small",
          type: "button",
          "data-testid": "archived-unarchive",
          title: "Put this session back in the project's list",
          onclick: () => void actions.archive.unarchive(session.sessionId),
        },
        "Unarchive",
      ),
      h(
        "button",
        {
          class: "button small",
          type: "button",
          "data-testid": "archived-open",
          title: "Unarchive this session and open it",
          onclick: () => void actions.archive.open(session.sessionId, (id) => actions.openSession(id)),
        },
        "Open",
      ),
    ),
  );
}
