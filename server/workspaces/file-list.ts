// Lists the files of a session's folder the way its user sees the project: what .gitignore hides is left out.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fdir } from "fdir";
import ignore, { type Ignore } from "ignore";
import { GitCommandError, runGit } from "./git.js";

/** Most files one folder's listing holds; a folder with more is cut there (`truncated`). */
export const MAX_LISTED_FILES = 200_000;

/** A folder's files: paths relative to the folder, `/`-separated, each once, in no particular order. */
export interface FileListing {
  files: string[];
  /** How the listing was made: git's own rules in a work tree, else a walk that reads `.gitignore` files. */
  source: "git" | "walk";
  /** True when the folder had more than {@link MAX_LISTED_FILES} files. */
  truncated: boolean;
}

/** Folders never listed by the walk outside git (a repository's internals, dependency trees). */
const ALWAYS_SKIPPED = new Set([".git", ".hg", ".svn", "node_modules"]);

/**
 * The files of `folder`. Inside a git work tree: `git ls-files -z --cached --others --exclude-standard` run in the
 * folder (tracked files plus untracked ones git does not ignore: nested `.gitignore`s, `.git/info/exclude` and the
 * global excludes file, exactly as `git status` sees them; paths relative to the folder). Outside git: a walk (fdir)
 * that applies the `.gitignore` files it meets (the `ignore` package, gitignore(5) semantics) and skips `.git` and
 * `node_modules`. Symbolic links are listed, never followed.
 * @throws ServiceError `GIT_FAILED` when git fails in a work tree; an fs error when the folder cannot be read.
 */
export async function listFolderFiles(folder: string): Promise<FileListing> {
  if (await insideWorkTree(folder)) return listWithGit(folder);
  return listByWalking(folder);
}

async function insideWorkTree(folder: string): Promise<boolean> {
  try {
    const { stdout } = await runGit(folder, ["rev-parse", "--is-inside-work-tree"], { timeoutMs: 10_000 });
    return stdout.trim() === "true";
  } catch (error) {
    if (error instanceof GitCommandError) return false; // not a repository (exit 128)
    return false; // no git on this machine: walk
  }
}

async function listWithGit(folder: string): Promise<FileListing> {
  const { stdout } = await runGit(folder, ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    maxBuffer: 256 * 1024 * 1024,
    timeoutMs: 60_000,
  });
  const unique = new Set<string>();
  let truncated = false;
  for (const entry of stdout.split("\0")) {
    if (entry === "") continue;
    if (unique.size >= MAX_LISTED_FILES) {
      truncated = true;
      break;
    }
    unique.add(entry); // an unmerged file is printed once per stage
  }
  return { files: [...unique], source: "git", truncated };
}

async function listByWalking(folder: string): Promise<FileListing> {
  const rules = new Map<string, Ignore>();
  const rulesFor = async (dir: string) => {
    const relative = toPosix(path.relative(folder, dir));
    if (rules.has(relative)) return;
    try {
      rules.set(relative, ignore().add(await readFile(path.join(dir, ".gitignore"), "utf8")));
    } catch {
      rules.set(relative, ignore());
    }
  };
  // Reads each folder's .gitignore before its contents are filtered: fdir walks breadth-first per folder, and its
  // exclude callback is synchronous, so the rules are loaded in a first pass over the folders.
  const folders = await new fdir()
    .withRelativePaths()
    .onlyDirs()
    .exclude((name) => ALWAYS_SKIPPED.has(name))
    .crawl(folder)
    .withPromise();
  await Promise.all(folders.map((dir) => rulesFor(path.join(folder, dir))));
  /**
   * gitignore(5): each folder's rules apply to the paths below it, relative to that folder (`/` marks a folder), and
   * a deeper file's rules take precedence over a shallower one's (`!keep.log` below re-includes what `*.log` above
   * excluded): the deepest folder whose rules decide (ignore or re-include) wins.
   */
  const ignored = (relative: string, isDir: boolean): boolean => {
    const parts = relative.split("/");
    for (let depth = parts.length - 1; depth >= 0; depth -= 1) {
      const rest = parts.slice(depth).join("/") + (isDir ? "/" : "");
      const verdict = rules.get(parts.slice(0, depth).join("/"))?.test(rest);
      if (verdict?.ignored) return true;
      if (verdict?.unignored) return false;
    }
    return false;
  };
  const files = await new fdir()
    .withRelativePaths()
    .exclude((name, dirPath) => {
      if (ALWAYS_SKIPPED.has(name)) return true;
      const relative = toPosix(path.relative(folder, dirPath)); // fdir: `dirPath` is the folder itself
      return relative !== "" && ignored(relative, true);
    })
    .filter((file) => !ignored(toPosix(file), false))
    .withMaxFiles(MAX_LISTED_FILES + 1)
    .crawl(folder)
    .withPromise();
  const truncated = files.length > MAX_LISTED_FILES;
  return { files: files.slice(0, MAX_LISTED_FILES).map(toPosix), source: "walk", truncated };
}

function toPosix(relative: string): string {
  return path.sep === "/" ? relative : relative.split(path.sep).join("/");
}
