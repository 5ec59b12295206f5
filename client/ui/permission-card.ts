// An approval card for a CLI's permission request: tool, title, command or diff, and the CLI's own options as buttons.
import type { PermissionOption } from "../../shared/contracts/index.js";
import type { Actions } from "../app/actions.js";
import { diffLines } from "../state/diff.js";
import type { PermissionEntry } from "../state/items.js";
import { h } from "./dom.js";
import { renderToolInput } from "./render-tool.js";

/** "Allowed", "Allowed always", "Denied" or "Closed" (CONTRACTS.md section 5 option kinds). */
export function resolutionText(entry: PermissionEntry): string {
  const resolution = entry.resolution;
  if (!resolution) return "Waiting for your answer";
  if (resolution.outcome === "cancelled") return "Closed";
  const option = entry.request.options.find((o) => o.optionId === resolution.optionId);
  if (!option) return "Answered";
  if (option.kind === "allow_always") return "Allowed always";
  if (option.kind === "allow_once") return "Allowed";
  return "Denied";
}

const resolutionState = (entry: PermissionEntry): string => {
  if (!entry.resolution) return "pending";
  if (entry.resolution.outcome === "cancelled") return "closed";
  const kind = entry.request.options.find((o) => o.optionId === entry.resolution?.optionId)?.kind;
  return kind?.startsWith("allow") ? "allowed" : kind ? "denied" : "answered";
};

function optionButton(entry: PermissionEntry, option: PermissionOption, actions: Actions): HTMLButtonElement {
  const { request } = entry;
  const button = h(
    "button",
    {
      class: `button small ${option.kind.startsWith("allow") ? (option.kind === "allow_once" ? "primary" : "") : "danger"}`,
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

/** The card element; resolved cards keep their content and show how they ended instead of the buttons. */
export function renderPermissionCard(entry: PermissionEntry, actions: Actions): HTMLElement {
  const { request } = entry;
  const state = resolutionState(entry);
  const diffs = request.diff
    ? [{ path: request.diff.path, lines: diffLines(request.diff.oldText ?? "", request.diff.newText) }]
    : [];
  const tool = {
    toolName: request.toolName,
    toolArguments: request.input,
    ...(request.title ? { title: request.title } : {}),
  };
  return h(
    "div",
    {
      class: "permission-card",
      role: entry.resolution ? undefined : "alertdialog",
      "aria-label": `Permission request: ${request.title ?? request.toolName}`,
      "data-testid": "permission-card",
      "data-request-id": request.requestId,
      "data-state": state,
    },
    h(
      "div",
      { class: "permission-head" },
      h("span", { class: "permission-icon", "aria-hidden": "true" }, entry.resolution ? "🔒" : "⚠"),
      h("span", {}, entry.resolution ? "Permission request" : "Permission needed", " · "),
      h("strong", {}, request.toolName),
      request.title ? h("span", { class: "muted" }, ` — ${request.title}`) : null,
    ),
    entry.resolution ? null : h("div", { class: "permission-body" }, renderToolInput(tool, diffs)),
    entry.resolution
      ? h(
          "div",
          { class: `permission-result result-${state}`, "data-testid": "permission-result" },
          resolutionText(entry),
        )
      : h(
          "div",
          { class: "permission-options" },
          request.options.map((option) => optionButton(entry, option, actions)),
        ),
  );
}
