// SessionDiscovery: lists the CLI sessions recorded on disk for a project, over the providers' disk facets.
import { stat } from "node:fs/promises";
import path from "node:path";
import type { CliType, UpsertObject } from "../../../shared/contracts/index.js";
import type { DiskSessions, IndexEntry, SessionFileSet } from "../../providers/index.js";
import type { SessionSource } from "../session-source.js";
import { loadIndexFile, saveIndexFile } from "./index-file.js";
import { mapLimit } from "./map-limit.js";
import { readSessionMetadata } from "./metadata.js";
import { isFile, isSafeId, projectPathForms } from "./project-paths.js";
import { type DiscoveredSession, entryHasConversation, entryTitle, type MetadataReader } from "./types.js";

/** Options of {@link SessionDiscovery}. */
export interface SessionDiscoveryOptions {
  /**
   * The disk facet of every provider whose sessions are listed (`ProviderRegistry.diskSessions()`, e.g. Claude's
   * transcripts under `$CLAUDE_CONFIG_DIR/projects/`, Codex's rollouts under `$CODEX_HOME/sessions/`); one per
   * `cliType`.
   */
  diskSessions: readonly DiskSessions[];
  /** JSON cache of per-file metadata (in the app's data dir); without it the index lives in memory only. */
  indexFile?: string;
  /** Reads one file's metadata (default {@link readSessionMetadata}); tests wrap it to count reads. */
  readMetadata?: MetadataReader;
  /** Told when the index file cannot be written (listing goes on). */
  onIndexError?: (error: unknown) => void;
}

/** No session file was found for the id (`readHistory`); the service maps it to `SESSION_NOT_FOUND`. */
export class SessionFileNotFoundError extends Error {
  override readonly name = "SessionFileNotFoundError";
  readonly code = "SESSION_NOT_FOUND";
}

const STAT_CONCURRENCY = 32;
const READ_CONCURRENCY = 8;

/**
 * Finds CLI sessions on disk through the providers' disk facets. Each file's metadata is kept in an index keyed by
 * path and reused while its size and mtime are unchanged (growth is read incrementally); the index is persisted to
 * `indexFile` so a restart is warm. Only the files a facet offers for the project are checked (Claude: the project's
 * folders; Codex: every rollout), and only new or changed ones are read.
 */
