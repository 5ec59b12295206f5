// The Changes panel's worktree actions: Commit (with its message), Merge into the base (after a commit), Discard
// behind a confirmation naming what is lost; their results and errors. A folder session shows none of it.
import type { SessionSummary } from "../../shared/contracts/index.js";
import type { Actions } from "../app/actions.js";
import { type SessionChanges, worktreeMissing } from "../state/changes.js";
import { defaultCommitMessage, discardWarning, mergeBlockedHint } from "../state/changes-view.js";
import { h, replaceChildren } from "./dom.js";

const button = (testid: string, label: string, extra: Record<string, string> = {}) =>
  h("button", { class: "button small", type: "button", "data-testid": testid, ...extra }, label);

/**
 * The actions block, built once and updated in place (the message field keeps focus and what was typed). Test hooks:
 * `changes-commit-message`, `changes-commit`, `changes-merge`, `changes-merge-hint`, `changes-discard`,
 * `discard-confirm`, `discard-confirm-button`, `discard-cancel`, `changes-status`, `changes-error`
 * (`data-kind="action"`, with `changes-conflict-file` items for a merge conflict).
 */
export class ChangesActionsView {
  readonly el = h("div", { class: "changes-actions-block" });
  private readonly message = h("textarea", {
    class: "changes-commit-message",
    "data-testid": "changes-commit-message",
    rows: 2,
    "aria-label": "Commit message",
    spellcheck: true,
  });
  private readonly commit = button("changes-commit", "Commit", { class: "button small primary" });
  private readonly merge = button("changes-merge", "Merge");
  private readonly mergeHint = h("span", { class: "muted small", "data-testid": "changes-merge-hint" });
  private readonly discard = button("changes-discard", "Discard…", { class: "button small danger" });
  private readonly row = h("div", { class: "changes-actions" });
  private readonly missing = h("span", { class: "worktree-missing" }, "The worktree folder is gone.");
  private readonly confirmText = h("p", {});
  private readonly confirm = h(
    "div",
    { class: "discard-confirm", role: "alertdialog", "data-testid": "discard-confirm", hidden: true },
    this.confirmText,
  );
  private readonly status = h("div", { class: "changes-status", "data-testid": "changes-status", hidden: true });
  private readonly error = h("div", {
    class: "field-error",
    role: "alert",
    "data-testid": "changes-error",
    "data-kind": "action",
    hidden: true,
  });
  private sessionId: string | null = null;
  private rowMissing: boolean | null = null;

  constructor(actions: Actions) {
    const changes = actions.changes;
    const id = () => this.sessionId;
    this.message.addEventListener("input", () => {
      const sessionId = id();
      if (sessionId) changes.setCommitMessage(sessionId, this.message.value);
    });
    this.commit.addEventListener("click", () => {
      const sessionId = id();
      if (sessionId) void changes.commit(sessionId, this.message.value);
    });
    this.merge.addEventListener("click", () => {
      const sessionId = id();
      if (sessionId) void changes.merge(sessionId);
    });
    this.discard.addEventListener("click", () => {
      const sessionId = id();
      if (sessionId) changes.confirmDiscard(sessionId, true);
    });
    const confirmButton = button("discard-confirm-button", "Discard", { class: "button small danger" });
    confirmButton.addEventListener("click", () => {
      const sessionId = id();
      if (sessionId) void changes.discard(sessionId);
    });
    const keep = button("discard-cancel", "Keep");
    keep.addEventListener("click", () => {
      const sessionId = id();
      if (sessionId) changes.confirmDiscard(sessionId, false);
    });
    this.confirm.append(h("div", { class: "form-actions" }, confirmButton, keep));
    replaceChildren(this.el, this.row, this.confirm, this.status, this.error);
  }

  /** Shows the actions of `session` (hidden for a folder session) as `entry` says. */
  update(sessionId: string, session: SessionSummary | undefined, entry: SessionChanges): void {
    const switched = this.sessionId !== sessionId;
    this.sessionId = sessionId;
    const workspace = session?.workspace;
    this.el.hidden = workspace?.kind !== "worktree";
    if (workspace?.kind !== "worktree") return;
    const busy = entry.busy !== null;
    const missing = worktreeMissing(workspace.missing, entry);
    if (missing !== this.rowMissing) {
      // Rebuilt only when the kind of row changes: moving the message field would take its focus.
      this.rowMissing = missing;
      this.discard.textContent = missing ? "Discard the record…" : "Discard…";
      if (missing) replaceChildren(this.row, this.missing, this.discard);
      else replaceChildren(this.row, this.message, this.commit, this.merge, this.mergeHint, this.discard);
    }
    const wanted = entry.commitMessage ?? defaultCommitMessage(session);
    if ((switched || document.activeElement !== this.message) && this.message.value !== wanted)
      this.message.value = wanted;
    const nothingToCommit = entry.list !== null && entry.list.uncommitted === 0;
    this.commit.disabled = busy || nothingToCommit;
    this.commit.title = nothingToCommit ? "Nothing to commit: every change is committed" : "Commit every change";
    this.commit.textContent = entry.busy === "commit" ? "Committing…" : "Commit";
    const base = workspace.base ?? entry.list?.baseBranch ?? "base";
    const blocked = mergeBlockedHint(entry.list);
    this.merge.textContent = entry.busy === "merge" ? `Merging into ${base}…` : `Merge into ${base}`;
    this.merge.disabled = busy || blocked !== null;
    this.merge.title = blocked
      ? blocked === "Commit first"
        ? "Commit first: uncommitted changes would not be part of the merge"
        : blocked
      : `Merge ${workspace.branch ?? "the branch"} into ${base} in the project's checkout`;
    const hinted = blocked === "Commit first" || blocked === "Nothing to merge";
    this.mergeHint.textContent = hinted ? blocked : "";
    this.mergeHint.hidden = !hinted;
    this.discard.disabled = busy;
    this.confirm.hidden = !entry.confirmDiscard;
    this.confirmText.textContent = entry.confirmDiscard ? discardWarning({ ...workspace, missing }, entry.list) : "";
    this.status.hidden = !entry.status;
    this.status.textContent = entry.status ?? "";
    const failure = entry.actionError;
    this.error.hidden = !failure;
    replaceChildren(
      this.error,
      failure?.text ?? "",
      failure && failure.files.length > 0
        ? h(
            "ul",
            { class: "conflict-files" },
            failure.files.map((file) => h("li", { "data-testid": "changes-conflict-file" }, file)),
          )
        : null,
    );
  }
}
