// A workspace's changes against its base, untracked files included, read through a temporary index (the real index,
// which the agent or the user may be using, is never touched).

import { randomUUID } from "node:crypto";
import { copyFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { FileChange } from "../../shared/contracts/index.js";
import { ServiceError } from "../core/index.js";
import { mergeListings, parseNameStatus, parseNumstat } from "./diff-parse.js";
import { runGit } from "./git.js";

/** Where the changes are read: `root` a work tree's top level, `base` the commit they are counted from. */
export interface ChangeScope {
  root: string;
  base: string;
}

/** The changed files against `base` and how many of them differ from `HEAD` (not committed yet). */
export interface ChangeListing {
  files: FileChange[];
  uncommitted: number;
}

/**
 * Runs `read` with `GIT_INDEX_FILE` set to a copy of `root`'s index on which `git add -A` has staged the whole work
 * tree (untracked files included, ignored ones not): `git diff --cached <rev>` then compares the work tree as it is.
 * The copy keeps the real index's stat cache, so unchanged files are not read again; it is removed afterwards.
 */
export async function withWorkTreeIndex<T>(
  root: string,
  read: (env: Record<string, string>) => Promise<T>,
): Promise<T> {
  const indexPath = resolve(root, (await runGit(root, ["rev-parse", "--git-path", "index"])).stdout.trim());
  const temporary = join(tmpdir(), `liminal-index-${randomUUID()}`);
  try {
    await copyFile(indexPath, temporary).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error;
    });
    const env = { GIT_INDEX_FILE: temporary };
    await runGit(root, ["add", "-A", "--", "."], { env });
    return await read(env);
  } finally {
    await rm(temporary, { force: true });
    await rm(`${temporary}.lock`, { force: true });
  }
}

const DIFF = ["diff", "--cached", "-M", "-z", "--no-ext-diff", "--no-textconv"];

/**
 * The files changed in `scope.root`'s work tree against `scope.base` (`git diff --cached -M --name-status` and
 * `--numstat` over {@link withWorkTreeIndex}), in path order, and the count of files that differ from `head`.
 * @throws ServiceError `GIT_FAILED`, or the git error.
 */
export function listChanges(scope: ChangeScope, head: string): Promise<ChangeListing> {
  return withWorkTreeIndex(scope.root, async (env) => {
    const [files, sinceHead] = await Promise.all([
      changedFiles(scope, env),
      runGit(scope.root, [...DIFF, "--name-only", head, "--"], { env }),
    ]);
    const uncommitted = sinceHead.stdout.split("\0").filter((path) => path !== "").length;
    return { files, uncommitted };
  });
}

/**
 * The unified diff of one changed file (`git diff --cached -M <base> -- <path> [<oldPath>]` over
 * {@link withWorkTreeIndex}); only a `path` of the change list is read, so no path outside the work tree can be.
 * @throws ServiceError `FILE_NOT_CHANGED` when `path` is not among the changed files.
 */
export function fileDiff(scope: ChangeScope, path: string): Promise<string> {
  return withWorkTreeIndex(scope.root, async (env) => {
    const change = (await changedFiles(scope, env)).find((file) => file.path === path);
    if (!change) throw new ServiceError("FILE_NOT_CHANGED", `${path} has no changes in this session's workspace`);
    const paths = change.oldPath === undefined ? [change.path] : [change.oldPath, change.path];
    const args = ["diff", "--cached", "-M", "--no-ext-diff", "--no-textconv", "--no-color", scope.base, "--", ...paths];
    return (await runGit(scope.root, args, { env })).stdout;
  });
}

async function changedFiles(scope: ChangeScope, env: Record<string, string>): Promise<FileChange[]> {
  const [names, counts] = await Promise.all([
    runGit(scope.root, [...DIFF, "--name-status", scope.base, "--"], { env }),
    runGit(scope.root, [...DIFF, "--numstat", scope.base, "--"], { env }),
  ]);
  return mergeListings(parseNameStatus(names.stdout), parseNumstat(counts.stdout));
}
