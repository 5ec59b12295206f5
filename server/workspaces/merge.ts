// Merging a worktree's branch into its base branch in the project's main checkout, refusing anything that could lose
// work: a dirty checkout, one on another branch, uncommitted worktree changes; a conflict is aborted and named.
import { ServiceError } from "../core/index.js";
import { asServiceError, GitCommandError, runGit } from "./git.js";
import { identityArgs } from "./identity.js";

/** A merge to make: `branch` (the worktree's, checked out at `worktreeRoot`) into `base` in the checkout `checkout`. */
export interface MergeRequest {
  checkout: string;
  worktreeRoot: string;
  branch: string;
  base: string;
}

/**
 * Merges `branch` into `base` in `checkout` (`git merge --no-edit <branch>`: a fast-forward when possible, else a
 * merge commit). Resolves with the checkout's new `HEAD` and whether it was a fast-forward.
 * @throws ServiceError `UNCOMMITTED_CHANGES` (the worktree has changes not committed: they would not be merged),
 *   `CHECKOUT_ON_OTHER_BRANCH`, `DIRTY_CHECKOUT` (tracked files of the checkout differ from its `HEAD`),
 *   `NOTHING_TO_MERGE`, `MERGE_CONFLICT` with `details.files` (the merge was aborted: nothing changed),
 *   `GIT_FAILED` (e.g. an untracked file of the checkout would be overwritten; git changed nothing).
 */
export async function mergeBranch(request: MergeRequest): Promise<{ commit: string; fastForward: boolean }> {
  const { checkout, worktreeRoot, branch, base } = request;
  try {
    const pending = await runGit(worktreeRoot, ["status", "--porcelain", "-z"]);
    if (pending.stdout !== "") {
      throw new ServiceError(
        "UNCOMMITTED_CHANGES",
        `The worktree of ${branch} has uncommitted changes: commit them first, so they are part of the merge`,
      );
    }
    const current = await runGit(checkout, ["symbolic-ref", "--short", "-q", "HEAD"], { okCodes: [1] });
    const onBranch = current.exitCode === 0 ? current.stdout.trim() : undefined;
    if (onBranch !== base) {
      throw new ServiceError(
        "CHECKOUT_ON_OTHER_BRANCH",
        `The project's checkout ${checkout} is on ${onBranch ?? "a detached HEAD"}, not ${base}: switch it to ${base} to merge`,
      );
    }
    const dirty = await runGit(checkout, ["status", "--porcelain", "-z", "--untracked-files=no"]);
    if (dirty.stdout !== "") {
      const files = dirty.stdout
        .split("\0")
        .filter((entry) => entry.length > 3)
        .map((entry) => entry.slice(3));
      throw new ServiceError(
        "DIRTY_CHECKOUT",
        `The project's checkout has uncommitted changes (${files.slice(0, 5).join(", ")}${files.length > 5 ? ", …" : ""}): commit or stash them, then merge`,
      );
    }
    const ahead = await runGit(checkout, ["rev-list", "--count", `HEAD..${branch}`]);
    if (Number(ahead.stdout.trim()) === 0) {
      throw new ServiceError("NOTHING_TO_MERGE", `${base} already has every commit of ${branch}: nothing to merge`);
    }
    const ancestor = await runGit(checkout, ["merge-base", "--is-ancestor", "HEAD", branch], { okCodes: [1] });
    const fastForward = ancestor.exitCode === 0;
    await merge(checkout, branch);
    const commit = (await runGit(checkout, ["rev-parse", "HEAD"])).stdout.trim();
    return { commit, fastForward };
  } catch (error) {
    throw asServiceError(error);
  }
}

async function merge(checkout: string, branch: string): Promise<void> {
  try {
    await runGit(checkout, [...(await identityArgs(checkout)), "merge", "--no-edit", branch]);
  } catch (error) {
    if (!(error instanceof GitCommandError)) throw error;
    const unmerged = await runGit(checkout, ["diff", "--name-only", "--diff-filter=U", "-z"]);
    const files = unmerged.stdout.split("\0").filter((path) => path !== "");
    const merging = await runGit(checkout, ["rev-parse", "-q", "--verify", "MERGE_HEAD"], { okCodes: [1] });
    if (merging.exitCode === 0) await runGit(checkout, ["merge", "--abort"]);
    if (files.length === 0) throw error;
    throw new ServiceError(
      "MERGE_CONFLICT",
      `Merging ${branch} conflicts in ${files.join(", ")}: the merge was undone and nothing changed. Ask the agent to rebase its branch onto the base and resolve them.`,
      { details: { files } },
    );
  }
}
