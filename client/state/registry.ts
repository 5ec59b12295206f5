// The item state of every open session, with change notification per session (views redraw what changed).
import { consoleLogger, Listeners, type Logger } from "../../shared/util/index.js";
import { createSessionItems, type SessionItems } from "./items.js";

/** Called with the session id whose item state changed. */
export type ItemsListener = (sessionId: string) => void;

/** Holds one `SessionItems` per open session; `notify` after mutating one so views and the composer update. */
export class ItemsRegistry {
  private readonly sessions = new Map<string, SessionItems>();
  private readonly listeners: Listeners<string>;

  /** @param logger where a listener that throws is reported (the other listeners still run); default `consoleLogger`. */
  constructor(logger: Logger = consoleLogger) {
    this.listeners = new Listeners("session items", logger);
  }

  /** The state of `sessionId`, if held. */
  get(sessionId: string): SessionItems | undefined {
    return this.sessions.get(sessionId);
  }

  /** The state of `sessionId`, created empty when not held yet. */
  ensure(sessionId: string): SessionItems {
    let state = this.sessions.get(sessionId);
    if (!state) {
      state = createSessionItems(sessionId);
      this.sessions.set(sessionId, state);
    }
    return state;
  }

  /** Forgets a session (its tab closed). */
  drop(sessionId: string): void {
    if (this.sessions.delete(sessionId)) this.notify(sessionId);
  }

  /** Every held session id. */
  ids(): string[] {
    return [...this.sessions.keys()];
  }

  /** Tells listeners that `sessionId` changed. */
  notify(sessionId: string): void {
    this.listeners.emit(sessionId);
  }

  /** Listens to every change; returns the unsubscribe function. */
  subscribe(listener: ItemsListener): () => void {
    return this.listeners.add(listener);
  }
}
