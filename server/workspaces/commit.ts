// Committing everything in a worktree (`git add -A` and `git commit`), with a fallback identity.
import { ServiceError } from "../core/index.js";
import { asServiceError, runGit } from "./git.js";
import { identityArgs } from "./identity.js";

/**
 * Stages every change of the work tree at `root` (`git add -A`, untracked files included, ignored ones not) and
 * commits it with `message` (the argument of `-m`, never through a shell), with the fallback identity when git has none
 * (`identityArgs`). The user's hooks run. Resolves with the new commit's full object name.
 * @throws ServiceError `NOTHING_TO_COMMIT` when nothing differs from `HEAD`; `GIT_FAILED` with git's words (a hook
 *   refused, …).
 */
export async function commitAll(root: string, message: string): Promise<string> {
  try {
    await runGit(root, ["add", "-A", "--", "."]);
    const staged = await runGit(root, ["diff", "--cached", "--quiet"], { okCodes: [1] });
    if (staged.exitCode === 0)
      throw new ServiceError("NOTHING_TO_COMMIT", "There is nothing to commit: no file changed");
    await runGit(root, [...(await identityArgs(root)), "commit", "--no-edit", "-m", message]);
    return (await runGit(root, ["rev-parse", "HEAD"])).stdout.trim();
  } catch (error) {
    throw asServiceError(error);
  }
}
