// The composer's send bookkeeping per session: a send starts (busy, old error gone) and settles exactly once.
import { type AppState, omitKey } from "./app-state.js";

/** The part of `AppState` a send changes. */
export type SendFields = Pick<AppState, "sending" | "sendErrors">;

/** A `session:send` for `sessionId` is on its way: the composer shows "Sending…"; the last send error goes. */
export function sendStarted(state: SendFields, sessionId: string): SendFields {
  return { sending: { ...state.sending, [sessionId]: true }, sendErrors: omitKey(state.sendErrors, sessionId) };
}

/**
 * The send's request settled: acknowledged (`error` null: `session:sent` arrived), refused by the server, timed out,
 * or cut off by a disconnect (`error` = that failure in words, shown under the composer). The only transition that
 * clears `sending`, so the composer is usable again in every case.
 */
export function sendSettled(state: SendFields, sessionId: string, error: string | null): SendFields {
  return {
    sending: omitKey(state.sending, sessionId),
    sendErrors: error === null ? state.sendErrors : { ...state.sendErrors, [sessionId]: error },
  };
}
