// Per-session item state: applies history pages and the seq-numbered stream, upserting items by itemId (CONTRACTS.md 2, 3, 7).
import type {
  PermissionRequest,
  ServerMessageOf,
  StreamMessage,
  TurnEvent,
  UpsertObject,
  Usage,
} from "../../shared/contracts/index.js";

/** Where a turn stands: `running` between `turn_started` and its terminal event (CONTRACTS.md section 3). */
export type TurnStatus = "running" | "completed" | "cancelled" | "error";

/** What the browser knows about one turn from its turn events. History pages carry no turn events. */
export interface TurnInfo {
  turnId: string;
  status: TurnStatus;
  modelId?: string;
  usage?: Usage;
  errorCode?: string;
  errorMessage?: string;
}

/** One permission request of the session and, once `permission:resolved` arrived, how it ended. */
export interface PermissionEntry {
  request: PermissionRequest;
  resolution?: { optionId?: string; outcome: "selected" | "cancelled" };
}

/**
 * Everything the browser holds for one open session. Mutated in place by the `apply*` functions below; `version`
 * increases with every change so views can tell whether to redraw.
 */
export interface SessionItems {
  readonly sessionId: string;
  /** The latest state of every item, by `itemId` (an upsert replaces, never appends). */
  items: Map<string, UpsertObject>;
  /** Item ids in conversation order (first appearance; older pages go before). */
  order: string[];
  /** Turn ids in conversation order. */
  turnOrder: string[];
  turns: Map<string, TurnInfo>;
  /** Tool call `callId` → the item id that carries it (for sub-agent nesting and permission cards). */
  callIds: Map<string, string>;
  /** The last stream `seq` applied (the `afterSeq` to resume from); 0 before anything. */
  lastSeq: number;
  /** True once a (non-older) history arrived: only then are stream messages applied. */
  loaded: boolean;
  /** Older items exist on the server (`session:history:more`). */
  hasMore: boolean;
  /** An older page was asked for and has not arrived yet. */
  loadingOlder: boolean;
  /**
   * The `seq` of the last fresh history while in-flight messages may still follow it. Stream messages with
   * `seq` at or below it are still applied (never regressing a finished item); cleared by the first later seq.
   */
  inFlightWindow: number | null;
  /** Set when a gap was seen: the `afterSeq` the session must be re-opened with. Cleared by progress. */
  resyncFrom: number | null;
  permissions: Map<string, PermissionEntry>;
  version: number;
}

/** What applying one message did, for the views and the connection layer. */
export type ApplyResult =
  | { kind: "applied"; itemIds: string[]; turnIds: string[] }
  | { kind: "ignored" }
  | { kind: "gap"; afterSeq: number }
  | { kind: "reset" }
  | { kind: "prepended"; itemIds: string[] };

/** A fresh, empty state for `sessionId` (nothing loaded yet). */
export function createSessionItems(sessionId: string): SessionItems {
  return {
    sessionId,
    items: new Map(),
    order: [],
    turnOrder: [],
    turns: new Map(),
    callIds: new Map(),
    lastSeq: 0,
    loaded: false,
    hasMore: false,
    loadingOlder: false,
    inFlightWindow: null,
    resyncFrom: null,
    permissions: new Map(),
    version: 0,
  };
}

const isTerminal = (status: UpsertObject["status"]): boolean => status === "complete" || status === "error";

function noteTurn(state: SessionItems, turnId: string, atStart = false): void {
  if (state.turnOrder.includes(turnId)) return;
  if (atStart) state.turnOrder.unshift(turnId);
  else state.turnOrder.push(turnId);
}

/** Replaces (or adds) one item. Never regresses a finished item to an unfinished state. @returns true if stored. */
function upsertItem(state: SessionItems, upsert: UpsertObject): boolean {
  const existing = state.items.get(upsert.itemId);
  if (existing && isTerminal(existing.status) && !isTerminal(upsert.status)) return false;
  if (!existing) {
    state.order.push(upsert.itemId);
    noteTurn(state, upsert.turnId);
  }
  state.items.set(upsert.itemId, upsert);
  if (upsert.type === "tool_call") state.callIds.set(upsert.callId, upsert.itemId);
  return true;
}

/** Records a turn event; a terminal event also closes the turn's unanswered permission requests. */
function applyTurnEvent(state: SessionItems, event: TurnEvent): void {
  noteTurn(state, event.turnId);
  const known = state.turns.get(event.turnId);
  if (event.type === "turn_started") {
    if (known && known.status !== "running") return;
    state.turns.set(event.turnId, { turnId: event.turnId, status: "running", modelId: event.modelId });
    return;
  }
  const base = { turnId: event.turnId, ...(known?.modelId ? { modelId: known.modelId } : {}) };
  if (event.type === "turn_complete") {
    state.turns.set(event.turnId, { ...base, status: event.status, ...(event.usage ? { usage: event.usage } : {}) });
  } else {
    state.turns.set(event.turnId, {
      ...base,
      status: "error",
      errorCode: event.errorCode,
      errorMessage: event.errorMessage,
    });
  }
  for (const entry of state.permissions.values()) {
    if (entry.request.turnId === event.turnId && !entry.resolution) entry.resolution = { outcome: "cancelled" };
  }
}

