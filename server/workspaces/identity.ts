// Who commits: the user's own git identity, else the app's, so a commit never fails for want of a name.
import { runGit } from "./git.js";

/** The identity a commit or merge commit gets when git has none configured (`user.name` / `user.email`). */
export const FALLBACK_IDENTITY = { name: "Liminal Builder", email: "liminal-builder@localhost" } as const;

/**
 * The `-c` options to put before a committing git command in `folder`: none when git can tell who commits
 * (`git var GIT_COMMITTER_IDENT` succeeds, i.e. `user.name` / `user.email` or their environment variables are
 * set), else `-c user.name=… -c user.email=…` of {@link FALLBACK_IDENTITY}.
 */
export async function identityArgs(folder: string): Promise<string[]> {
  const probe = await runGit(folder, ["var", "GIT_COMMITTER_IDENT"], { okCodes: [128] });
  if (probe.exitCode === 0) return [];
  return ["-c", `user.name=${FALLBACK_IDENTITY.name}`, "-c", `user.email=${FALLBACK_IDENTITY.email}`];
}
