// Branch names of worktree sessions: the default `lb/<short slug>`, and the checks a name must pass.
import { randomBytes } from "node:crypto";
import { ServiceError } from "../core/index.js";
import { GitCommandError, runGit } from "./git.js";

/** The prefix of the branches the app names itself. */
export const BRANCH_PREFIX = "lb/";

const SLUG_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

/**
 * A new default branch name: `lb/<word>-<4 random characters>`, `word` a slug of `hint` (e.g. the CLI's name), at most
 * 20 characters of `[a-z0-9-]`. `random` gives the bytes (tests pass a fixed source).
 */
export function defaultBranchName(hint: string, random: (size: number) => Uint8Array = randomBytes): string {
  const word =
    hint
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 20)
      .replace(/-+$/, "") || "session";
  const bytes = random(4);
  const suffix = Array.from(bytes, (byte) => SLUG_ALPHABET[byte % SLUG_ALPHABET.length]).join("");
  return `${BRANCH_PREFIX}${word}-${suffix}`;
}

/**
 * Checks `name` as a new branch name: git's own rules (`git check-ref-format --branch`), and not starting with `-`
 * (it would read as an option). Resolves with the name as git normalises it.
 * @throws ServiceError `INVALID_REQUEST` naming the problem.
 */
export async function checkBranchName(folder: string, name: string): Promise<string> {
  if (name.startsWith("-")) throw new ServiceError("INVALID_REQUEST", `A branch name cannot start with "-": ${name}`);
  if (name === "HEAD" || name.startsWith("refs/")) {
    throw new ServiceError("INVALID_REQUEST", `"${name}" cannot be used as a branch name`);
  }
  try {
    return (await runGit(folder, ["check-ref-format", "--branch", name])).stdout.trim();
  } catch (error) {
    if (error instanceof GitCommandError) {
      throw new ServiceError("INVALID_REQUEST", `"${name}" is not a valid git branch name`, { cause: error });
    }
    throw error;
  }
}
