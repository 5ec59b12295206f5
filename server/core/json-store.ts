// A small JSON file store: synchronous load at startup, atomic coalesced writes, corrupt files moved aside and reported.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, unlinkSync } from "node:fs";
import { open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { z } from "zod";
import { describeIssues } from "../../shared/contracts/index.js";
import { consoleLogger, type Logger } from "../../shared/util/index.js";

/** A problem with one store file, for `/api/health` and a warning to browsers. `at` is ISO 8601 UTC. */
export interface StoreErrorInfo {
  /** Absolute path of the store file. */
  file: string;
  /** `corrupt`: unreadable JSON or wrong shape (moved aside); `write`: a save failed (the previous file is intact). */
  kind: "corrupt" | "write";
  /** Where a corrupt file was moved (`<file>.corrupt-<timestamp>`). */
  movedTo?: string;
  message: string;
  at: string;
}

/** Options of a `JsonStore`. */
export interface JsonStoreOptions<T> {
  /** Absolute path of the JSON file; its folder is created when missing. */
  file: string;
  /** Shape the file must have; anything else counts as corrupt. */
  schema: z.ZodType<T>;
  /** The value of a store that does not exist yet. */
  empty: () => T;
  logger?: Logger;
  /** Called for every store problem (also kept in `errors()`). */
  onError?: (error: StoreErrorInfo) => void;
  /** How a value reaches the disk; default {@link writeAtomically} (tests inject a failing one: a full disk). */
  write?: (file: string, text: string) => Promise<void>;
}

/** A save that did not reach the disk (`cause`: the file system's error, e.g. ENOSPC); `message` names the file. */
export class StoreWriteError extends Error {
  override readonly name = "StoreWriteError";
}

/**
 * One JSON file holding a value of type `T`.
 * - `load()` reads it synchronously (startup). A missing file gives `empty()`. A file that is not JSON or does not
 *   match `schema` is renamed to `<file>.corrupt-<timestamp>`, logged, reported through `onError`, and the store
 *   starts from `empty()`: the bad data is kept beside, never silently overwritten.
 * - `save(value)` writes atomically: a temporary file in the same folder, `fsync`, `rename` over the old file.
 *   Saves are serialised and coalesced (the latest value wins); each resolves once a write holding its value is on
 *   disk, or rejects with `StoreWriteError` when that write failed (the previous file is intact, and the failure is
 *   also reported). `flush()` resolves once everything scheduled was written or failed.
 * - Temporary files a crashed or failed write left (`.<name>.tmp-*`) are removed at `load()`.
 */
export class JsonStore<T> {
  private readonly options: JsonStoreOptions<T>;
  private readonly problems: StoreErrorInfo[] = [];
  private pending: T | undefined;
  private hasPending = false;
  /** The callers of `save` whose value is in `pending`, settled by the write that takes it. */
  private waiters: { resolve: () => void; reject: (error: StoreWriteError) => void }[] = [];
  private writing: Promise<void> | undefined;

  constructor(options: JsonStoreOptions<T>) {
    this.options = options;
  }

  /** Absolute path of the file. */
  get file(): string {
    return this.options.file;
  }

  /** True while a write is under way or scheduled. */
  get busy(): boolean {
    return this.writing !== undefined;
  }

  /** Problems met so far (corrupt file moved aside, failed writes), oldest first. */
  errors(): StoreErrorInfo[] {
    return [...this.problems];
  }

  /** Reads the file (see the class comment); never throws for a missing or corrupt file. */
  load(): T {
    const { file, schema } = this.options;
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 }); // private: it sits beside the access token
    removeStaleTempFiles(file);
    if (!existsSync(file)) return this.options.empty();
    let reason: string;
    try {
      const parsed = schema.safeParse(JSON.parse(readFileSync(file, "utf8")));
      if (parsed.success) return parsed.data;
      reason = describeIssues(parsed.error)
        .map((i) => `${i.path}: ${i.message}`)
        .join("; ");
    } catch (error) {
      reason = error instanceof Error ? error.message : String(error);
    }
    const movedTo = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    let moved: string | undefined = movedTo;
    try {
      renameSync(file, movedTo);
    } catch {
      moved = undefined;
    }
    this.report({
      file,
      kind: "corrupt",
      ...(moved ? { movedTo: moved } : {}),
      message: `${basename(file)} could not be read (${reason}); ${
        moved ? `it was moved to ${basename(moved)}` : "it could not be moved aside"
      } and an empty store is used.`,
      at: new Date().toISOString(),
    });
    return this.options.empty();
  }

  /**
   * Schedules an atomic write of `value` (a snapshot is taken now).
   * @returns resolves when that value is on disk.
   * @throws StoreWriteError (as a rejection) when the write holding it failed.
   */
  save(value: T): Promise<void> {
    this.pending = structuredClone(value);
    this.hasPending = true;
    const saved = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (!this.writing) this.writing = this.drain();
    return saved;
  }

  /** Resolves when every scheduled write has finished (failures are reported, not thrown). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async drain(): Promise<void> {
    try {
      while (this.hasPending) {
        const value = this.pending as T;
        const waiters = this.waiters;
        this.waiters = [];
        this.hasPending = false;
        this.pending = undefined;
        try {
          await (this.options.write ?? writeAtomically)(this.options.file, `${JSON.stringify(value, null, 2)}\n`);
          for (const waiter of waiters) waiter.resolve();
        } catch (error) {
          const message = `Could not save ${basename(this.options.file)}: ${error instanceof Error ? error.message : String(error)}`;
          this.report({ file: this.options.file, kind: "write", message, at: new Date().toISOString() });
          const failure = new StoreWriteError(message, { cause: error });
          for (const waiter of waiters) waiter.reject(failure);
        }
      }
    } finally {
      this.writing = undefined;
    }
  }

  private report(problem: StoreErrorInfo): void {
    this.problems.push(problem);
    (this.options.logger ?? consoleLogger).warn(problem.message, { file: problem.file });
    this.options.onError?.(problem);
  }
}

/** Removes `.<name>.tmp-*` files beside `file` that an interrupted or failed write left. */
function removeStaleTempFiles(file: string): void {
  const prefix = `.${basename(file)}.tmp-`;
  let names: string[];
  try {
    names = readdirSync(dirname(file));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    try {
      unlinkSync(join(dirname(file), name));
    } catch {
      // gone already, or not ours to remove
    }
  }
}

/**
 * Writes `text` to `file` atomically: temp file in the same folder, fsync, rename, then fsync the folder. On any
 * failure the temp file is removed and the error thrown; `file` keeps its previous content.
 */
export async function writeAtomically(file: string, text: string): Promise<void> {
  const dir = dirname(file);
  const temp = join(dir, `.${basename(file)}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
  const handle = await open(temp, "w", 0o600);
  try {
    try {
      await handle.writeFile(text, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    // A full disk fails the write or the sync: the partial temp file must not stay behind.
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  const dirHandle = await open(dir, "r").catch(() => undefined);
  if (dirHandle) {
    await dirHandle.sync().catch(() => undefined);
    await dirHandle.close();
  }
}
