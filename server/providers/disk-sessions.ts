// The disk facet of a provider: where its CLI keeps session files, and how to read their metadata and history.
import type { CliType, UpsertObject } from "../../shared/contracts/index.js";
import type { FileStamp, IndexEntry, MetadataScanner } from "./session-file-entry.js";

/** Candidate session files of one listing, and which already indexed files that listing speaks for. */
export interface SessionFileSet {
  /** Absolute paths of the candidate files, in the order they should be read (e.g. newest day first). */
  files: string[];
  /**
   * True for an indexed file this listing looked at the place of: such a file that is not in `files` is gone, and
   * discovery forgets it. Files outside (e.g. another project's Claude folder, never listed) are kept.
   */
  covers(filePath: string): boolean;
}

/**
 * Sessions on disk, as one CLI keeps them: the facet a provider gives discovery (`CliProvider.diskSessions`).
 * Discovery (server/sessions/discovery) is generic over it: it keeps the index cache (per file, keyed by path and
 * reused while size and mtime are unchanged), reads files through the facet's {@link MetadataScanner} in bounded head,
 * tail and appended-bytes reads with limited concurrency, matches the recorded `cwd` against the project's path
 * forms (as given and its real path), and persists the index. The facet knows the CLI's folder layout and file
 * format, and nothing about caching. Every method reads files only; none starts a CLI.
 */
export interface DiskSessions {
  /** The CLI whose files these are; index entries and listed sessions carry it. */
  readonly cliType: CliType;
  /**
   * Absolute folders that hold this CLI's session files (e.g. `$CLAUDE_CONFIG_DIR/projects`). A persisted index
   * entry outside them (the app ran with another config dir before) is dropped when the index is loaded.
   */
  readonly roots: readonly string[];
  /**
   * The files that may hold sessions of the project whose folder has the path forms `projectPaths` (absolute: as
   * given and its real path). It may return more (discovery keeps only entries whose recorded `cwd` is one of the
   * forms): Claude returns the transcripts of the matching project folders only, Codex every rollout (they are
   * grouped by day, not by project). Missing folders give no files; never rejects for an unreadable folder.
   */
  projectFiles(projectPaths: ReadonlySet<string>): Promise<SessionFileSet>;
  /**
   * The file of session `providerSessionId` found by its name alone (no content read), or undefined. The id is safe
   * for a file name (no separators, not `.` or `..`): discovery checks it first.
   */
  findFile(providerSessionId: string): Promise<string | undefined>;
  /**
   * Every file whose name need not carry its session id, for a lookup `findFile` could not answer: discovery indexes
   * them and looks the id up. Omitted when a file name is the id's only place (Claude transcripts).
   */
  unnamedFiles?(): Promise<SessionFileSet>;
  /** A fresh scanner for `filePath`, or one continuing `previous` (same path) over the lines appended since. */
  scanner(filePath: string, stamp: FileStamp, previous?: IndexEntry): MetadataScanner;
  /**
   * The file's completed history (CONTRACTS.md section 7, `session:history` entries: status `complete` or `error`,
   * in conversation order) stamped with the app `sessionId`. Rejects only when the file cannot be read.
   */
  readHistory(filePath: string, options: { sessionId: string }): Promise<UpsertObject[]>;
}
