// Shapes of session discovery: what list() returns and the per-file index entry kept in memory and on disk.
import { z } from "zod";
import { CliTypeSchema } from "../../../shared/contracts/index.js";

/** One CLI session found on disk (Claude transcript or Codex rollout). Times are ISO 8601 UTC. */
export interface DiscoveredSession {
  cliType: "claude-code" | "codex";
  /** The CLI's resume id (Claude transcript UUID / `session_meta.payload.id`). */
  providerSessionId: string;
  /** The folder the CLI ran in, as recorded in the file. */
  cwd: string;
  /** The CLI's own title (`/rename`, AI title, summary), else the first user message's first line (≤ 80 chars). */
  title: string;
  /** Time of the latest record (the file's mtime when no record has a time). */
  lastActiveAt: string;
  createdAt?: string;
  /** Absolute path of the transcript / rollout file. */
  filePath: string;
}

/**
 * What discovery remembers about one file, keyed by `filePath` and valid while `size` and `mtimeMs` are unchanged.
 * `userTitle` is the first user message; `namedTitle` a title record of rank `namedTitleRank` (3 `/rename`,
 * 2 AI title, 1 summary). `headComplete` is true once the head of the file no longer needs reading (the first user
 * message was found or the bounded head scan gave up), so growth only needs the bytes from `resumeOffset` (just past
 * the last complete line read) on.
 */
export const IndexEntrySchema = z.object({
  cliType: CliTypeSchema,
  filePath: z.string().min(1),
  size: z.number().int().nonnegative(),
  mtimeMs: z.number(),
  providerSessionId: z.string().min(1),
  cwd: z.string().optional(),
  userTitle: z.string().optional(),
  userTitleFromCommand: z.boolean().optional(),
  namedTitle: z.string().optional(),
  namedTitleRank: z.number().optional(),
  sawAssistant: z.boolean().optional(),
  createdAt: z.string().optional(),
  lastActiveAt: z.string().optional(),
  headComplete: z.boolean(),
  resumeOffset: z.number().int().nonnegative().optional(),
});
/** One file's cached metadata (see {@link IndexEntrySchema}). */
export type IndexEntry = z.infer<typeof IndexEntrySchema>;

/** The persisted index file: `{ version: 1, entries }`. */
export const IndexFileSchema = z.object({ version: z.literal(1), entries: z.array(z.unknown()) });

/** A file's identity for the cache: byte size and modification time (epoch ms). */
export interface FileStamp {
  size: number;
  mtimeMs: number;
}

/**
 * Reads one file's metadata. `previous` is the stale entry for the same path when there is one (so growth can be
 * read incrementally). Injectable for tests; the default is `readSessionMetadata`.
 */
export type MetadataReader = (
  cliType: "claude-code" | "codex",
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
