// SessionDiscovery: lists the Claude Code and Codex sessions recorded on disk for a project, with a warm file index.
import { stat } from "node:fs/promises";
import path from "node:path";
import type { CliType, UpsertObject } from "../../../shared/contracts/index.js";
import { readClaudeTranscript } from "../../providers/claude/transcript.js";
import { readCodexRollout } from "../../providers/codex/rollout.js";
import type { SessionSource } from "../session-source.js";
import { loadIndexFile, saveIndexFile } from "./index-file.js";
import {
  claudeFolderMatches,
  claudeTranscriptFiles,
  codexRolloutFiles,
  findClaudeTranscript,
  findCodexRollout,
  isFile,
  isSafeId,
  projectPathForms,
} from "./locations.js";
import { readSessionMetadata } from "./metadata.js";
import {
  type DiscoveredSession,
  entryHasConversation,
  entryTitle,
  type IndexEntry,
  type MetadataReader,
} from "./types.js";

/** Options of {@link SessionDiscovery}. */
export interface SessionDiscoveryOptions {
  /** Claude Code's config dir (`$CLAUDE_CONFIG_DIR`, default `~/.claude`): transcripts under `projects/`. */
  claudeConfigDir: string;
  /** Codex's home (`$CODEX_HOME`, default `~/.codex`): rollouts under `sessions/YYYY/MM/DD/`. */
  codexHome: string;
  /** JSON cache of per-file metadata (in the app's data dir); without it the index lives in memory only. */
  indexFile?: string;
  /** Reads one file's metadata (default {@link readSessionMetadata}); tests wrap it to count reads. */
  readMetadata?: MetadataReader;
  /** Told when the index file cannot be written (listing goes on). */
  onIndexError?: (error: unknown) => void;
}

/** `readHistory` found no file for the session. `code` matches the API's `SESSION_NOT_FOUND`. */
export class SessionFileNotFoundError extends Error {
  override readonly name = "SessionFileNotFoundError";
  readonly code = "SESSION_NOT_FOUND";
}

const STAT_CONCURRENCY = 32;
const READ_CONCURRENCY = 8;

/**
 * Finds CLI sessions on disk. Each file's metadata is kept in an index keyed by path and reused while its size and
 * mtime are unchanged (growth is read incrementally); the index is persisted to `indexFile` so a restart is warm.
 * Claude folders other than the project's are never opened; every Codex rollout is checked (they are grouped by day,
 * not by project) but only new or changed ones are read.
 */
export class SessionDiscovery implements SessionSource {
  private readonly entries = new Map<string, IndexEntry>();
  private readonly readMetadata: MetadataReader;
  private readonly chains = new Map<string, Promise<unknown>>();
  private loaded: Promise<void> | undefined;
  private saving: Promise<void> = Promise.resolve();

  private readonly options: SessionDiscoveryOptions;

  constructor(options: SessionDiscoveryOptions) {
    const { claudeConfigDir, codexHome } = options;
    this.options = { ...options, claudeConfigDir: path.resolve(claudeConfigDir), codexHome: path.resolve(codexHome) };
    this.readMetadata = options.readMetadata ?? readSessionMetadata;
  }

  /** Sessions whose recorded cwd is `projectPath` (or its real path) and that hold a user message, newest first. */
  async list(projectPath: string): Promise<DiscoveredSession[]> {
    await this.load();
    const forms = await projectPathForms(projectPath);
    const [claude, codex] = await Promise.all([
      this.serialized("claude", async () => {
        const { folders, files } = await claudeTranscriptFiles(this.options.claudeConfigDir, (folder) =>
          claudeFolderMatches(folder, forms),
        );
        return this.refresh("claude-code", files, (entry) => folders.includes(path.dirname(entry.filePath)));
      }),
      this.serialized("codex", async () =>
        this.refresh("codex", await codexRolloutFiles(this.options.codexHome), () => true),
      ),
    ]);
    if (claude || codex) await this.save();
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

  /** The transcript / rollout file of a session, or undefined when there is none. */
  async findFile(cliType: CliType, providerSessionId: string): Promise<string | undefined> {
    if (!isSafeId(providerSessionId)) return undefined;
    await this.load();
    const known = [...this.entries.values()]
      .filter((e) => e.cliType === cliType && e.providerSessionId === providerSessionId)
      .sort((a, b) => b.mtimeMs - a.mtimeMs);
    for (const entry of known) if (await isFile(entry.filePath)) return entry.filePath;
    if (cliType === "claude-code") return findClaudeTranscript(this.options.claudeConfigDir, providerSessionId);
    const byName = await findCodexRollout(this.options.codexHome, providerSessionId);
    if (byName) return byName;
    // A rollout whose file name does not carry its id: index every rollout, then look the id up.
    const changed = await this.serialized("codex", async () =>
      this.refresh("codex", await codexRolloutFiles(this.options.codexHome), () => true),
    );
    if (changed) await this.save();
    return [...this.entries.values()].find((e) => e.cliType === "codex" && e.providerSessionId === providerSessionId)
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
    if (!file) throw new SessionFileNotFoundError(`No ${cliType} session ${providerSessionId} on disk`);
    const read = cliType === "codex" ? readCodexRollout : readClaudeTranscript;
    return (await read(file, options)).history;
  }

  /** Resolves once the latest index write has finished. */
  async flush(): Promise<void> {
    await this.saving;
  }

  /** Brings the entries of `files` up to date and drops entries in the scope that vanished; true when any changed. */
  private async refresh(cliType: CliType, files: string[], inScope: (entry: IndexEntry) => boolean): Promise<boolean> {
    let changed = false;
    const present = new Set(files);
    for (const [filePath, entry] of this.entries) {
      if (entry.cliType === cliType && !present.has(filePath) && inScope(entry)) {
        this.entries.delete(filePath);
        changed = true;
      }
    }
    const stamps = await mapLimit(files, STAT_CONCURRENCY, async (filePath) => {
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
        this.entries.set(filePath, await this.readMetadata(cliType, filePath, { size, mtimeMs }, previous));
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
      // Entries of other config dirs (the app was started with another CLAUDE_CONFIG_DIR / CODEX_HOME) are dropped.
      const roots = {
        "claude-code": path.join(this.options.claudeConfigDir, "projects") + path.sep,
        codex: path.join(this.options.codexHome, "sessions") + path.sep,
      };
      for (const entry of await loadIndexFile(this.options.indexFile)) {
        if (entry.filePath.startsWith(roots[entry.cliType])) this.entries.set(entry.filePath, entry);
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

/** `items.map(fn)` with at most `limit` calls running at once, results in order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
