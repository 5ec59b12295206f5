// The session service's fan-out: per-session streams, session changes, permission requests, store problems.
import type {
  PermissionRequest,
  SessionSummary,
  SlashCommandInfo,
  StreamMessage,
} from "../../shared/contracts/index.js";
import { Listeners, type Logger } from "../../shared/util/index.js";
import type { StoreErrorInfo } from "../core/index.js";
import type { PermissionResolution } from "./types.js";

/** A permission request of one session, as announced (`permission:request`, CONTRACTS.md section 7). */
export interface SessionPermissionRequest {
  sessionId: string;
  request: PermissionRequest;
}

/** A session's new slash-command list, as its CLI announced it (`session:commands` push). */
export interface SessionCommandsChange {
  sessionId: string;
  commands: SlashCommandInfo[];
}

/**
 * The service's fan-out (CONTRACTS.md section 7). `changed` carries the id of a session whose summary changed
 * (state, liveness, title, permission mode, archived): the one way a change is announced; `SessionRuntimes` turns it
 * into `updated` (`session:updated` with the summary). Store problems are kept,
 * so `storeErrors()` also reports those met at startup. A throwing listener is logged and never stops the others.
 */
export class ServiceEvents {
  private readonly streams = new Map<string, Listeners<StreamMessage>>();
  readonly changed: Listeners<string>;
  /** Every stream message of every session (the workspaces watch tool calls end through it). */
  readonly streamed: Listeners<StreamMessage>;
  readonly updated: Listeners<SessionSummary>;
  readonly permissionRequested: Listeners<SessionPermissionRequest>;
  readonly permissionResolved: Listeners<PermissionResolution>;
  readonly storeError: Listeners<StoreErrorInfo>;
  readonly commandsChanged: Listeners<SessionCommandsChange>;
  private readonly storeProblems: StoreErrorInfo[] = [];

  constructor(private readonly logger: Logger) {
    this.changed = new Listeners("session change", logger);
    this.streamed = new Listeners("stream tap", logger);
    this.updated = new Listeners("session:updated", logger);
    this.permissionRequested = new Listeners("permission:request", logger);
    this.permissionResolved = new Listeners("permission:resolved", logger);
    this.storeError = new Listeners("store error", logger);
    this.commandsChanged = new Listeners("session:commands", logger);
  }

  /** Adds a listener of one session's stream; returns its remover. */
  onStream(sessionId: string, listener: (message: StreamMessage) => void): () => void {
    let set = this.streams.get(sessionId);
    if (!set) {
      set = new Listeners(`stream of ${sessionId}`, this.logger);
      this.streams.set(sessionId, set);
    }
    const remove = set.add(listener);
    return () => {
      remove();
      if (set.size === 0 && this.streams.get(sessionId) === set) this.streams.delete(sessionId);
    };
  }

  /** Sends one stream message to the listeners of its session. */
  stream(message: StreamMessage): void {
    this.streams.get(message.sessionId)?.emit(message);
    this.streamed.emit(message);
  }

  /** Records and announces a store problem. */
  reportStoreError(problem: StoreErrorInfo): void {
    this.storeProblems.push(problem);
    this.storeError.emit(problem);
  }

  /** Store problems so far, oldest first. */
  storeErrors(): StoreErrorInfo[] {
    return [...this.storeProblems];
  }
}