/**
 * Applies one stream message (`session:upsert` / `session:turn`, CONTRACTS.md section 7) if its `seq` is the next
 * one (`lastSeq + 1`). A `seq` already applied is ignored (except in-flight messages right after a fresh history);
 * a `seq` beyond the next reports a gap: re-open the session with `afterSeq` = the returned value.
 * Messages before the first history are ignored (the history covers them).
 */
export function applyStream(state: SessionItems, message: StreamMessage): ApplyResult {
  if (!state.loaded) return { kind: "ignored" };
  const inWindow = state.inFlightWindow !== null && message.seq <= state.inFlightWindow;
  if (message.seq <= state.lastSeq && !inWindow) return { kind: "ignored" };
  if (message.seq > state.lastSeq + 1) {
    state.resyncFrom = state.lastSeq;
    return { kind: "gap", afterSeq: state.lastSeq };
  }
  if (message.seq > state.lastSeq) {
    state.lastSeq = message.seq;
    state.resyncFrom = null;
    if (state.inFlightWindow !== null && message.seq > state.inFlightWindow) state.inFlightWindow = null;
  }
  state.version++;
  if (message.type === "session:turn") {
    applyTurnEvent(state, message.payload);
    return { kind: "applied", itemIds: [], turnIds: [message.payload.turnId] };
  }
  const stored = upsertItem(state, message.payload);
  return stored
    ? { kind: "applied", itemIds: [message.payload.itemId], turnIds: [message.payload.turnId] }
    : { kind: "ignored" };
}

/**
 * Applies a `session:history` message. A fresh history (no `older`) replaces every item, sets `lastSeq` to the
 * history's `seq` and forgets running turns (in-flight messages re-establish them). An `older` page is put before
 * what is shown, skipping items already held, and leaves `lastSeq` alone.
 */
export function applyHistory(state: SessionItems, message: ServerMessageOf<"session:history">): ApplyResult {
  state.version++;
  state.hasMore = message.hasMore;
  if (message.older) {
    state.loadingOlder = false;
    const fresh = message.entries.filter((entry) => !state.items.has(entry.itemId));
    const turnIds: string[] = [];
    for (const entry of fresh) {
      state.items.set(entry.itemId, entry);
      if (entry.type === "tool_call") state.callIds.set(entry.callId, entry.itemId);
      if (!turnIds.includes(entry.turnId) && !state.turnOrder.includes(entry.turnId)) turnIds.push(entry.turnId);
    }
    state.order.unshift(...fresh.map((entry) => entry.itemId));
    state.turnOrder.unshift(...turnIds);
    return { kind: "prepended", itemIds: fresh.map((entry) => entry.itemId) };
  }
  state.items = new Map();
  state.order = [];
  state.turnOrder = [];
  state.callIds = new Map();
  for (const [turnId, info] of state.turns) if (info.status === "running") state.turns.delete(turnId);
  for (const entry of message.entries) upsertItem(state, entry);
  state.lastSeq = message.seq;
  state.loaded = true;
  state.loadingOlder = false;
  state.inFlightWindow = message.seq;
  state.resyncFrom = null;
  return { kind: "reset" };
}

/** Marks a turn as running once `session:sent` named it, unless its turn events already said otherwise. */
export function noteSent(state: SessionItems, turnId: string): void {
  if (state.turns.has(turnId)) return;
  noteTurn(state, turnId);
  state.turns.set(turnId, { turnId, status: "running" });
  state.version++;
}

/** Adds (or refreshes) a permission request; a request already resolved stays resolved. */
export function applyPermissionRequest(state: SessionItems, request: PermissionRequest): void {
  const known = state.permissions.get(request.requestId);
  state.permissions.set(request.requestId, { request, ...(known?.resolution ? { resolution: known.resolution } : {}) });
  state.version++;
}

/** Closes a permission request (`permission:resolved`): answered with `optionId`, or cancelled. */
export function applyPermissionResolved(
  state: SessionItems,
  requestId: string,
  optionId: string | undefined,
  outcome: "selected" | "cancelled" | undefined,
): void {
  const entry = state.permissions.get(requestId);
  if (!entry) return;
  entry.resolution = { outcome: outcome ?? (optionId ? "selected" : "cancelled"), ...(optionId ? { optionId } : {}) };
  state.version++;
}

/** The turn currently running (between `turn_started` and its terminal event), if any. */
export function runningTurn(state: SessionItems): TurnInfo | undefined {
  for (let i = state.turnOrder.length - 1; i >= 0; i--) {
    const info = state.turns.get(state.turnOrder[i] ?? "");
    if (info?.status === "running") return info;
  }
  return undefined;
}

/** Permission requests still waiting for an answer. */
export function pendingPermissions(state: SessionItems): PermissionRequest[] {
  return [...state.permissions.values()].filter((entry) => !entry.resolution).map((entry) => entry.request);
}

/** The id of the first (oldest) item held, for `session:history:more { beforeItemId }`. */
export function firstItemId(state: SessionItems): string | undefined {
  return state.order[0];
}
