// Parses git's machine-readable diff listings (`--name-status -z`, `--numstat -z`) into the changed-file list.
import type { FileChange, FileChangeStatus } from "../../shared/contracts/index.js";

/** One entry of `git diff --name-status -z`: its status letter's meaning, path, and old path of a rename or copy. */
export interface NameStatusEntry {
  status: FileChangeStatus;
  path: string;
  oldPath?: string;
}

/**
 * Parses `git diff --name-status -z` output: `<status>\0<path>\0`, or `<R|C><score>\0<old>\0<new>\0` for a rename or
 * copy. `A` → added, `D` → deleted, `R` → renamed, `C` → copied; `M`, `T` (type change), `U` (unmerged) and `X` →
 * modified. @throws Error on output that does not follow this shape.
 */
export function parseNameStatus(output: string): NameStatusEntry[] {
  const fields = output.split("\0");
  if (fields.at(-1) === "") fields.pop();
  const entries: NameStatusEntry[] = [];
  for (let i = 0; i < fields.length; ) {
    const code = fields[i++] ?? "";
    const letter = code[0];
    if (letter === "R" || letter === "C") {
      const oldPath = fields[i++];
      const path = fields[i++];
      if (oldPath === undefined || path === undefined) throw new Error(`Truncated --name-status entry "${code}"`);
      entries.push({ status: letter === "R" ? "renamed" : "copied", path, oldPath });
      continue;
    }
    const path = fields[i++];
    if (path === undefined || !letter) throw new Error(`Truncated --name-status entry "${code}"`);
    entries.push({ status: letter === "A" ? "added" : letter === "D" ? "deleted" : "modified", path });
  }
  return entries;
}

/** Lines added and removed for one path (`binary` when git printed `-` for both). */
export interface LineCounts {
  additions: number;
  deletions: number;
  binary: boolean;
}

/**
 * Parses `git diff --numstat -z` output into counts by (new) path: `<added>\t<deleted>\t<path>\0`, or for a rename
 * or copy `<added>\t<deleted>\t\0<old>\0<new>\0`; a binary file has `-` for both counts.
 */
export function parseNumstat(output: string): Map<string, LineCounts> {
  const fields = output.split("\0");
  const counts = new Map<string, LineCounts>();
  for (let i = 0; i < fields.length; ) {
    const head = fields[i++] ?? "";
    if (head === "") continue;
    const firstTab = head.indexOf("\t");
    const secondTab = head.indexOf("\t", firstTab + 1);
    if (firstTab < 0 || secondTab < 0) throw new Error(`Malformed --numstat entry "${head}"`);
    const added = head.slice(0, firstTab);
    const deleted = head.slice(firstTab + 1, secondTab);
    let path = head.slice(secondTab + 1);
    if (path === "") {
      i++; // the old path of a rename or copy
      path = fields[i++] ?? "";
    }
    const binary = added === "-" && deleted === "-";
    counts.set(path, {
      additions: binary ? 0 : Number(added),
      deletions: binary ? 0 : Number(deleted),
      binary,
    });
  }
  return counts;
}

/** The changed files: `--name-status` entries with their `--numstat` counts, in path order. */
export function mergeListings(entries: NameStatusEntry[], counts: Map<string, LineCounts>): FileChange[] {
  return entries
    .map((entry) => {
      const count = counts.get(entry.path) ?? { additions: 0, deletions: 0, binary: false };
      return {
        path: entry.path,
        ...(entry.oldPath === undefined ? {} : { oldPath: entry.oldPath }),
        status: entry.status,
        additions: count.additions,
        deletions: count.deletions,
        binary: count.binary,
      };
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
