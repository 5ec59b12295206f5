// The inline "new session" form: CLI (Claude Code / Codex) and permission mode, Start / Cancel, errors in words.
import { CLI_TYPES, cliLabel } from "../../shared/contracts/index.js";
import type { Actions } from "../app/actions.js";
import type { NewSessionForm } from "../state/app-state.js";
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
    h(
      "div",
      { class: "form-actions" },
      h("button", { class: "button primary small", type: "submit", "data-testid": "new-session-submit" }, "Start"),
      h("button", { class: "button small", type: "button", onclick: () => actions.openNewSessionForm(null) }, "Cancel"),
    ),
    h("div", { class: "field-error", role: "alert", "data-testid": "new-session-error", hidden: true }),
  );
}
