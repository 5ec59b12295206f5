// Builders of contract-shaped messages, and a scripted stand-in for the WebSocket, for the client's unit tests.
import type {
  MessageUpsert,
  ServerMessageOf,
  ThinkingUpsert,
  ToolCallUpsert,
  TurnEvent,
  UpsertObject,
} from "../shared/contracts/index.js";
import type { SocketLike } from "./net/connection.js";
import { type AppState, initialAppState } from "./state/app-state.js";

const T = "2026-01-01T00:00:00.000Z";

/** The fields every test upsert shares: turn `t1` of session `s1`, both timestamps `T`. */
function base(itemId: string) {
  return { turnId: "t1", sessionId: "s1", itemId, sourceTimestamp: T, emittedAt: T };
}

/** The app state of a page with one open, active tab: session `s1`. */
export function oneTabState(): AppState {
  return initialAppState({
    tabs: { open: ["s1"], active: "s1", attention: {} },
    collapsed: [],
    sidebarCollapsed: false,
    scroll: {},
    titles: {},
    terminalPanel: { open: false, height: 280 },
  });
}

/** An agent (or user) message upsert. */
export function message(itemId: string, content: string, extra: Partial<MessageUpsert> = {}): MessageUpsert {
  return {
    type: "message",
    origin: "agent",
    ...base(itemId),
    status: "complete",
    content,
    ...extra,
  };
}

/** A thinking upsert. */
export function thinking(itemId: string, content: string, extra: Partial<ThinkingUpsert> = {}): ThinkingUpsert {
  return {
    type: "thinking",
    providerId: "claude-code",
    ...base(itemId),
    status: "complete",
    content,
    ...extra,
  };
}

/** A tool call upsert. */
export function toolCall(itemId: string, callId: string, extra: Partial<ToolCallUpsert> = {}): ToolCallUpsert {
  return {
    type: "tool_call",
    toolName: "Bash",
    callId,
    toolArguments: {},
    ...base(itemId),
    status: "create",
    ...extra,
  };
}

/** A `session:upsert` stream message. */
export function upsertMsg(seq: number, payload: UpsertObject): ServerMessageOf<"session:upsert"> {
  return { type: "session:upsert", sessionId: payload.sessionId, seq, payload };
}

/** A `session:turn` stream message. */
export function turnMsg(seq: number, payload: TurnEvent): ServerMessageOf<"session:turn"> {
  return { type: "session:turn", sessionId: payload.sessionId, seq, payload };
}

/** A `session:history` message. */
export function historyMsg(
  entries: UpsertObject[],
  seq: number,
  extra: Partial<ServerMessageOf<"session:history">> = {},
): ServerMessageOf<"session:history"> {
  return { type: "session:history", sessionId: "s1", entries, seq, hasMore: false, ...extra };
}

/**
 * A socket the test drives: `open()` / `drop()` fire `onopen` / `onclose` (readyState 1 / 3); `receive(message)`
 * delivers a server message as JSON; `sent` holds every command the page sent, parsed.
 */
export class FakeSocket implements SocketLike {
  readyState = 0;
  onopen: ((event: unknown) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  sent: Record<string, unknown>[] = [];
  send(data: string) {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close() {
    this.drop();
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({});
  }
  receive(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}
