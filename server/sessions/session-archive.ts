// Archived sessions (issue 17 §4): a project's archived sessions, listed from their records, and unarchiving one.
import type { SessionSummary } from "../../shared/contracts/index.js";
import type { ProjectStore } from "../projects/index.js";
import type { MetadataStore } from "./metadata-store.js";
import type { ServiceEvents } from "./service-events.js";
import type { SessionDirectory } from "./session-directory.js";

/** What the archive operations read and change. */
export interface SessionArchiveDeps {
  records: MetadataStore;
  projects: ProjectStore;
  directory: SessionDirectory;
  events: ServiceEvents;
  /** The list summary of a known session (`DefaultSessionService.getSession`). */
  summary: (sessionId: string) => SessionSummary;
}

/**
 * A project's archived sessions, newest activity first. Archiving gives every session a record (a disk session is
 * materialised first), so the records alone answer: no discovery, no CLI.
 * @throws ServiceError `PROJECT_NOT_FOUND`.
 */
export function listArchivedSessions(deps: SessionArchiveDeps, projectId: string): SessionSummary[] {
  deps.projects.get(projectId);
  return deps.records
    .forProject(projectId)
    .filter((record) => record.archived)
    .map((record) => deps.summary(record.sessionId))
    .sort((a, b) => (a.lastActiveAt < b.lastActiveAt ? 1 : a.lastActiveAt > b.lastActiveAt ? -1 : 0));
}

/**
 * Brings an archived session back into its project's list (its CLI stays stopped until a message or load starts it)
 * and announces it once (`session:updated` with `archived: false`). Unarchiving a session that is not archived
 * changes nothing and announces nothing. Resolves with the session's summary.
 * @throws ServiceError `SESSION_NOT_FOUND`.
 */
export async function unarchiveSession(deps: SessionArchiveDeps, sessionId: string): Promise<SessionSummary> {
  const entry = await deps.directory.resolve(sessionId);
  if (entry.record?.archived) {
    deps.records.update(sessionId, { archived: false });
    deps.events.changed.emit(sessionId);
  }
  return deps.summary(sessionId);
}
