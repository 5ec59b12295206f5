// Permission handling across sessions: mode changes, answers to pending requests, and what is still waiting.
import type { PermissionMode, PermissionRequest, SessionSummary } from "../../shared/contracts/index.js";
import type { MetadataStore } from "./metadata-store.js";
import type { ServiceEvents } from "./service-events.js";
import type { SessionDirectory } from "./session-directory.js";
import type { SessionRuntimes } from "./session-runtimes.js";
import { type PermissionResolution, ServiceError } from "./types.js";

/** What `SessionPermissions` works with; `summary` is the service's `getSession`. */
export interface PermissionDependencies {
  directory: SessionDirectory;
  runtimes: SessionRuntimes;
  records: MetadataStore;
  events: ServiceEvents;
  /** The summary of `sessionId`. @throws ServiceError `SESSION_NOT_FOUND`. */
  summary(sessionId: string): SessionSummary;
}

/**
 * Permission modes and requests of the service's sessions (CONTRACTS.md section 5; `permission:respond` and
 * `session:updated` of section 7). A session's mode is kept in its record and announced whenever it changes.
 */
export class SessionPermissions {
  constructor(private readonly deps: PermissionDependencies) {}

  /**
   * Changes the permission mode (a live CLI through its own mechanism first), records it (a disk session gets its
   * record) and announces it. @throws ServiceError `SESSION_NOT_FOUND`, or the CLI's failure (see `callError`).
   */
  async setMode(sessionId: string, mode: PermissionMode): Promise<SessionSummary> {
    const { directory, runtimes, records, events } = this.deps;
    const entry = await directory.resolve(sessionId);
    directory.materialize(entry);
    await runtimes.get(sessionId)?.setPermissionMode(mode);
    records.update(sessionId, { permissionMode: mode });
    events.changed.emit(sessionId);
    return this.deps.summary(sessionId);
  }

  /**
   * Answers a pending request (the first answer wins). An option with `setsMode` (Claude's allow-always that switches
   * the CLI to e.g. `acceptEdits` for the session) also records that mode and announces it (`session:updated`).
   * @throws ServiceError `SESSION_NOT_FOUND`, `PERMISSION_REQUEST_NOT_FOUND`, `INVALID_REQUEST` (unknown option).
   */
  respond(sessionId: string, requestId: string, optionId: string, message?: string): PermissionResolution {
    const before = this.deps.summary(sessionId);
    const runtime = this.deps.runtimes.get(sessionId);
    if (!runtime) {
      throw new ServiceError("PERMISSION_REQUEST_NOT_FOUND", `No pending permission request ${requestId}`);
    }
    const request = runtime.permissions.list().find((r) => r.requestId === requestId);
    const resolution = runtime.permissions.respond(requestId, optionId, message);
    const mode = request?.options.find((o) => o.optionId === optionId)?.setsMode;
    if (mode && mode !== before.permissionMode) {
      this.deps.records.update(sessionId, { permissionMode: mode });
      this.deps.events.changed.emit(sessionId);
    }
    return resolution;
  }

  /** The session's requests still waiting for an answer, oldest first. @throws ServiceError `SESSION_NOT_FOUND`. */
  pending(sessionId: string): PermissionRequest[] {
    this.deps.summary(sessionId);
    return this.deps.runtimes.get(sessionId)?.permissions.list() ?? [];
  }
}
