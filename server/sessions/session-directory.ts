// Which sessions exist: app records merged with sessions found on disk (deduplicated), and their list summaries.
import { existsSync } from "node:fs";
import type { Project, SessionState, SessionSummary, Workspace } from "../../shared/contracts/index.js";
import type { Logger } from "../../shared/util/index.js";
import type { ProjectStore } from "../projects/index.js";
import type { MetadataStore, SessionRecord } from "./metadata-store.js";
import { type DiscoveredSessionInfo, diskSessionId, parseDiskSessionId, type SessionSource } from "./session-source.js";
import { UNTITLED } from "./titles.js";
import { ServiceError } from "./types.js";

/** A session as the directory knows it: its record (app-made or touched), what discovery found, or both. */
export interface SessionEntry {
  sessionId: string;
  record?: SessionRecord;
  disk?: { info: DiscoveredSessionInfo; projectId: string };
}

/**
 * Resolves sessionIds and lists a project's sessions (CONTRACTS.md section 1): app records first, then sessions
 * discovery finds in the project folder under id `"<cliType>:<providerSessionId>"`, skipping any whose resume id an
 * app record already has. Discovery results are cached so `find` can answer synchronously afterwards.
 */
export class SessionDirectory {
  private readonly discovered = new Map<string, { info: DiscoveredSessionInfo; projectId: string }>();

  constructor(
    private readonly records: MetadataStore,
    private readonly projects: ProjectStore,
    private readonly source: SessionSource | undefined,
    private readonly logger: Logger,
  ) {}

  /** Every session of `project` (archived included), records and disk merged. Discovery failures are logged. */
  async list(project: Project): Promise<SessionEntry[]> {
    const entries = new Map<string, SessionEntry>();
    for (const record of this.records.forProject(project.projectId)) {
      entries.set(record.sessionId, { sessionId: record.sessionId, record });
    }
    for (const info of await this.discover(project)) {
      const owner = this.records.findByProviderSessionId(info.cliType, info.providerSessionId);
      const disk = { info, projectId: project.projectId };
      if (owner) {
        const entry = entries.get(owner.sessionId);
        if (entry) entry.disk = disk;
        continue;
      }
      const sessionId = diskSessionId(info.cliType, info.providerSessionId);
      entries.set(sessionId, { sessionId, disk });
    }
    return [...entries.values()];
  }

  /** The session with `sessionId` from records or the discovery cache, or undefined. */
  find(sessionId: string): SessionEntry | undefined {
    const record = this.records.get(sessionId);
    const disk = this.discovered.get(sessionId);
    if (!record && !disk) return undefined;
    return { sessionId, ...(record ? { record } : {}), ...(disk ? { disk } : {}) };
  }

  /**
   * Like `find`, but for a disk id not seen yet (e.g. a browser reopening after a restart) it asks discovery about
   * every project first. @throws ServiceError `SESSION_NOT_FOUND`.
   */
  async resolve(sessionId: string): Promise<SessionEntry> {
    const known = this.find(sessionId);
    if (known) return known;
    const parsed = parseDiskSessionId(sessionId);
    const searchable = parsed !== undefined && this.source?.handles(parsed.cliType) === true;
    if (parsed && searchable && !this.records.findByProviderSessionId(parsed.cliType, parsed.providerSessionId)) {
      for (const project of this.projects.list()) {
        await this.discover(project);
        const found = this.find(sessionId);
        if (found) return found;
      }
    }
    throw new ServiceError("SESSION_NOT_FOUND", `No session ${sessionId}`);
  }

  /** The record of `entry`, creating one (source `disk`) for a session so far only found on disk. */
  materialize(entry: SessionEntry): SessionRecord {
    if (entry.record) return entry.record;
    const disk = entry.disk;
    if (!disk) throw new ServiceError("SESSION_NOT_FOUND", `No session ${entry.sessionId}`);
    const record: SessionRecord = {
      sessionId: entry.sessionId,
      projectId: disk.projectId,
      projectPath: disk.info.cwd,
      cliType: disk.info.cliType,
      providerSessionId: disk.info.providerSessionId,
      title: disk.info.title,
      permissionMode: "default",
      createdAt: disk.info.createdAt ?? disk.info.lastActiveAt,
      lastActiveAt: disk.info.lastActiveAt,
      archived: false,
      source: "disk",
    };
    entry.record = this.records.put(record);
    return record;
  }

  /** The list entry of `entry` in `state` (title falls back to the CLI's own title, then "New session"). */
  summary(entry: SessionEntry, state: SessionState): SessionSummary {
    const { record, disk } = entry;
    if (record) {
      const diskActive = disk?.info.lastActiveAt;
      return {
        sessionId: entry.sessionId,
        cliType: record.cliType,
        projectId: record.projectId,
        title: record.title || disk?.info.title || UNTITLED,
        state,
        lastActiveAt: diskActive && diskActive > record.lastActiveAt ? diskActive : record.lastActiveAt,
        createdAt: record.createdAt,
        permissionMode: record.permissionMode,
        source: record.source,
        ...(record.lastError ? { lastError: record.lastError } : {}),
        archived: record.archived,
        workspace: this.workspaceOf(record),
        ...(record.model ? { model: record.model } : {}),
        ...(record.effort ? { effort: record.effort } : {}),
      };
    }
    if (!disk) throw new ServiceError("SESSION_NOT_FOUND", `No session ${entry.sessionId}`);
    return {
      sessionId: entry.sessionId,
      cliType: disk.info.cliType,
      projectId: disk.projectId,
      title: disk.info.title || UNTITLED,
      state,
      lastActiveAt: disk.info.lastActiveAt,
      ...(disk.info.createdAt ? { createdAt: disk.info.createdAt } : {}),
      permissionMode: "default",
      source: "disk",
      archived: false,
      workspace: { kind: "folder", path: disk.info.cwd },
    };
  }

  /** Where a recorded session works: its worktree (`missing` when the folder is gone) or the project folder. */
  private workspaceOf(record: SessionRecord): Workspace {
    const worktree = record.workspace;
    if (!worktree) return { kind: "folder", path: this.projects.find(record.projectId)?.path ?? record.projectPath };
    return {
      kind: "worktree",
      path: worktree.path,
      branch: worktree.branch,
      base: worktree.base,
      ...(worktree.discarded || !existsSync(worktree.root) ? { missing: true } : {}),
    };
  }

  private async discover(project: Project): Promise<DiscoveredSessionInfo[]> {
    if (!this.source) return [];
    let found: DiscoveredSessionInfo[];
    try {
      found = await this.source.list(project.path);
    } catch (error) {
      this.logger.warn(`Could not list the CLI sessions of ${project.path}`, { error: String(error) });
      return [];
    }
    for (const info of found) {
      if (this.records.findByProviderSessionId(info.cliType, info.providerSessionId)) continue;
      this.discovered.set(diskSessionId(info.cliType, info.providerSessionId), { info, projectId: project.projectId });
    }
    return found;
  }
}
