// The @-mention file search: one cached listing per folder, fuzzy-matched with fuzzysort, refreshed in the background.
import fuzzysort, { type Prepared } from "fuzzysort";
import { type FileListing, listFolderFiles } from "./file-list.js";

/** One listed file as the matcher sees it: its path, and its name (the last segment) scored first, both prepared. */
interface Entry {
  path: string;
  name: Prepared;
  full: Prepared;
}

interface Cached {
  listing: FileListing;
  /** Every file prepared for fuzzysort (`prepare` of its name and path), by path: a rebuild reuses unchanged ones. */
  entries: Map<string, Entry>;
  targets: Entry[];
  /** The files shallow-first then by path: the answer to an empty query (computed on first use). */
  shallowFirst?: string[];
  builtAt: number;
  stale: boolean;
}

/** Options of {@link FileIndex}; the defaults suit the server, tests pass their own. */
export interface FileIndexOptions {
  /** Lists a folder (default {@link listFolderFiles}). */
  list?: (folder: string) => Promise<FileListing>;
  /** A listing older than this is rebuilt in the background while the old one still answers (ms; default 10 s). */
  maxAgeMs?: number;
  /** Folders kept in memory, least recently searched dropped first (default 32). */
  maxFolders?: number;
  now?: () => number;
}

/** Queries this short (in characters) are matched against file names only. */
const SHORT_QUERY = 2;

/** A file name match counts this much more than a match spread over the folders of the path. */
const NAME_BONUS = 1.2;

/**
 * The prepared entries of `files`, taking each unchanged path's entry from `previous` (fuzzysort's `prepare` is the
 * costly part of an index: ≈ 0.7 s for 50,000 paths; done here, at build time, never on a keystroke).
 */
function prepareAll(files: readonly string[], previous: Map<string, Entry> | undefined): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  for (const file of files) {
    const known = previous?.get(file);
    entries.set(
      file,
      known ?? {
        path: file,
        name: fuzzysort.prepare(file.slice(file.lastIndexOf("/") + 1)),
        full: fuzzysort.prepare(file),
      },
    );
  }
  return entries;
}

/**
 * Fuzzy file search over folders (issue "The composer and session control" §4). The first search of a folder waits
 * for its listing (see `listFolderFiles`: .gitignore respected); later ones answer from memory at once and, when the
 * listing is older than `maxAgeMs` or was invalidated (a turn ended, files changed), start one rebuild in the
 * background, so a keystroke never waits for git. Matching is fuzzysort over targets prepared at build time (a rebuild re-prepares only new paths): the best of the file
 * name's score (× {@link NAME_BONUS}) and the whole path's, best first.
 */
export class FileIndex {
  private readonly folders = new Map<string, Cached>();
  private readonly building = new Map<string, Promise<Cached>>();
  private readonly list: (folder: string) => Promise<FileListing>;
  private readonly maxAgeMs: number;
  private readonly maxFolders: number;
  private readonly now: () => number;

  constructor(options: FileIndexOptions = {}) {
    this.list = options.list ?? listFolderFiles;
    this.maxAgeMs = options.maxAgeMs ?? 10_000;
    this.maxFolders = options.maxFolders ?? 32;
    this.now = options.now ?? Date.now;
  }

  /**
   * Up to `limit` paths of `folder` (relative, `/`-separated) matching `query`, best first; an empty query gives the
   * shallowest files first; a one- or two-character query is matched against file names only.
   * @throws what listing the folder throws (first search of a folder only).
   */
  async search(folder: string, query: string, limit: number): Promise<string[]> {
    const cached = await this.current(folder);
    const text = query.trim();
    if (text === "") {
      cached.shallowFirst ??= [...cached.listing.files].sort(byDepthThenPath).slice(0, 1000);
      return cached.shallowFirst.slice(0, limit);
    }
    if (text.length <= SHORT_QUERY) {
      // one or two characters match nearly every path: the names alone answer (≈ 8× faster at 50,000 files)
      return fuzzysort.go(text, cached.targets, { key: "name", limit, threshold: 0 }).map((result) => result.obj.path);
    }
    return matchNameAndPath(text, cached.targets, limit);
  }

  /** Marks the listings of `folder` (or of every folder) out of date: the next search refreshes them in the background. */
  invalidate(folder?: string): void {
    for (const [key, cached] of this.folders) if (folder === undefined || key === folder) cached.stale = true;
  }

  private async current(folder: string): Promise<Cached> {
    const cached = this.folders.get(folder);
    if (!cached) return this.build(folder);
    this.folders.delete(folder); // re-inserted last: the map's order is the recency order
    this.folders.set(folder, cached);
    if (cached.stale || this.now() - cached.builtAt > this.maxAgeMs) {
      this.build(folder).catch(() => undefined); // the old listing answers meanwhile; a failure keeps it
    }
    return cached;
  }

  private build(folder: string): Promise<Cached> {
    const running = this.building.get(folder);
    if (running) return running;
    const started = this.now();
    const build = (async () => {
      try {
        const listing = await this.list(folder);
        const entries = prepareAll(listing.files, this.folders.get(folder)?.entries);
        const cached: Cached = { listing, entries, targets: [...entries.values()], builtAt: started, stale: false };
        if (!this.folders.has(folder)) warmUp(cached.targets);
        this.folders.set(folder, cached);
        while (this.folders.size > this.maxFolders) this.folders.delete(this.folders.keys().next().value as string);
        return cached;
      } finally {
        this.building.delete(folder);
      }
    })();
    this.building.set(folder, build);
    return build;
  }
}

/** The paths of the `limit` best of `targets` for `text`: the best of the name's score (× {@link NAME_BONUS}) and the path's. */
function matchNameAndPath(text: string, targets: readonly Entry[], limit: number): string[] {
  const results = fuzzysort.go(text, targets, {
    keys: ["name", "full"],
    limit,
    threshold: 0,
    scoreFn: (result) => Math.max((result[0]?.score ?? 0) * NAME_BONUS, result[1]?.score ?? 0),
  });
  return results.map((result) => result.obj.path);
}

/**
 * Runs both matching paths once over a folder's first listing, so V8 has compiled fuzzysort's scoring loops before
 * the user's first keystrokes (measured: the first three-character query of a 50,000-file folder took 290–340 ms
 * unwarmed, later ones 15–40 ms).
 */
function warmUp(targets: readonly Entry[]): void {
  fuzzysort.go("e", targets, { key: "name", limit: 1, threshold: 0 });
  matchNameAndPath("ses", targets, 1);
}

function byDepthThenPath(a: string, b: string): number {
  const depth = a.split("/").length - b.split("/").length;
  return depth !== 0 ? depth : a < b ? -1 : a > b ? 1 : 0;
}
