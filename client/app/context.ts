// What the app's handlers and actions share: the store, the item registry, the transport, an error reporter, a logger.
import type { ClientMessage, ServerMessage } from "../../shared/contracts/index.js";
import type { Logger } from "../../shared/util/index.js";
import type { CommandError } from "../net/connection.js";
import type { AppState } from "../state/app-state.js";
import type { ConnectionInfo } from "../state/connection.js";
import type { ItemsRegistry } from "../state/registry.js";
import type { Store } from "../state/store.js";
import type { ResyncTracker } from "./resume.js";

/** The part of `Connection` the app uses (a fake in tests). */
export interface Transport {
  readonly state: ConnectionInfo;
  send(message: ClientMessage): boolean;
  request(message: ClientMessage, timeoutMs?: number): Promise<ServerMessage>;
  fire(message: ClientMessage, onError: (error: CommandError) => void, lifetimeMs?: number): boolean;
}

/** Shared by `sync.ts` (server → state) and `actions.ts` (user → server). */
export interface AppContext {
  store: Store<AppState>;
  registry: ItemsRegistry;
  transport: Transport;
  resync: ResyncTracker;
  /** Shows a failure to the user in words (a toast); `code` is the error code. */
  reportError(code: string, message: string): void;
  /** Where the app logs what the user need not see (e.g. a server message of unknown type); `consoleLogger` in the page. */
  logger: Logger;
}
