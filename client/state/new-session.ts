// The new-session form's rules: a fresh form, what the project's git facts offer ("Where": a worktree only in a git
// repository, its branch prefilled, its base the current branch), and the `workspace` a submit asks for.
import type { ProjectGitResponse, WorkspaceRequest } from "../../shared/contracts/index.js";
import type { NewSessionForm } from "./app-state.js";

/** What the form offers while the project's git facts could not be asked for (e.g. the connection dropped). */
const GIT_UNKNOWN: ProjectGitResponse = {
  git: false,
  reason: "Could not ask the server whether this is a git repository",
  branches: [],
};

/** A fresh form for `projectId`; the CLI and mode chosen last time are kept, the workspace starts as the folder. */
export function freshNewSessionForm(projectId: string, previous: NewSessionForm | null): NewSessionForm {
  return {
    projectId,
    cliType: previous?.cliType ?? "claude-code",
    permissionMode: previous?.permissionMode ?? "default",
    where: "folder",
    branch: "",
    base: "",
    git: null,
    model: "",
    effort: "",
    models: null,
    busy: false,
    error: null,
  };
}

/**
 * The form once the project's git facts arrived (`null`: they could not be asked for). Outside git the worktree
 * choice is unavailable (and a chosen one falls back to the folder); in git the branch is prefilled with the
 * suggested name and the base is the checkout's current branch, unless the user already set them.
 */
export function withProjectGit(form: NewSessionForm, git: ProjectGitResponse | null): NewSessionForm {
  const facts = git ?? GIT_UNKNOWN;
  if (!facts.git) return { ...form, git: facts, where: "folder" };
  return {
    ...form,
    git: facts,
    branch: form.branch || facts.suggestedBranch || "",
    base: form.base || facts.currentBranch || facts.branches[0] || "",
  };
}

/** True when the form may offer "New worktree": the project is a git repository. */
export function worktreeAvailable(form: NewSessionForm): boolean {
  return form.git?.git === true;
}

/** Why "New worktree" is unavailable, in words, or `null` (available, or still asking). */
export function worktreeUnavailableReason(form: NewSessionForm): string | null {
  if (!form.git || form.git.git) return null;
  return form.git.reason || "This folder is not a git repository";
}

/** The `model` / `effort` of `session:create`: only those chosen (the CLI's default otherwise). */
export function modelRequest(form: NewSessionForm): { model?: string; effort?: string } {
  return { ...(form.model ? { model: form.model } : {}), ...(form.effort ? { effort: form.effort } : {}) };
}

/** The `workspace` of `session:create`: the folder, or a worktree on the typed branch from the chosen base. */
export function workspaceRequest(form: NewSessionForm): WorkspaceRequest {
  if (form.where !== "worktree") return { kind: "folder" };
  const branch = form.branch.trim();
  return { kind: "worktree", ...(branch ? { branch } : {}), ...(form.base ? { base: form.base } : {}) };
}
