// Test support: records what a session service says about one session and waits on it (no sleeps, with a deadline).
import type {
  PermissionRequest,
  SessionSummary,
  StreamMessage,
  ToolCallUpsert,
  TurnTerminalEvent,
  UpsertObject,
} from "../../../shared/contracts/index.js";
import type { PermissionResolution, SessionServiceEvents } from "../types.js";

/** How long `until` waits by default before it fails (ms). */
export const DEFAULT_WAIT_MS = 30_000;

/** Everything recorded for one session, plus waits on it. */
export interface SessionRecorder {
  readonly messages: StreamMessage[];
  readonly requests: PermissionRequest[];
  readonly resolutions: PermissionResolution[];
  readonly summaries: SessionSummary[];
  /**
   * Resolves with `test()`'s first non-undefined value, checked now and after every recorded event.
   * @throws an Error naming `what` when nothing matched within `timeoutMs` (default 30 s).
   */
  until<T>(what: string, test: () => T | undefined, timeoutMs?: number): Promise<T>;
  /** The `n`-th permission request of the session (0-based), once it has arrived. */
  request(n: number): Promise<PermissionRequest>;
  /** The resolution of `requestId`, once it has arrived. */
  resolution(requestId: string): Promise<PermissionResolution>;
  /** The terminal turn event of `turnId`, once it has arrived. */
  turnEnd(turnId: string): Promise<TurnTerminalEvent>;
  /** The latest state of every item of `turnId`, in order of first appearance. */
  items(turnId: string): UpsertObject[];
  /** The latest state of every tool call of `turnId`. */
  toolCalls(turnId: string): ToolCallUpsert[];
  /** Stops recording (waits still pending end at their deadline). */
  stop(): void;
}

/** Starts recording the stream, permission requests and resolutions, and summaries of `sessionId` from `events`. */
export function recordSession(events: SessionServiceEvents, sessionId: string): SessionRecorder {
  const messages: StreamMessage[] = [];
  const requests: PermissionRequest[] = [];
  const resolutions: PermissionResolution[] = [];
  const summaries: SessionSummary[] = [];
  const waiters = new Set<() => void>();
  const changed = () => {
    for (const check of [...waiters]) check();
  };
  const offs = [
    events.onStream(sessionId, (message) => {
      messages.push(message);
      changed();
    }),
    events.onPermissionRequest((id, request) => {
      if (id !== sessionId) return;
      requests.push(request);
      changed();
    }),
    events.onPermissionResolved((resolution) => {
      if (resolution.sessionId !== sessionId) return;
      resolutions.push(resolution);
      changed();
    }),
    events.onSessionUpdated((summary) => {
      if (summary.sessionId !== sessionId) return;
      summaries.push(summary);
      changed();
    }),
  ];

  const until = <T>(what: string, test: () => T | undefined, timeoutMs = DEFAULT_WAIT_MS): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const check = () => {
        const value = test();
        if (value === undefined) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(value);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  const items = (turnId: string): UpsertObject[] => {
    const byId = new Map<string, UpsertObject>();
    for (const message of messages) {
      if (message.type === "session:upsert" && message.payload.turnId === turnId) {
        byId.set(message.payload.itemId, message.payload);
      }
    }
    return [...byId.values()];
  };

  return {
    messages,
    requests,
    resolutions,
    summaries,
    until,
    request: (n) => until(`permission request #${n}`, () => requests[n]),
    resolution: (requestId) =>
      until(`the resolution of ${requestId}`, () => resolutions.find((r) => r.requestId === requestId)),
    turnEnd: (turnId) =>
      until(`the end of turn ${turnId}`, () => {
        for (const message of messages) {
          if (message.type !== "session:turn" || message.payload.turnId !== turnId) continue;
          if (message.payload.type !== "turn_started") return message.payload;
        }
        return undefined;
      }),
    items,
    toolCalls: (turnId) => items(turnId).filter((item): item is ToolCallUpsert => item.type === "tool_call"),
    stop: () => {
      for (const off of offs) off();
    },
  };
}