export class SessionDiscovery implements SessionSource {
  private readonly entries = new Map<string, IndexEntry>();
  private readonly sources = new Map<CliType, DiskSessions>();
  private readonly readMetadata: MetadataReader;
  private readonly chains = new Map<string, Promise<unknown>>();
  private loaded: Promise<void> | undefined;
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly options: SessionDiscoveryOptions) {
    for (const source of options.diskSessions) this.sources.set(source.cliType, source);
    this.readMetadata = options.readMetadata ?? readSessionMetadata;
  }

  /** Sessions whose recorded cwd is `projectPath` (or its real path) and that hold a user message, newest first. */
  async list(projectPath: string): Promise<DiscoveredSession[]> {
    await this.load();
    const forms = await projectPathForms(projectPath);
    const changed = await Promise.all(
      [...this.sources.values()].map((source) =>
        this.serialized(source.cliType, async () => this.refresh(source, await source.projectFiles(forms))),
      ),
    );
    if (changed.some(Boolean)) await this.save();
    const best = new Map<string, DiscoveredSession>();
    for (const entry of this.entries.values()) {
      if (entry.cwd === undefined || !forms.has(path.resolve(entry.cwd)) || !entryHasConversation(entry)) continue;
      const session = toSession(entry);
      const key = `${session.cliType}:${session.providerSessionId}`;
      const other = best.get(key);
      if (!other || other.lastActiveAt < session.lastActiveAt) best.set(key, session);
    }
    return [...best.values()].sort((a, b) => (a.lastActiveAt < b.lastActiveAt ? 1 : -1));
  }

  /** The session file of a session, or undefined when there is none (or no facet for `cliType`). */
  async findFile(cliType: CliType, providerSessionId: string): Promise<string | undefined> {
    const source = this.sources.get(cliType);
    if (!source || !isSafeId(providerSessionId)) return undefined;
    await this.load();
    const known = [...this.entries.values()]
      .filter((e) => e.cliType === cliType && e.providerSessionId === providerSessionId)
      .sort((a, b) => b.mtimeMs - a.mtimeMs);
    for (const entry of known) if (await isFile(entry.filePath)) return entry.filePath;
    const byName = await source.findFile(providerSessionId);
    if (byName || !source.unnamedFiles) return byName;
    // A file whose name does not carry its id: index every such file, then look the id up.
    const unnamed = source.unnamedFiles.bind(source);
    const changed = await this.serialized(cliType, async () => this.refresh(source, await unnamed()));
    if (changed) await this.save();
    return [...this.entries.values()].find((e) => e.cliType === cliType && e.providerSessionId === providerSessionId)
      ?.filePath;
  }

  /**
   * The session's completed history (CONTRACTS.md section 7, `session:history` entries) stamped with `sessionId`.
   * Rejects with {@link SessionFileNotFoundError} when no file is found, or the read error.
   */
  async readHistory(
    cliType: CliType,
    providerSessionId: string,
    options: { sessionId: string },
  ): Promise<UpsertObject[]> {
    const file = await this.findFile(cliType, providerSessionId);
    const source = this.sources.get(cliType);
    if (!file || !source) throw new SessionFileNotFoundError(`No ${cliType} session ${providerSessionId} on disk`);
    return source.readHistory(file, options);
  }

  /** True when a disk facet is registered for `cliType`. */
  handles(cliType: string): boolean {
    return this.sources.has(cliType as CliType);
  }

  /** Resolves once the latest index write has finished. */
  async flush(): Promise<void> {
    await this.saving;
  }

  /** Brings the entries of `set` up to date and drops covered entries that vanished; true when any changed. */
  private async refresh(source: DiskSessions, set: SessionFileSet): Promise<boolean> {
    const { cliType } = source;
    let changed = false;
    const present = new Set(set.files);
    for (const [filePath, entry] of this.entries) {
      if (entry.cliType === cliType && !present.has(filePath) && set.covers(filePath)) {
        this.entries.delete(filePath);
        changed = true;
      }
    }
    const stamps = await mapLimit(set.files, STAT_CONCURRENCY, async (filePath) => {
      try {
        const info = await stat(filePath);
        return { filePath, size: info.size, mtimeMs: info.mtimeMs };
      } catch {
        return undefined;
      }
    });
    const stale = stamps.filter((s): s is NonNullable<typeof s> => {
      if (!s) return false;
      const entry = this.entries.get(s.filePath);
      return !entry || entry.cliType !== cliType || entry.size !== s.size || entry.mtimeMs !== s.mtimeMs;
    });
    await mapLimit(stale, READ_CONCURRENCY, async ({ filePath, size, mtimeMs }) => {
      const previous = this.entries.get(filePath);
      try {
        this.entries.set(filePath, await this.readMetadata(source, filePath, { size, mtimeMs }, previous));
      } catch {
        this.entries.delete(filePath); // vanished or unreadable: listed again once it can be read
      }
      changed = true;
    });
    return changed;
  }

  private load(): Promise<void> {
    this.loaded ??= (async () => {
      if (!this.options.indexFile) return;
      // Entries outside the facets' roots (the app ran with another config dir of a CLI before) are dropped.
      for (const entry of await loadIndexFile(this.options.indexFile)) {
        const roots = this.sources.get(entry.cliType)?.roots ?? [];
        if (roots.some((root) => entry.filePath.startsWith(path.resolve(root) + path.sep))) {
          this.entries.set(entry.filePath, entry);
        }
      }
    })();
    return this.loaded;
  }

  private save(): Promise<void> {
    const indexFile = this.options.indexFile;
    if (!indexFile) return Promise.resolve();
    this.saving = this.saving.then(() =>
      saveIndexFile(indexFile, this.entries.values()).catch((error: unknown) => this.options.onIndexError?.(error)),
    );
    return this.saving;
  }

  /** Runs `task` after the previous task of the same `key` (one refresh of a kind at a time). */
  private serialized<T>(key: string, task: () => Promise<T>): Promise<T> {
    const run = (this.chains.get(key) ?? Promise.resolve()).then(task, task);
    this.chains.set(
      key,
      run.catch(() => undefined),
    );
    return run;
  }
}

function toSession(entry: IndexEntry): DiscoveredSession {
  return {
    cliType: entry.cliType,
    providerSessionId: entry.providerSessionId,
    cwd: entry.cwd ?? "",
    title: entryTitle(entry) ?? "Untitled session",
    lastActiveAt: entry.lastActiveAt ?? new Date(entry.mtimeMs).toISOString(),
    ...(entry.createdAt ? { createdAt: entry.createdAt } : {}),
    filePath: entry.filePath,
  };
}
