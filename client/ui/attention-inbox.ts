// The attention inbox at the top of the sidebar (issue 17 §2): every session of every project that waits for an
// approval, failed, or finished unseen, newest first; a click opens it; approvals are answered right here.
import type { AttentionApproval } from "../../shared/contracts/index.js";
import type { Actions } from "../app/actions.js";
import type { AppState } from "../state/app-state.js";
import { type AttentionEntry, attentionEntries } from "../state/attention.js";
import { approvalSummary, entryDetail } from "../state/attention-view.js";
import type { NotifySettings } from "../state/notify-settings.js";
import { displayTitle, findSession } from "../state/sessions.js";
import { type Store, subscribeBatched } from "../state/store.js";
import { TAB_STATUS_LABEL } from "../state/tab-view.js";
import { h, nextFrame, replaceChildren } from "./dom.js";
import type { Notifier } from "./notifier.js";
import { relativeTime } from "./relative-time.js";

const KIND_LABELS: [keyof NotifySettings, string][] = [
  ["approval", "Approvals asked"],
  ["failed", "Failed turns"],
  ["finished", "Finished turns"],
  ["sound", "Play a sound"],
];

/** Builds the inbox into `root` and keeps it in step with the store (at most once per frame) and the notifier. */
export function mountAttentionInbox(
  root: HTMLElement,
  store: Store<AppState>,
  actions: Pick<Actions, "openSession" | "respondPermission">,
  notifier: Notifier,
): void {
  const count = h("span", { class: "attention-count", "data-testid": "attention-count" });
  const bell = h("button", {
    class: "button ghost small",
    type: "button",
    "data-testid": "notify-enable",
    onclick: () => void notifier.askPermission(),
  });
  const settingsButton = h(
    "button",
    {
      class: "icon-button",
      type: "button",
      "data-testid": "notify-settings-button",
      title: "Notification settings",
      "aria-label": "Notification settings",
      "aria-expanded": "false",
    },
    "⚙",
  );
  const settings = h("div", { class: "notify-settings", "data-testid": "notify-settings", hidden: true });
  settingsButton.addEventListener("click", () => {
    settings.hidden = !settings.hidden;
    settingsButton.setAttribute("aria-expanded", String(!settings.hidden));
  });
  const boxes = KIND_LABELS.map(([key, label]) => {
    const box = h("input", { type: "checkbox", "data-testid": "notify-kind", "data-kind": key });
    box.addEventListener("change", () => notifier.update({ [key]: box.checked }));
    settings.append(h("label", { class: "notify-setting" }, box, label));
    return [key, box] as const;
  });
  const list = h("ul", { class: "attention-list", "data-testid": "attention-list", "aria-label": "Needs attention" });
  const empty = h(
    "div",
    { class: "muted small attention-empty", "data-testid": "attention-empty" },
    "Nothing waits for you",
  );
  replaceChildren(
    root,
    h(
      "div",
      { class: "attention-head" },
      h("span", { class: "attention-label" }, "Needs you"),
      count,
      h("span", { class: "spacer" }),
      bell,
      settingsButton,
    ),
    settings,
    list,
    empty,
  );

  const drawControls = () => {
    const permission = notifier.permission();
    bell.hidden = permission === "granted" || permission === "unsupported";
    bell.disabled = permission === "denied";
    bell.textContent = permission === "denied" ? "🔕 Notifications blocked" : "🔔 Enable notifications";
    bell.title =
      permission === "denied"
        ? "The browser blocks notifications for this page: allow them in the site settings"
        : "Show a notification when a session in the background needs you";
    const current = notifier.settings;
    for (const [key, box] of boxes) box.checked = current[key];
  };

  let drawn = "";
  const render = (state: AppState) => {
    const entries = attentionEntries(state.attention);
    const key = JSON.stringify(entries) + sessionKey(state, entries);
    if (key === drawn) return;
    drawn = key;
    root.dataset.count = String(entries.length);
    count.textContent = String(entries.length);
    count.hidden = entries.length === 0;
    empty.hidden = entries.length > 0;
    replaceChildren(list, ...entries.map((entry) => row(state, entry, actions)));
  };
  drawControls();
  notifier.onChange(drawControls);
  render(store.get());
  subscribeBatched(
    store,
    (state, prev) => {
      if (
        !prev ||
        prev.attention !== state.attention ||
        prev.sessions !== state.sessions ||
        prev.projects !== state.projects
      )
        render(state);
    },
    nextFrame,
  );
}

/** The titles and projects the rows show (a rename redraws them). */
function sessionKey(state: AppState, entries: AttentionEntry[]): string {
  return entries.map((e) => names(state, e.sessionId).join("\u0000")).join("\u0001");
}

function names(state: AppState, sessionId: string): [string, string] {
  const session = findSession(state.sessions, sessionId);
  const title = session ? displayTitle(session) : state.titles[sessionId]?.title || "Session";
  const project = state.projects.find((p) => p.projectId === session?.projectId)?.name ?? "";
  return [title, project];
}

function row(state: AppState, entry: AttentionEntry, actions: Pick<Actions, "openSession" | "respondPermission">) {
  const [title, project] = names(state, entry.sessionId);
  const label = entry.kind === "finished" ? TAB_STATUS_LABEL.finished : TAB_STATUS_LABEL[entry.kind];
  const open = h(
    "button",
    {
      class: "attention-open",
      type: "button",
      "data-testid": "attention-open",
      title: `Open ${title}`,
      onclick: () => actions.openSession(entry.sessionId),
    },
    h("span", {
      class: `attention-mark attention-${entry.kind}`,
      role: "img",
      "aria-label": label,
      "data-testid": "attention-mark",
    }),
    h(
      "span",
      { class: "attention-text" },
      h("span", { class: "attention-title", "data-testid": "attention-title" }, title),
      h(
        "span",
        { class: "attention-detail muted small" },
        project ? `${entryDetail(entry)} · ${project}` : entryDetail(entry),
      ),
    ),
    entry.at ? relativeTime(entry.at, "age muted small") : "",
  );
  return h(
    "li",
    {
      class: "attention-item",
      "data-testid": "attention-item",
      "data-session-id": entry.sessionId,
      "data-kind": entry.kind,
    },
    open,
    ...entry.approvals.map((approval) => approvalRow(approval, actions)),
  );
}

/** One waiting approval: what it asks and the CLI's own options, answered with `permission:respond`. */
function approvalRow(approval: AttentionApproval, actions: Pick<Actions, "respondPermission">): HTMLElement {
  const { request } = approval;
  const buttons = request.options.map((option) => {
    const button = h(
      "button",
      {
        class: `button small ${option.kind === "allow_once" ? "primary" : option.kind.startsWith("reject") ? "danger" : ""}`,
        type: "button",
        "data-testid": "attention-option",
        "data-option-id": option.optionId,
        "data-kind": option.kind,
        onclick: async () => {
          for (const b of buttons) b.disabled = true;
          const ok = await actions.respondPermission(request.sessionId, request.requestId, option.optionId);
          if (!ok) for (const b of buttons) b.disabled = false;
        },
      },
      option.name,
    );
    return button;
  });
  return h(
    "div",
    { class: "attention-approval", "data-testid": "attention-approval", "data-request-id": request.requestId },
    h("div", { class: "attention-ask mono small" }, approvalSummary(request)),
    h("div", { class: "attention-options" }, ...buttons),
  );
}
