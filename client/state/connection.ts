// What the page shows about its link to the server: the status, the attempt count, when the next retry is due.

/** `connecting` (first attempt), `connected`, `reconnecting` (dropped, retrying), `offline` (several failures). */
export type ConnectionStatus = "connecting" | "connected" | "reconnecting" | "offline";

/**
 * The visible connection state (`AppState.connection`, `data-state` of `connection-state`): `attempt` counts the
 * failed attempts since the last success; `retryAt` is the epoch ms of the next attempt while disconnected, else null.
 * `net/connection.ts` produces it; `app/` puts it in the store.
 */
export interface ConnectionInfo {
  status: ConnectionStatus;
  attempt: number;
  retryAt: number | null;
}
