// Persists the discovery index (per-file metadata) as JSON, written atomically; a damaged file is ignored.
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { type IndexEntry, IndexEntrySchema } from "../../providers/index.js";
import { IndexFileSchema } from "./types.js";

/**
 * Loads the entries of `indexFile` (`{ version: 1, entries }`). A missing, unreadable or malformed file yields no
 * entries, and single malformed entries are dropped: the index is a cache and is rebuilt from the files.
 */
export async function loadIndexFile(indexFile: string): Promise<IndexEntry[]> {
  let text: string;
  try {
    text = await readFile(indexFile, "utf8");
  } catch {
    return [];
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  const file = IndexFileSchema.safeParse(parsed);
  if (!file.success) return [];
  return file.data.entries.flatMap((raw) => {
    const entry = IndexEntrySchema.safeParse(raw);
    return entry.success ? [entry.data] : [];
  });
}

/**
 * Writes `entries` to `indexFile` atomically: a temp file in the same folder, then `rename` over the old one, so a
 * crash mid-write leaves the previous index intact. Creates the folder (0700) when missing; the file is 0600, private
 * to the user, since it holds users' first messages (as titles) and project paths.
 */
export async function saveIndexFile(indexFile: string, entries: Iterable<IndexEntry>): Promise<void> {
  await mkdir(path.dirname(indexFile), { recursive: true, mode: 0o700 });
  const temp = `${indexFile}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    await writeFile(temp, JSON.stringify({ version: 1, entries: [...entries] }), { mode: 0o600 });
    await rename(temp, indexFile);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
