// What a SessionRuntime is made with: the providers, its session's record, the service's fan-out and its bounds.
import type { Logger } from "../../shared/util/index.js";
import type { ProviderRegistry } from "../providers/index.js";
import type { ServiceEvents } from "./service-events.js";
import type { SessionRecordKeeper } from "./session-record.js";

/** What a `SessionRuntime` is made with: the providers, the session's record, the service's fan-out and bounds. */
export interface RuntimeContext {
  registry: ProviderRegistry;
  /** The session's metadata record (its methods throw `SESSION_NOT_FOUND` while a disk session has none yet). */
  record: SessionRecordKeeper;
  events: ServiceEvents;
  logger: Logger;
  /** Stream messages held for replay (undefined: `DEFAULT_EVENT_LOG_LIMIT`). */
  eventLogLimit: number | undefined;
  /** Bytes of stream messages held for replay (undefined: `DEFAULT_REPLAY_BUDGET_BYTES`, see `EventLog`). */
  replayBudgetBytes?: number | undefined;
  /** This run's stream is numbered from `seqBase + 1` (see `RUN_SEQ_BASE`). */
  seqBase: number;
  /** Idle time in ms after which a live session's CLI is closed (`sleeping`); 0 or undefined: never. */
  idleMs?: number;
}
