// Project folder paths: `~` expansion, real-path normalisation, and the projectId derived from the real path.
import { createHash } from "node:crypto";
import { realpath, stat } from "node:fs/promises";
import { homedir } from "node:os";
import { isAbsolute, resolve } from "node:path";
import { ServiceError } from "../core/index.js";

/** Expands a leading `~` or `~/` to `home` (default `os.homedir()`); other paths are returned unchanged. */
export function expandHome(path: string, home: string = homedir()): string {
  if (path === "~") return home;
  if (path.startsWith("~/")) return resolve(home, path.slice(2));
  return path;
}

/**
 * The normalised real path of a project folder: `~` expanded, made absolute against `cwd`, symlinks resolved with
 * `fs.realpath`.
 * @throws ServiceError `INVALID_PATH` naming the path when it does not exist or is not a directory.
 */
export async function resolveProjectPath(
  input: string,
  options: { home?: string; cwd?: string } = {},
): Promise<string> {
  const trimmed = input.trim();
  if (trimmed === "") throw new ServiceError("INVALID_PATH", "The project path is empty.");
  const expanded = expandHome(trimmed, options.home);
  const absolute = isAbsolute(expanded) ? expanded : resolve(options.cwd ?? process.cwd(), expanded);
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
  return real;
}

/** The stable projectId of a real path: `p-` and the first 12 hex digits of its SHA-256 (same folder, same id). */
export function projectIdForPath(realPath: string): string {
  return `p-${createHash("sha256").update(realPath).digest("hex").slice(0, 12)}`;
}
