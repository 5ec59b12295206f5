// An approval card for a CLI's permission request: tool, title, command or diff, and the CLI's own options as buttons.
import type { PermissionOption } from "../../shared/contracts/index.js";
import type { Actions } from "../app/actions.js";
import type { PermissionEntry } from "../state/items.js";
import {
  extraPermissionDiffs,
  permissionCardState,
  permissionResultText,
  permissionTool,
} from "../state/permission-view.js";
import { h } from "./dom.js";
import { renderToolInput } from "./render-tool.js";

/** The head's mark per card state (characters every UI font has; no emoji). */
const MARKS: Record<string, string> = { pending: "!", allowed: "✓", denied: "✕", closed: "–", answered: "✓" };

function optionClass(option: PermissionOption): string {
  if (option.kind === "allow_once") return "button small primary";
  if (option.kind === "allow_always") return "button small";
  return "button small danger";
}

function optionButton(entry: PermissionEntry, option: PermissionOption, actions: Actions): HTMLButtonElement {
  const { request } = entry;
  const button = h(
    "button",
    {
      class: optionClass(option),
      type: "button",
      "data-testid": "permission-option",
      "data-option-id": option.optionId,
      "data-kind": option.kind,
      onclick: async () => {
        const card = button.closest(".permission-card");
        for (const b of card?.querySelectorAll("button") ?? []) (b as HTMLButtonElement).disabled = true;
        const ok = await actions.respondPermission(request.sessionId, request.requestId, option.optionId);
        if (!ok) for (const b of card?.querySelectorAll("button") ?? []) (b as HTMLButtonElement).disabled = false;
      },
    },
    option.name,
  );
  return button;
}

/**
 * The card element (`data-testid="permission-card"`, `data-state` = pending | allowed | denied | closed | answered).
 * A pending card shows what the tool would do and one button per option; a resolved card shows the tool, what the
 * command or change was (collapsed), and how it ended.
 */
export function renderPermissionCard(entry: PermissionEntry, actions: Actions): HTMLElement {
  const { request } = entry;
  const state = permissionCardState(entry);
  const pending = state === "pending";
  const input = renderToolInput(permissionTool(request), extraPermissionDiffs(request));
  return h(
    "div",
    {
      class: "permission-card",
      role: pending ? "alertdialog" : undefined,
      "aria-label": `Permission request: ${request.title ?? request.toolName}`,
      "data-testid": "permission-card",
      "data-request-id": request.requestId,
      "data-state": state,
    },
    h(
      "div",
      { class: "permission-head" },
      h("span", { class: `permission-icon mark-${state}`, "aria-hidden": "true" }, MARKS[state] ?? "!"),
      h("span", {}, pending ? "Permission needed" : "Permission request", " · "),
      h("strong", {}, request.title ?? request.toolName),
      request.title && !request.title.startsWith(request.toolName)
        ? h("span", { class: "muted" }, ` · ${request.toolName}`)
        : null,
    ),
    pending
      ? h("div", { class: "permission-body" }, input)
      : h(
          "details",
          { class: "permission-body", "data-part": `permission-${request.requestId}` },
          h("summary", { class: "muted" }, "What was asked"),
          input,
        ),
    pending
      ? h(
          "div",
          { class: "permission-options" },
          request.options.map((option) => optionButton(entry, option, actions)),
        )
      : h(
          "div",
          { class: `permission-result result-${state}`, "data-testid": "permission-result" },
          permissionResultText(entry),
        ),
  );
}
