// Project folder paths: `~` expansion, real-path normalisation, and the projectId derived from the real path.
import { createHash } from "node:crypto";
import { realpath, stat } from "node:fs/promises";
import { homedir } from "node:os";
import { isAbsolute, parse, relative, resolve } from "node:path";
import { ServiceError } from "../core/index.js";

/** Expands a leading `~` or `~/` to `home` (default `os.homedir()`); other paths are returned unchanged. */
export function expandHome(path: string, home: string = homedir()): string {
  if (path === "~") return home;
  if (path.startsWith("~/")) return resolve(home, path.slice(2));
  return path;
}

/** A folder that may not be a project, nor hold one: the app's data folder, a CLI's config folder. */
export interface RefusedFolder {
  /** Absolute path (compared by real path when it exists). */
  path: string;
  /** Words for the user: what the folder is, e.g. "the app's data folder (it holds the access token)". */
  what: string;
}

/**
 * The normalised real path of a project folder: `~` expanded, a relative path made absolute against the home folder
 * (never the server's working folder), symlinks resolved with `fs.realpath`.
 * @throws ServiceError `INVALID_PATH` naming the path when it does not exist, is not a directory, is the file-system
 *   root, or is (or lies inside) one of `refused`, saying why.
 */
export async function resolveProjectPath(
  input: string,
  options: { home?: string; refused?: readonly RefusedFolder[] } = {},
): Promise<string> {
  const trimmed = input.trim();
  if (trimmed === "") throw new ServiceError("INVALID_PATH", "The project path is empty.");
  const home = options.home ?? homedir();
  const expanded = expandHome(trimmed, home);
  const absolute = isAbsolute(expanded) ? expanded : resolve(home, expanded);
  let real: string;
  try {
    real = await realpath(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "No such folder" : code === "EACCES" ? "Permission denied for" : "Cannot open";
    throw new ServiceError("INVALID_PATH", `${why}: ${absolute}`, { cause: error });
  }
  const info = await stat(real);
  if (!info.isDirectory()) throw new ServiceError("INVALID_PATH", `Not a folder: ${absolute}`);
  if (parse(real).root === real) {
    throw new ServiceError("INVALID_PATH", `${real} is the root of the file system: add a project's own folder.`);
  }
  for (const folder of options.refused ?? []) {
    const refused = await realpath(folder.path).catch(() => resolve(folder.path));
    const inside = relative(refused, real);
    if (inside === "" || (!inside.startsWith("..") && !isAbsolute(inside))) {
      throw new ServiceError(
        "INVALID_PATH",
        `${real} is ${inside === "" ? "" : "inside "}${folder.what}: it cannot be a project.`,
      );
    }
  }
  return real;
}

/** The stable projectId of a real path: `p-` and the first 12 hex digits of its SHA-256 (same folder, same id). */
export function projectIdForPath(realPath: string): string {
  return `p-${createHash("sha256").update(realPath).digest("hex").slice(0, 12)}`;
}
