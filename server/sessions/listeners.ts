// Listener sets (a throwing listener is logged and never stops the others) and the session service's fan-out.
import type { PermissionRequest, SessionSummary, StreamMessage } from "../../shared/contracts/index.js";
import type { Logger } from "../../shared/util/index.js";
import type { StoreErrorInfo } from "../store/json-store.js";
import type { PermissionResolution } from "./types.js";

/** Listeners of one kind of event, called in the order they were added. */
export class Listeners<Args extends unknown[]> {
  private readonly set = new Set<(...args: Args) => void>();

  constructor(
    private readonly what: string,
    private readonly logger: Logger,
  ) {}

  /** Adds `listener`; returns the function that removes it. */
  add(listener: (...args: Args) => void): () => void {
    this.set.add(listener);
    return () => {
      this.set.delete(listener);
    };
  }

  /** Calls every listener with `args`. */
  emit(...args: Args): void {
    for (const listener of [...this.set]) {
      try {
        listener(...args);
      } catch (error) {
        this.logger.error(`A ${this.what} listener threw`, { error: String(error) });
      }
    }
  }

  /** Number of listeners. */
  get size(): number {
    return this.set.size;
  }
}

/**
 * The service's fan-out (CONTRACTS.md section 7): per-session stream listeners, `session:updated`, permission
 * requests and resolutions, and store problems (kept, so `storeErrors()` also reports those met at startup).
 */
export class ServiceEvents {
  private readonly streams = new Map<string, Listeners<[StreamMessage]>>();
  readonly updated: Listeners<[SessionSummary]>;
  readonly permissionRequested: Listeners<[string, PermissionRequest]>;
  readonly permissionResolved: Listeners<[PermissionResolution]>;
  readonly storeError: Listeners<[StoreErrorInfo]>;
  private readonly storeProblems: StoreErrorInfo[] = [];

  constructor(private readonly logger: Logger) {
    this.updated = new Listeners("session:updated", logger);
    this.permissionRequested = new Listeners("permission:request", logger);
    this.permissionResolved = new Listeners("permission:resolved", logger);
    this.storeError = new Listeners("store error", logger);
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
