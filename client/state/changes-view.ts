// What the Changes panel, the sidebar row and the session header say: the summary line, the branch, a file's status,
// action results, errors (a merge conflict names its files), what Discard loses, and when a diff is collapsed.
import type {
  ChangeSummary,
  ChangesResponse,
  FileChangeStatus,
  MergeResponse,
  SessionSummary,
  Workspace,
} from "../../shared/contracts/index.js";
import type { ActionError } from "./changes.js";
import { describeError } from "./error-text.js";

/** A diff longer than this many lines is collapsed behind a "Show diff (N lines)" button. */
export const COLLAPSED_DIFF_LINES = 1500;

/** `3 files +12 −4` (`1 file`, `no changes`) for a change summary; "" when there is none yet. */
export function changeSummaryText(changes: ChangeSummary | undefined): string {
  if (!changes) return "";
  if (changes.files === 0) return "no changes";
  return `${changes.files} ${changes.files === 1 ? "file" : "files"} +${changes.additions} −${changes.deletions}`;
}

/** The branch label of a worktree workspace (`⎇ lb/x`), or "" for a folder one. */
export function branchText(workspace: Workspace | undefined): string {
  return workspace?.kind === "worktree" && workspace.branch ? `⎇ ${workspace.branch}` : "";
}

/** What the header and the sidebar row show after the branch: the summary, or "worktree missing". */
export function workspaceStateText(workspace: Workspace | undefined): string {
  if (workspace?.kind !== "worktree") return "";
  return workspace.missing ? "worktree missing" : changeSummaryText(workspace.changes);
}

/** The one-letter status of a changed file (`A`, `M`, `D`, `R`, `C`). */
export function statusLetter(status: FileChangeStatus): string {
  return { added: "A", modified: "M", deleted: "D", renamed: "R", copied: "C" }[status];
}

/** Totals of a change list: `2 files +12 −4` (binary files count as files, not lines). */
export function listTotalsText(list: ChangesResponse): string {
  let additions = 0;
  let deletions = 0;
  for (const file of list.files) {
    additions += file.additions;
    deletions += file.deletions;
  }
  return changeSummaryText({ files: list.files.length, additions, deletions });
}

/** Lines in a diff's text (a final newline ends the last line, it does not start another). */
export function diffLineCount(diff: string): number {
  if (diff === "") return 0;
  let lines = 1;
  for (let i = diff.indexOf("\n"); i >= 0; i = diff.indexOf("\n", i + 1)) lines++;
  return diff.endsWith("\n") ? lines - 1 : lines;
}

/** True when a diff is shown collapsed until asked for (over {@link COLLAPSED_DIFF_LINES} lines). */
export function diffIsHuge(diff: string): boolean {
  return diffLineCount(diff) > COLLAPSED_DIFF_LINES;
}

/** The label of a collapsed diff's button: `Show diff (5,000 lines)`. */
export function showDiffLabel(diff: string): string {
  return `Show diff (${diffLineCount(diff).toLocaleString("en-US")} lines)`;
}

/** The commit message offered before the user types one: the session's title, unless it is still a placeholder. */
export function defaultCommitMessage(session: SessionSummary | undefined): string {
  const title = session?.title.trim() ?? "";
  return title && !/^new\b.*\bsession$/i.test(title) ? title : "Changes from the agent";
}

/** `Committed abc1234`. */
export function committedText(commit: string): string {
  return `Committed ${commit.slice(0, 7)}`;
}

/** `Merged into main (fast-forward)` or `Merged into main (merge commit abc1234)`. */
export function mergedText(base: string, merge: MergeResponse): string {
  return `Merged into ${base} (${merge.fastForward ? "fast-forward" : `merge commit ${merge.commit.slice(0, 7)}`})`;
}

/**
 * Why Merge is disabled, or `null` when it is not: the worktree has uncommitted files ("Commit first"), its branch
 * differs in nothing from the base ("Nothing to merge"), or its list is not read yet.
 */
export function mergeBlockedHint(list: ChangesResponse | null): string | null {
  if (!list) return "Reading the changes…";
  if (list.uncommitted > 0) return "Commit first";
  return list.files.length === 0 ? "Nothing to merge" : null;
}

/**
 * A failed action in words. A merge conflict lists its files and says what to do: the merge was undone, nothing is
 * lost, and the agent can rebase its branch in its worktree.
 */
export function actionErrorOf(error: unknown, base: string | undefined): ActionError {
  const { code, message, files } = error as { code?: unknown; message?: unknown; files?: unknown };
  const codeText = typeof code === "string" ? code : "INTERNAL_ERROR";
  const conflicted = Array.isArray(files) ? files.filter((f): f is string => typeof f === "string") : [];
  if (codeText === "MERGE_CONFLICT") {
    return {
      text:
        `The merge conflicts in ${conflicted.length === 1 ? "1 file" : `${conflicted.length} files`}; it was undone ` +
        `and nothing is lost. Ask the agent to rebase its branch onto ${base ?? "the base"} in its worktree and ` +
        "resolve the conflicts, then merge again.",
      files: conflicted,
    };
  }
  return { text: describeError(codeText, typeof message === "string" ? message : ""), files: [] };
}

/**
 * The Discard confirmation: it names the worktree folder and the branch that are deleted, how many uncommitted files
 * are lost, and that commits not merged into the base are lost too.
 */
export function discardWarning(workspace: Workspace, list: ChangesResponse | null): string {
  const branch = workspace.branch ?? "";
  const base = workspace.base ?? "the base";
  if (workspace.missing) {
    return (
      `The worktree folder ${workspace.path} is already gone. Discard deletes the branch ${branch}: ` +
      `its commits not merged into ${base} are lost. The conversation stays, archived.`
    );
  }
  const uncommitted = list?.uncommitted;
  const lostFiles =
    uncommitted === undefined
      ? "Every uncommitted change in it is lost."
      : uncommitted === 0
        ? "It has no uncommitted files."
        : `${uncommitted} uncommitted ${uncommitted === 1 ? "file is" : "files are"} lost.`;
  return [
    `Discard deletes the worktree folder ${workspace.path} and the branch ${branch}.`,
    lostFiles,
    `Commits not merged into ${base} are lost too. The conversation stays, archived.`,
  ].join(" ");
}
