// The error codes the browser itself produces for failures that never reached the server (no server reply).

/**
 * Codes of a `CommandError` made on this page: `NOT_CONNECTED` (nothing was sent), `CONNECTION_LOST` (the socket
 * dropped before the reply), `TIMEOUT` (no reply in time), `INVALID_MESSAGE` (a server message failed validation),
 * `MESSAGE_TOO_LARGE` (a command bigger than the server's WebSocket frame limit, refused before sending).
 * `state/error-text.ts` turns them into sentences like the server's codes (CONTRACTS.md section 8).
 */
export const CLIENT_ERROR_CODES = {
  NOT_CONNECTED: "NOT_CONNECTED",
  CONNECTION_LOST: "CONNECTION_LOST",
  TIMEOUT: "TIMEOUT",
  INVALID_MESSAGE: "INVALID_MESSAGE",
  MESSAGE_TOO_LARGE: "MESSAGE_TOO_LARGE",
} as const;
