// Events the service makes itself: the user's message, the end of a turn the CLI cannot end, a lost-session notice.
import type { MessageUpsert, TurnEvent, UpsertObject } from "../../shared/contracts/index.js";

/**
 * The user's message as an upsert (CONTRACTS.md section 1-2): itemId `${turnId}:user`, `origin: "user"`, status
 * `complete`. `sourceTimestamp` is when the message reached the service (ISO 8601 UTC).
 */
export function userMessageUpsert(input: {
  sessionId: string;
  turnId: string;
  content: string;
  sourceTimestamp: string;
}): MessageUpsert {
  return {
    type: "message",
    origin: "user",
    content: input.content,
    turnId: input.turnId,
    sessionId: input.sessionId,
    itemId: `${input.turnId}:user`,
    status: "complete",
    sourceTimestamp: input.sourceTimestamp,
    emittedAt: new Date().toISOString(),
  };
}

/**
 * The `errorCode` of a turn (and its open items) still running when the server shut down: the turn did not end, the
 * server ended its CLI. Not a `ProviderError` code; listed in `TURN_ERROR_CODES` (shared/contracts/errors.ts).
 */
export const SERVER_SHUTDOWN = "SERVER_SHUTDOWN";

/**
 * Why the service ends a turn itself: the session was killed (`cancelled`), or its process died, the server shut
 * down or the CLI started another turn (`error` with a code such as `PROCESS_CRASH`, `SERVER_SHUTDOWN`,
 * `PROTOCOL_ERROR`).
 */
export type TurnClosing = { kind: "cancelled" } | { kind: "error"; code: string; message: string };

/**
 * The events that end turn `turnId` when the CLI cannot (CONTRACTS.md sections 2-3): each item still open ends with
 * `status: "error"` keeping its content (`CANCELLED` for a kill, else the error code), then one terminal event:
 * `turn_complete { status: "cancelled" }` for a kill, `turn_error` otherwise.
 */
export function turnClosingEvents(
  sessionId: string,
  turnId: string,
  openItems: UpsertObject[],
  how: TurnClosing,
): (UpsertObject | TurnEvent)[] {
  const errorCode = how.kind === "cancelled" ? "CANCELLED" : how.code;
  const errorMessage = how.kind === "cancelled" ? "The session was ended" : how.message;
  const emittedAt = new Date().toISOString();
  const items: UpsertObject[] = openItems.map((item) => ({
    ...item,
    status: "error",
    errorCode,
    errorMessage,
    emittedAt,
  }));
  const terminal: TurnEvent =
    how.kind === "cancelled"
      ? { type: "turn_complete", turnId, sessionId, status: "cancelled" }
      : { type: "turn_error", turnId, sessionId, errorCode, errorMessage };
  return [...items, terminal];
}

/**
 * The system message that says a session goes on in a new CLI session because the CLI had not saved the old one
 * (CONTRACTS.md section 2): turn `${sessionId}:restart:${providerSessionId}` (the new CLI session's id), itemId
 * `${turnId}:notice`, `origin: "system"`, status `complete`. `cli` is the CLI's name as the user sees it.
 */
export function restartNoticeUpsert(input: {
  sessionId: string;
  providerSessionId: string;
  cli: string;
}): MessageUpsert {
  const { sessionId, cli } = input;
  const turnId = `${sessionId}:restart:${input.providerSessionId}`;
  const at = new Date().toISOString();
  return {
    type: "message",
    origin: "system",
    content: `${cli} had not saved this conversation when its process stopped, so it continues in a new ${cli} session: the agent does not see the messages above.`,
    turnId,
    sessionId,
    itemId: `${turnId}:notice`,
    status: "complete",
    sourceTimestamp: at,
    emittedAt: at,
  };
}
