// What the Changes view derives from a session: its summary line, when to refresh, and what Discard loses.
import type { ChangeSummary, ChangesResponse, UpsertObject, Workspace } from "../../shared/contracts/index.js";
import { isTerminalStatus } from "../../shared/contracts/index.js";
import type { SessionItems } from "./items.js";

/** Tool kinds (ACP `ToolKind`) that never change files: their end does not refresh the Changes view. */
const READ_ONLY_KINDS = new Set(["read", "search", "think", "fetch"]);
/** A diff longer than this many lines is collapsed until the user asks for it. */
export const COLLAPSED_DIFF_LINES = 1500;

/** `3 files +12 −4` (`1 file`, `no changes`) for a change summary. */
export function changeSummaryText(changes: ChangeSummary | undefined): string {
  if (!changes) return "";
  if (changes.files === 0) return "no changes";
  return `${changes.files} ${changes.files === 1 ? "file" : "files"} +${changes.additions} −${changes.deletions}`;
}

/** The branch label of a worktree workspace (`⎇ lb/x`), or "" for a folder one. */
export function branchText(workspace: Workspace | undefined): string {
  return workspace?.kind === "worktree" && workspace.branch ? `⎇ ${workspace.branch}` : "";
}

/**
 * A fingerprint of what may have changed files in a session: the number of its tool calls that ended (kinds other
 * than read/search/think/fetch) and of its turns that ended. The Changes view refreshes when it moves.
 */
export function writeFingerprint(items: SessionItems | undefined): string {
  if (!items) return "";
  let tools = 0;
  for (const item of items.items.values()) if (mayWrite(item)) tools++;
  let turns = 0;
  for (const turn of items.turns.values()) if (turn.status !== "running") turns++;
  return `${tools}:${turns}`;
}

function mayWrite(item: UpsertObject): boolean {
  return item.type === "tool_call" && isTerminalStatus(item.status) && !READ_ONLY_KINDS.has(item.kind ?? "");
}

/** True when a diff of `diff`'s size is shown collapsed (over {@link COLLAPSED_DIFF_LINES} lines). */
export function diffIsHuge(diff: string): boolean {
  let lines = 0;
  for (let i = diff.indexOf("\n"); i >= 0; i = diff.indexOf("\n", i + 1))
    if (++lines > COLLAPSED_DIFF_LINES) return true;
  return false;
}

/** The confirmation text of Discard: the branch, the folder, the uncommitted files and the unmerged commits lost. */
export function discardWarning(workspace: Workspace, changes: ChangesResponse | undefined): string {
  const uncommitted = changes?.uncommitted ?? 0;
  return [
    `Discard deletes the worktree folder ${workspace.path} and the branch ${workspace.branch ?? ""}.`,
    uncommitted > 0
      ? `${uncommitted} uncommitted ${uncommitted === 1 ? "file is" : "files are"} lost.`
      : "It has no uncommitted files.",
    `Commits not merged into ${workspace.base ?? "the base"} are lost too. The conversation stays, archived.`,
  ].join(" ");
}
