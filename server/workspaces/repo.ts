// Facts about a folder's git repository: whether it is one, its top level, current branch, local branches.
import { existsSync } from "node:fs";
import { ServiceError } from "../core/index.js";
import { GitCommandError, runGit } from "./git.js";

/** A folder inside a git work tree. `topLevel`: the work tree's root; `currentBranch` absent on a detached `HEAD`. */
export interface RepoInfo {
  topLevel: string;
  currentBranch: string | undefined;
  branches: string[];
}

/**
 * What `folder` is: a git work tree ({@link RepoInfo}), or why not (`reason`: not a repository, git missing, the
 * folder gone). Reads `git rev-parse --show-toplevel`, `git symbolic-ref --short -q HEAD` and
 * `git for-each-ref refs/heads`.
 */
export async function inspectRepo(folder: string): Promise<RepoInfo | { reason: string }> {
  if (!existsSync(folder)) return { reason: `The folder ${folder} does not exist` };
  let topLevel: string;
  try {
    topLevel = (await runGit(folder, ["rev-parse", "--show-toplevel"])).stdout.trim();
  } catch (error) {
    if (error instanceof GitCommandError) return { reason: "This folder is not a git repository" };
    if (error instanceof ServiceError) return { reason: error.message };
    throw error;
  }
  if (!topLevel) return { reason: "This folder is inside a git directory, not a work tree" };
  const [branch, refs] = await Promise.all([
    runGit(folder, ["symbolic-ref", "--short", "-q", "HEAD"], { okCodes: [1] }),
    runGit(folder, ["for-each-ref", "--format=%(refname:short)", "refs/heads"]),
  ]);
  const currentBranch = branch.exitCode === 0 ? branch.stdout.trim() || undefined : undefined;
  const branches = refs.stdout.split("\n").filter((name) => name !== "");
  return { topLevel, currentBranch, branches };
}

/**
 * The repository of `folder`, or ServiceError `NOT_A_GIT_REPO` saying why it is none (`GIT_FAILED` when git itself
 * failed).
 */
export async function requireRepo(folder: string): Promise<RepoInfo> {
  const info = await inspectRepo(folder);
  if ("reason" in info) throw new ServiceError("NOT_A_GIT_REPO", `${info.reason}: ${folder}`);
  return info;
}

/** True when local branch `branch` exists (`git show-ref --verify --quiet refs/heads/<branch>`). */
export async function branchExists(folder: string, branch: string): Promise<boolean> {
  const result = await runGit(folder, ["show-ref", "--verify", "--quiet", `refs/heads/${branch}`], { okCodes: [1] });
  return result.exitCode === 0;
}

/** The full object name `rev` resolves to as a commit, or undefined (`git rev-parse --verify -q <rev>^{commit}`). */
export async function resolveCommit(folder: string, rev: string): Promise<string | undefined> {
  const result = await runGit(folder, ["rev-parse", "--verify", "-q", `${rev}^{commit}`], { okCodes: [1] });
  return result.exitCode === 0 ? result.stdout.trim() : undefined;
}

/** The object name of the empty tree in this repository's hash (what an unborn `HEAD` is compared against). */
export async function emptyTree(folder: string): Promise<string> {
  return (await runGit(folder, ["hash-object", "-t", "tree", "/dev/null"])).stdout.trim();
}
