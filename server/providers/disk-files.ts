// Small file-system reads the providers' disk facets share: a folder's entries and "is this a file".
import type { Dirent } from "node:fs";
import { readdir, stat } from "node:fs/promises";

/** The entries of `dir` with their types; an empty list when it is missing or unreadable. */
export async function listDir(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** True when `file` exists and is a regular file (symlinks followed). */
export async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
