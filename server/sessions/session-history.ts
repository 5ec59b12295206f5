// What a browser opening a session gets: a replay or pages of completed items, read from disk without a process.
import type { UpsertObject } from "../../shared/contracts/index.js";
import type { Logger } from "../../shared/util/index.js";
import type { SessionDirectory } from "./session-directory.js";
import type { SessionRuntime } from "./session-runtime.js";
import type { SessionRuntimes } from "./session-runtimes.js";
import type { SessionSource } from "./session-source.js";
import { type OpenSessionResult, ServiceError } from "./types.js";

/** What `SessionHistory` reads from. */
export interface HistoryDependencies {
  directory: SessionDirectory;
  runtimes: SessionRuntimes;
  /** Where the transcript of a session not started during this run is read; without it such a session is empty. */
  discovery: SessionSource | undefined;
  logger: Logger;
  /** Completed items per page when the caller gives no size. */
  pageSize: number;
}

/**
 * History and replay (CONTRACTS.md section 7, `session:open` and `session:history:more`), cut from the session's
 * runtime `EventLog`. A session's log is seeded once from its CLI transcript through discovery (never by starting a
 * process); a transcript that cannot be read is logged and the log stays as it is. The items of a running turn are
 * left out of pages and sent as `inFlight` stream messages instead.
 */
export class SessionHistory {
  constructor(private readonly deps: HistoryDependencies) {}

  /**
   * What a browser opening `sessionId` gets: the messages after `afterSeq` when the log still holds them all,
   * otherwise the newest page (`pageSize` items) and the running turn's messages.
   * @throws ServiceError `SESSION_NOT_FOUND`.
   */
  async open(sessionId: string, options: { afterSeq?: number; pageSize?: number } = {}): Promise<OpenSessionResult> {
    const runtime = await this.runtime(sessionId);
    if (options.afterSeq !== undefined) {
      const messages = runtime.log.since(options.afterSeq);
      if (messages) return { kind: "replay", messages };
    }
    const runningTurnId = runtime.runningTurnId;
    const page = runtime.log.page(options.pageSize ?? this.deps.pageSize, runningTurnId ? { runningTurnId } : {});
    const inFlight = runningTurnId ? runtime.log.inFlight(runningTurnId) : [];
    return { kind: "history", entries: page.entries, seq: runtime.log.seq, hasMore: page.hasMore, inFlight };
  }

  /**
   * The completed items before `beforeItemId`, oldest first, at most `pageSize`, and the `seq` they reflect.
   * @throws ServiceError `SESSION_NOT_FOUND`, `INVALID_REQUEST` (`beforeItemId` is not a completed item).
   */
  async page(
    sessionId: string,
    beforeItemId: string,
    pageSize?: number,
  ): Promise<{ entries: UpsertObject[]; seq: number; hasMore: boolean }> {
    const runtime = await this.runtime(sessionId);
    const runningTurnId = runtime.runningTurnId;
    const page = runtime.log.page(pageSize ?? this.deps.pageSize, {
      beforeItemId,
      ...(runningTurnId ? { runningTurnId } : {}),
    });
    return { ...page, seq: runtime.log.seq };
  }

  /** The runtime of a session that may only be read, seeded from disk on first use without a process. */
  private async runtime(sessionId: string): Promise<SessionRuntime> {
    const { directory, runtimes, discovery, logger } = this.deps;
    const entry = await directory.resolve(sessionId);
    const cliType = entry.record?.cliType ?? entry.disk?.info.cliType;
    if (!cliType) throw new ServiceError("SESSION_NOT_FOUND", `No session ${sessionId}`);
    const runtime = runtimes.obtain(sessionId, cliType);
    const providerSessionId = entry.record?.providerSessionId ?? entry.disk?.info.providerSessionId;
    if (!runtime.log.seeded && providerSessionId && discovery) {
      try {
        runtime.log.seed(await discovery.readHistory(cliType, providerSessionId, { sessionId }));
      } catch (error) {
        logger.warn(`Could not read the history of session ${sessionId}`, { error: String(error) });
      }
    }
    return runtime;
  }
}
