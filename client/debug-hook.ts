// window.__liminal: read-only state for end-to-end tests and benchmarks (items per session, last seq, connection).
import type { UpsertObject } from "../shared/contracts/index.js";
import type { AppState } from "./state/app-state.js";
import { type PermissionEntry, runningTurn, type SessionItems, type TurnInfo } from "./state/items.js";
import type { ItemsRegistry } from "./state/registry.js";
import type { Store } from "./state/store.js";

/** A copy of one session's item state. */
export interface SessionSnapshot {
  sessionId: string;
  loaded: boolean;
  lastSeq: number;
  hasMore: boolean;
  running: boolean;
  items: UpsertObject[];
  turns: TurnInfo[];
  permissions: PermissionEntry[];
}

/** What `window.__liminal` offers. Every call returns fresh copies; changing them changes nothing. */
export interface LiminalHook {
  /** The app state (projects, session lists, tabs, connection), copied. */
  state(): AppState;
  /** Every open session's items and bookkeeping, by session id. */
  sessions(): Record<string, SessionSnapshot>;
  /** One session's snapshot, or undefined when it is not open. */
  session(sessionId: string): SessionSnapshot | undefined;
  /** `connecting` | `connected` | `reconnecting` | `offline`. */
  connection(): string;
}

function snapshot(state: SessionItems): SessionSnapshot {
  return structuredClone({
    sessionId: state.sessionId,
    loaded: state.loaded,
    lastSeq: state.lastSeq,
    hasMore: state.hasMore,
    running: runningTurn(state) !== undefined,
    items: state.order.flatMap((id) => {
      const item = state.items.get(id);
      return item ? [item] : [];
    }),
    turns: state.turnOrder.flatMap((id) => {
      const turn = state.turns.get(id);
      return turn ? [turn] : [];
    }),
    permissions: [...state.permissions.values()],
  });
}

/** Installs `window.__liminal`. */
export function installDebugHook(store: Store<AppState>, registry: ItemsRegistry): void {
  const hook: LiminalHook = {
    state: () => structuredClone(store.get()),
    sessions: () =>
      Object.fromEntries(
        registry.ids().flatMap((id) => {
          const state = registry.get(id);
          return state ? [[id, snapshot(state)]] : [];
        }),
      ),
    session: (id) => {
      const state = registry.get(id);
      return state ? snapshot(state) : undefined;
    },
    connection: () => store.get().connection.status,
  };
  Object.defineProperty(window, "__liminal", { value: Object.freeze(hook), configurable: false, writable: false });
}
