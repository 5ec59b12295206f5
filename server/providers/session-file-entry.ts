// What discovery remembers about one session file (the index entry), and the line scanner a provider fills it with.
import { z } from "zod";
import { CliTypeSchema } from "../../shared/contracts/index.js";

/**
 * What discovery remembers about one session file, keyed by `filePath` and valid while `size` and `mtimeMs` are
 * unchanged. `userTitle` is the first user message (`userTitleFromCommand` when it was a slash command, which only
 * counts as a conversation once `sawAssistant`); `namedTitle` a title the CLI recorded, of rank `namedTitleRank`
 * (higher wins; Claude: 3 `/rename`, 2 AI title, 1 summary). `headComplete` is true once the head of the file no
 * longer needs reading (the first user message was found or the bounded head scan gave up), so growth only needs
 * the bytes from `resumeOffset` (just past the last complete line read) on. Times are ISO 8601 UTC. The persisted
 * index holds these entries as they are (JSON).
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

/** A file's identity for the cache: byte size and modification time (epoch ms), as `fs.stat` gives them. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
}

/**
 * Folds the lines of one session file into an {@link IndexEntry}; `entry` holds the result so far. Discovery feeds
 * it a bounded head of the file (until `satisfied()`), then `finishHead`, then the tail or only the appended lines,
 * so every rule must give the same entry whichever of those lines it sees (it must agree with the provider's full
 * history reader on id, cwd, title and times). A scanner built with a `previous` entry continues from it: it is fed
 * only the lines appended since.
 */
export interface MetadataScanner {
  readonly entry: IndexEntry;
  /** Folds one line in (lines that are not JSON objects are ignored). Safe to call twice with the same line. */
  consume(line: string): void;
  /** True once the head of the file holds nothing more the entry needs (the head scan stops there). */
  satisfied(): boolean;
  /**
   * Called after the head scan; `reachedEnd` says whether it saw the whole file. Sets `entry.headComplete` (false
   * makes discovery read the file from the start again when it changes).
   */
  finishHead(reachedEnd: boolean): void;
}
