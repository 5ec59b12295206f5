// Adding and removing a session's git worktree (`git worktree add -b`, `git worktree remove`, `git branch -D`).
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { ServiceError } from "../core/index.js";
import { checkBranchName } from "./branch-names.js";
import { asServiceError, GitCommandError, runGit } from "./git.js";
import { branchExists, resolveCommit } from "./repo.js";

/** A worktree the app made: its folder, branch, the branch it started from and that branch's commit then. */
export interface WorktreeInfo {
  root: string;
  branch: string;
  base: string;
  baseCommit: string;
}

/**
 * The folder of a worktree: `<worktreesDir>/<project>/<branch>` (a branch `lb/x` nests as `lb/x`). `project` is a
 * folder-safe name of the project (`projectFolderName`).
 */
export function worktreePath(worktreesDir: string, project: string, branch: string): string {
  return join(worktreesDir, project, ...branch.split("/"));
}

/** A folder name for a project: its name reduced to `[A-Za-z0-9._-]`, then `-` and the first 8 of its id. */
export function projectFolderName(name: string, projectId: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[-.]+|-+$/g, "") || "project";
  return `${safe.slice(0, 40)}-${projectId.replace(/[^A-Za-z0-9]/g, "").slice(0, 8)}`;
}

/**
 * Adds a worktree of the repository at `repoRoot` on a new branch: checks the name (`checkBranchName`), refuses a
 * branch or folder that exists, resolves `base`, then `git worktree add -b <branch> <path> <base>`.
 * @throws ServiceError `INVALID_REQUEST` (bad branch name, unknown base), `BRANCH_EXISTS`, `GIT_FAILED` (git's words).
 */
export async function addWorktree(input: {
  repoRoot: string;
  path: string;
  branch: string;
  base: string;
}): Promise<WorktreeInfo> {
  const { repoRoot, path, base } = input;
  const branch = await checkBranchName(repoRoot, input.branch);
  if (await branchExists(repoRoot, branch)) {
    throw new ServiceError("BRANCH_EXISTS", `A branch named ${branch} already exists: choose another name`);
  }
  if (existsSync(path)) {
    throw new ServiceError("BRANCH_EXISTS", `The worktree folder ${path} already exists: choose another branch name`);
  }
  const baseCommit = await resolveCommit(repoRoot, base);
  if (!baseCommit)
    throw new ServiceError("INVALID_REQUEST", `There is no branch or commit named ${base} to start from`);
  await mkdir(dirname(path), { recursive: true });
  try {
    await runGit(repoRoot, ["worktree", "add", "-b", branch, path, baseCommit]);
  } catch (error) {
    throw asServiceError(error);
  }
  return { root: path, branch, base, baseCommit };
}

/**
 * Removes the worktree at `root` and deletes its `branch`: `git worktree remove --force --force` (uncommitted and
 * untracked files go too, a lock is overridden), or `git worktree prune` when the folder is already gone; then
 * `git branch -D <branch>` (a branch already gone is fine).
 * @throws ServiceError `GIT_FAILED` with git's words.
 */
export async function removeWorktree(input: { repoRoot: string; root: string; branch: string }): Promise<void> {
  const { repoRoot, root, branch } = input;
  try {
    if (existsSync(root)) await runGit(repoRoot, ["worktree", "remove", "--force", "--force", root]);
    await runGit(repoRoot, ["worktree", "prune"]);
    if (await branchExists(repoRoot, branch)) await runGit(repoRoot, ["branch", "-D", branch]);
  } catch (error) {
    if (error instanceof GitCommandError || error instanceof ServiceError) throw asServiceError(error);
    throw error;
  }
}
