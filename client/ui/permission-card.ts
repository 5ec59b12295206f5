// An approval card for a CLI's permission request: tool, title, command or diff, and the CLI's own options as buttons.
import { PERMISSION_MESSAGE_MAX_CHARS, type PermissionOption } from "../../shared/contracts/index.js";
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

/** What the user has typed into a pending card's reason box, by requestId (kept while the card is redrawn). */
const feedbackDrafts = new Map<string, string>();

/** The reason box of a pending card whose options include one that takes the user's words (`feedback`). */
function feedbackBox(entry: PermissionEntry): HTMLTextAreaElement | null {
  const option = entry.request.options.find((o) => o.feedback);
  if (!option) return null;
  const { requestId } = entry.request;
  const box = h("textarea", {
    class: "permission-feedback",
    rows: 2,
    maxlength: PERMISSION_MESSAGE_MAX_CHARS,
    "data-testid": "permission-feedback",
    "aria-label": `Reason for the agent, sent with ${option.name}`,
    placeholder: `Optional: tell the agent why, or what to do instead (sent with ${option.name})`,
  });
  box.value = feedbackDrafts.get(requestId) ?? "";
  box.addEventListener("input", () => feedbackDrafts.set(requestId, box.value));
  return box;
}

function optionButton(
  entry: PermissionEntry,
  option: PermissionOption,
  actions: Actions,
  feedback: HTMLTextAreaElement | null,
): HTMLButtonElement {
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
        const words = option.feedback ? feedback?.value.trim() : undefined;
        const ok = await actions.respondPermission(
          request.sessionId,
          request.requestId,
          option.optionId,
          words || undefined,
        );
        if (ok) feedbackDrafts.delete(request.requestId);
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
  const feedback = pending ? feedbackBox(entry) : null;
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
          { class: "permission-answer" },
          feedback,
          h(
            "div",
            { class: "permission-options" },
            request.options.map((option) => optionButton(entry, option, actions, feedback)),
          ),
        )
      : h(
          "div",
          { class: `permission-result result-${state}`, "data-testid": "permission-result" },
          permissionResultText(entry),
        ),
  );
}
