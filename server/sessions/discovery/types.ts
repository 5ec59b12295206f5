// Shapes of session discovery: what list() returns, the metadata reader seam, and the rules read off an index entry.
import { z } from "zod";
import type { CliType } from "../../../shared/contracts/index.js";
import type { DiskSessions, FileStamp, IndexEntry } from "../../providers/index.js";

/** One CLI session found on disk (e.g. a Claude transcript or a Codex rollout). Times are ISO 8601 UTC. */
export interface DiscoveredSession {
  cliType: CliType;
  /** The CLI's resume id (e.g. Claude transcript UUID / `session_meta.payload.id`). */
  providerSessionId: string;
  /** The folder the CLI ran in, as recorded in the file. */
  cwd: string;
  /** The CLI's own title (e.g. `/rename`, AI title, summary), else the first user message's first line (≤ 80 chars). */
  title: string;
  /** Time of the latest record (the file's mtime when no record has a time). */
  lastActiveAt: string;
  createdAt?: string;
  /** Absolute path of the session file. */
  filePath: string;
}

/** The persisted index file: `{ version: 1, entries }` (entries are `IndexEntry`s, checked one by one). */
export const IndexFileSchema = z.object({ version: z.literal(1), entries: z.array(z.unknown()) });

/**
 * Reads one file's metadata with the scanner of `source` (the provider's disk facet). `previous` is the stale entry
 * for the same path when there is one (so growth can be read incrementally). Injectable for tests; the default is
 * `readSessionMetadata`.
 */
export type MetadataReader = (
  source: DiskSessions,
  filePath: string,
  stamp: FileStamp,
  previous?: IndexEntry,
) => Promise<IndexEntry>;

/** The entry's title: a named title beats the first user message. */
export function entryTitle(entry: IndexEntry): string | undefined {
  return entry.namedTitle ?? entry.userTitle;
}

/** True when the session has a real user message (a typed prompt, or a slash command the agent answered). */
export function entryHasConversation(entry: IndexEntry): boolean {
  if (entry.userTitle === undefined) return false;
  return entry.userTitleFromCommand !== true || entry.sawAssistant === true;
}
