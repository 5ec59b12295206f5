// A project's settings form in the sidebar: the setup command run in each new worktree before the agent's first turn.
import type { Project } from "../../shared/contracts/index.js";
import type { Actions } from "../app/actions.js";
import { describeError } from "../state/error-text.js";
import { h } from "./dom.js";

/**
 * The form (`project-settings-form`): the setup command (`project-setup-command`), Save (`project-settings-save`)
 * sending `project:settings`, Close; a failure is shown in words in the form, success closes it (`onDone`).
 */
export function projectSettingsForm(project: Project, actions: Actions, onDone: () => void): HTMLFormElement {
  const input = h("input", {
    class: "text-input project-setup-command",
    "data-testid": "project-setup-command",
    "aria-label": "Setup command",
    placeholder: "e.g. npm ci",
    value: project.setupCommand ?? "",
    spellcheck: false,
  });
  const error = h("div", {
    class: "field-error",
    role: "alert",
    hidden: true,
    "data-testid": "project-settings-error",
  });
  const save = h(
    "button",
    { class: "button primary small", type: "submit", "data-testid": "project-settings-save" },
    "Save",
  );
  return h(
    "form",
    {
      class: "project-settings-form",
      "data-testid": "project-settings-form",
      onsubmit: async (event: SubmitEvent) => {
        event.preventDefault();
        save.disabled = true;
        try {
          await actions.workspaces.setSetupCommand(project.projectId, input.value.trim());
          onDone();
        } catch (failure) {
          const { code, message } = failure as { code?: string; message?: string };
          error.textContent = describeError(code ?? "INTERNAL_ERROR", message ?? "");
          error.hidden = false;
          save.disabled = false;
        }
      },
      onkeydown: (event: KeyboardEvent) => {
        if (event.key === "Escape") onDone();
      },
    },
    h("label", {}, h("span", {}, "Setup command"), input),
    h(
      "div",
      { class: "field-hint muted small" },
      "Runs through your shell in each new worktree of this project before the agent's first turn; its output shows in the session.",
    ),
    h(
      "div",
      { class: "form-actions" },
      save,
      h("button", { class: "button small", type: "button", onclick: onDone }, "Close"),
    ),
    error,
  );
}
