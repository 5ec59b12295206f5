// The path forms of a project folder a CLI may have recorded, and the file checks discovery makes itself.
import { realpath, stat } from "node:fs/promises";
import path from "node:path";

/** The forms of `projectPath` a CLI may have recorded as its cwd: as given (resolved) and its real path. */
export async function projectPathForms(projectPath: string): Promise<Set<string>> {
  const resolved = path.resolve(projectPath);
  const forms = new Set([resolved]);
  try {
    forms.add(await realpath(resolved));
  } catch {
    // the folder may be gone; its sessions are still listed by the recorded path
  }
  return forms;
}

/** True for an id that is safe to put in a file name (no separators, not `.` or `..`). */
export function isSafeId(id: string): boolean {
  return id !== "" && id !== "." && id !== ".." && !/[/\\\0]/.test(id);
}

/** True when `file` exists and is a regular file. */
export async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
