// The error codes the browser itself produces for failures that never reached the server (no server reply).

/**
 * Codes of a `CommandError` made on this page: `NOT_CONNECTED` (nothing was sent), `CONNECTION_LOST` (the socket
 * dropped before the reply), `TIMEOUT` (no reply in time), `INVALID_MESSAGE` (a server message failed validation).
 * `state/error-text.ts` turns them into sentences like the server's codes (CONTRACTS.md section 8).
 */
export const CLIENT_ERROR_CODES = {
  NOT_CONNECTED: "NOT_CONNECTED",
  CONNECTION_LOST: "CONNECTION_LOST",
  TIMEOUT: "TIMEOUT",
  INVALID_MESSAGE: "INVALID_MESSAGE",
} as const;
