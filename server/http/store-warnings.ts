// The one-sentence warning for a store problem, shared by `/api/health` and the WebSocket `STORE_ERROR` broadcast.
import type { StoreErrorInfo } from "../sessions/index.js";

/**
 * One sentence for a store problem (`StoreErrorInfo` of the JSON stores): `Could not save <file>: <message>` for a
 * failed write, `<file> was unreadable (<message>); moved to <movedTo>` for a corrupt file moved aside.
 */
export function describeStoreError(error: StoreErrorInfo): string {
  if (error.kind === "write") return `Could not save ${error.file}: ${error.message}`;
  const moved = error.movedTo ? `; moved to ${error.movedTo}` : "";
  return `${error.file} was unreadable (${error.message})${moved}`;
}
