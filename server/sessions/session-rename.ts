// Renaming a session (issue "The composer and session control" §6): the app's record, then the CLI's own title.
import { type SessionSummary, SessionTitleSchema } from "../../shared/contracts/index.js";
import type { Logger } from "../../shared/util/index.js";
import type { ProviderRegistry } from "../providers/index.js";
import type { MetadataStore } from "./metadata-store.js";
import type { ServiceEvents } from "./service-events.js";
import type { SessionDirectory } from "./session-directory.js";
import { ServiceError } from "./types.js";

/** What a rename reads and writes. */
export interface RenameDependencies {
  directory: SessionDirectory;
  records: MetadataStore;
  registry: ProviderRegistry;
  events: ServiceEvents;
  logger: Logger;
  summary(sessionId: string): SessionSummary;
}

/**
 * Gives `sessionId` the title `title` (trimmed; 1 to `SESSION_TITLE_MAX_CHARS` characters, one line): the app's
 * record first (a disk session gets its record; the title outlives restarts and wins over the CLI's own and over the
 * first message), announced as `session:updated`; then the CLI's own record of the session where its provider
 * offers it (`CliProvider.setTitle`, e.g. Claude Code's `custom-title`), whose failure is logged, not thrown: the
 * title the user sees is the app's. Resolves with the session's summary.
 * @throws ServiceError `INVALID_REQUEST` for an empty, multi-line or over-long title, `SESSION_NOT_FOUND`,
 *   `STORE_ERROR` when the record cannot be written.
 */
export async function renameSession(
  deps: RenameDependencies,
  sessionId: string,
  title: string,
): Promise<SessionSummary> {
  const parsed = SessionTitleSchema.safeParse(title);
  if (!parsed.success) {
    throw new ServiceError(
      "INVALID_REQUEST",
      `The title is not usable: ${parsed.error.issues[0]?.message ?? "invalid"}`,
    );
  }
  const entry = await deps.directory.resolve(sessionId);
  const record = deps.directory.materialize(entry);
  deps.records.update(sessionId, { title: parsed.data });
  deps.events.changed.emit(sessionId);
  const providerSessionId = deps.records.get(sessionId)?.providerSessionId;
  if (providerSessionId) {
    try {
      const provider = deps.registry.resolve(record.cliType);
      await provider.setTitle?.(providerSessionId, parsed.data, record.workspace?.path ?? record.projectPath);
    } catch (error) {
      deps.logger.warn(`Could not give the CLI's own session record the title of ${sessionId}`, {
        error: String(error),
      });
    }
  }
  return deps.summary(sessionId);
}
