// The inline "new session" form: CLI (Claude Code / Codex), permission mode, where (project folder or a new git
// worktree with its branch and base), Start / Cancel, errors in words.
import { CLI_TYPES, cliLabel } from "../../shared/contracts/index.js";
import type { Actions } from "../app/actions.js";
import type { NewSessionForm } from "../state/app-state.js";
import { worktreeAvailable, worktreeUnavailableReason } from "../state/new-session.js";
import { PERMISSION_MODES } from "../state/permission-modes.js";
import { h } from "./dom.js";

/** The form element; its busy and error states are updated in place by the project group. */
export function newSessionForm(form: NewSessionForm, actions: Actions): HTMLFormElement {
  const cli = h(
    "select",
    {
      "data-testid": "new-session-cli",
      "aria-label": "CLI",
      onchange: () => actions.updateNewSessionForm({ cliType: cli.value as NewSessionForm["cliType"] }),
    },
    CLI_TYPES.map((type) => h("option", { value: type, selected: type === form.cliType }, cliLabel(type))),
  );
  const mode = h(
    "select",
    {
      "data-testid": "new-session-mode",
      "aria-label": "Permission mode",
      onchange: () => actions.updateNewSessionForm({ permissionMode: mode.value as NewSessionForm["permissionMode"] }),
    },
    PERMISSION_MODES.map(({ mode: value, label }) =>
      h("option", { value, selected: value === form.permissionMode }, label),
    ),
  );
  const git = form.git;
  const worktreeOk = worktreeAvailable(form);
  const unavailable = worktreeUnavailableReason(form);
  const where = h(
    "select",
    {
      "data-testid": "new-session-where",
      "aria-label": "Where the session works",
      onchange: () => actions.updateNewSessionForm({ where: where.value as NewSessionForm["where"] }),
    },
    h("option", { value: "folder", selected: form.where === "folder" }, "Project folder"),
    h(
      "option",
      { value: "worktree", selected: form.where === "worktree", disabled: !worktreeOk },
      git === null ? "New worktree (checking git…)" : "New worktree",
    ),
  );
  const reason = unavailable
    ? h(
        "div",
        { class: "field-hint muted small", "data-testid": "new-session-where-reason" },
        `No worktree: ${unavailable}`,
      )
    : null;
  const worktreeFields =
    form.where === "worktree" && worktreeOk
      ? [
          h(
            "label",
            {},
            h("span", {}, "Branch"),
            h("input", {
              class: "text-input",
              "data-testid": "new-session-branch",
              "aria-label": "New branch",
              value: form.branch,
              spellcheck: false,
              oninput: (event: Event) =>
                actions.updateNewSessionForm({ branch: (event.target as HTMLInputElement).value }),
            }),
          ),
          h(
            "label",
            {},
            h("span", {}, "From"),
            h(
              "select",
              {
                "data-testid": "new-session-base",
                "aria-label": "Base branch",
                onchange: (event: Event) =>
                  actions.updateNewSessionForm({ base: (event.target as HTMLSelectElement).value }),
              },
              (git?.branches ?? []).map((branch) =>
                h("option", { value: branch, selected: branch === form.base }, branch),
              ),
            ),
          ),
        ]
      : [];
  return h(
    "form",
    {
      class: "new-session-form",
      "data-testid": "new-session-form",
      onsubmit: (event: SubmitEvent) => {
        event.preventDefault();
        void actions.createSession();
      },
      onkeydown: (event: KeyboardEvent) => {
        if (event.key === "Escape") actions.openNewSessionForm(null);
      },
    },
    h("label", {}, h("span", {}, "CLI"), cli),
    h("label", {}, h("span", {}, "Mode"), mode),
    h("label", {}, h("span", {}, "Where"), where),
    reason,
    ...worktreeFields,
    h(
      "div",
      { class: "form-actions" },
      h("button", { class: "button primary small", type: "submit", "data-testid": "new-session-submit" }, "Start"),
      h("button", { class: "button small", type: "button", onclick: () => actions.openNewSessionForm(null) }, "Cancel"),
    ),
    h("div", { class: "field-error", role: "alert", "data-testid": "new-session-error", hidden: true }),
  );
}
