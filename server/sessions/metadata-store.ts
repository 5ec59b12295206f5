// Session metadata (sessions.json in the data dir): one record per app session, kept when its project is removed.
import { join } from "node:path";
import { z } from "zod";
import {
  CliTypeSchema,
  ErrorBodySchema,
  IdSchema,
  PermissionModeSchema,
  TimestampSchema,
} from "../../shared/contracts/index.js";
import type { Logger } from "../../shared/util/index.js";
import { JsonStore, type StoreErrorInfo } from "../core/index.js";

/**
 * A worktree session's workspace (the issue "Workspaces"): `root` the worktree's top level, `path` where the CLI runs,
 * `branch` made from `base` at `baseCommit`, `repoRoot` the project's main checkout. `discarded` once Discard removed
 * the worktree and its branch.
 */
export const WorktreeRecordSchema = z.object({
  kind: z.literal("worktree"),
  root: z.string().min(1),
  path: z.string().min(1),
  branch: z.string().min(1),
  base: z.string().min(1),
  baseCommit: z.string().min(1),
  repoRoot: z.string().min(1),
  discarded: z.boolean().optional(),
});
/** A worktree session's workspace record. */
export type WorktreeRecord = z.infer<typeof WorktreeRecordSchema>;

/**
 * What the server remembers about one session (CONTRACTS.md section 1). `providerSessionId` is the CLI's resume id;
 * `projectPath` is the project's real path when the session was made (its CLI cwd). `source`: `app` = created here,
 * `disk` = found in the CLI's files and since touched here (sent to, archived, mode changed). `title` is "" until the
 * first user message or the CLI's own title gives one. `workspace`: set for a session in its own git worktree (its CLI
 * runs in `workspace.path`); absent for one in the project folder. `model` / `effort`: chosen in the app, kept across
 * sleep, resume and restart.
 */
export const SessionRecordSchema = z.object({
  sessionId: IdSchema,
  projectId: IdSchema,
  projectPath: z.string(),
  cliType: CliTypeSchema,
  providerSessionId: z.string().optional(),
  title: z.string(),
  permissionMode: PermissionModeSchema,
  createdAt: TimestampSchema,
  lastActiveAt: TimestampSchema,
  archived: z.boolean(),
  lastError: ErrorBodySchema.optional(),
  source: z.enum(["app", "disk"]),
  workspace: WorktreeRecordSchema.optional(),
  /** The model chosen in the app (at create or `POST /model`): every start and resume of the CLI uses it. */
  model: z.string().optional(),
  /** The reasoning effort level chosen in the app, likewise. */
  effort: z.string().optional(),
});
/** One session's metadata. */
export type SessionRecord = z.infer<typeof SessionRecordSchema>;

const SessionsFileSchema = z.object({ version: z.literal(1), sessions: z.array(SessionRecordSchema) });
type SessionsFile = z.infer<typeof SessionsFileSchema>;

/** Session records in memory, written through to `<dataDir>/sessions.json` (atomic, coalesced). */
export class MetadataStore {
  private readonly store: JsonStore<SessionsFile>;
  private readonly records = new Map<string, SessionRecord>();

  constructor(options: { dataDir: string; logger?: Logger; onStoreError?: (error: StoreErrorInfo) => void }) {
    this.store = new JsonStore({
      file: join(options.dataDir, "sessions.json"),
      schema: SessionsFileSchema,
      empty: () => ({ version: 1, sessions: [] }),
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.onStoreError ? { onError: options.onStoreError } : {}),
    });
    for (const record of this.store.load().sessions) this.records.set(record.sessionId, record);
  }

  /** The record of `sessionId`, or undefined. The object is live: change it through `update`. */
  get(sessionId: string): SessionRecord | undefined {
    return this.records.get(sessionId);
  }

  /** The record whose CLI resume id is `providerSessionId` for `cliType`, or undefined. */
  findByProviderSessionId(cliType: string, providerSessionId: string): SessionRecord | undefined {
    for (const record of this.records.values()) {
      if (record.cliType === cliType && record.providerSessionId === providerSessionId) return record;
    }
    return undefined;
  }

  /** Every record of a project (archived ones included). */
  forProject(projectId: string): SessionRecord[] {
    return [...this.records.values()].filter((r) => r.projectId === projectId);
  }

  /** Adds or replaces a record and schedules a save. */
  put(record: SessionRecord): SessionRecord {
    this.records.set(record.sessionId, record);
    this.persist();
    return record;
  }

  /** Applies `change` to the record of `sessionId` (no-op when unknown) and schedules a save. */
  update(sessionId: string, change: Partial<Omit<SessionRecord, "sessionId">>): SessionRecord | undefined {
    const record = this.records.get(sessionId);
    if (!record) return undefined;
    Object.assign(record, change);
    for (const [key, value] of Object.entries(change)) {
      if (value === undefined) delete (record as Record<string, unknown>)[key];
    }
    this.persist();
    return record;
  }

  /** Forgets the record of `sessionId` (a session whose CLI never started) and schedules a save. */
  delete(sessionId: string): void {
    if (this.records.delete(sessionId)) this.persist();
  }

  /** Problems of sessions.json (corrupt file moved aside, failed writes). */
  errors(): StoreErrorInfo[] {
    return this.store.errors();
  }

  /** Resolves when sessions.json is on disk. */
  flush(): Promise<void> {
    return this.store.flush();
  }

  /** Saves in the background: a failed write is reported through the store's `onError` (STORE_ERROR to browsers). */
  private persist(): void {
    this.store.save({ version: 1, sessions: [...this.records.values()] }).catch(() => undefined);
  }
}
