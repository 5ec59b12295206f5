// The inline "new session" form: CLI (Claude Code / Codex), permission mode, model (and effort), where (project folder or a new git
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
  const known = form.models?.models ?? [];
  const model = h(
    "select",
    {
      "data-testid": "new-session-model",
      "aria-label": "Model",
      title:
        form.models === null
          ? "Asking for the CLI's models…"
          : known.length === 0
            ? "The CLI's models are known once one of its sessions has started; until then it starts with its default"
            : "The model the session starts with (it can change between turns in the session's header)",
      onchange: () => actions.updateNewSessionForm({ model: model.value }),
    },
    h("option", { value: "", selected: form.model === "" }, "CLI default"),
    known.map((m) => h("option", { value: m.id, selected: m.id === form.model, title: m.description }, m.name || m.id)),
  );
  const levels = form.models?.effort?.levels ?? [];
  const effort =
    levels.length > 0
      ? h(
          "select",
          {
            "data-testid": "new-session-effort",
            "aria-label": "Reasoning effort",
            onchange: (event: Event) =>
              actions.updateNewSessionForm({ effort: (event.target as HTMLSelectElement).value }),
          },
          h("option", { value: "", selected: form.effort === "" }, "Default effort"),
          levels.map((l) => h("option", { value: l.id, selected: l.id === form.effort }, l.name)),
        )
      : null;
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
    h("label", {}, h("span", {}, "Model"), model),
    effort ? h("label", {}, h("span", {}, "Effort"), effort) : null,
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
