// Error codes to sentences a user can read (CONTRACTS.md section 8: every failure shown in words).

/** Codes whose server message is already the whole sentence (e.g. "Could not start Codex: spawn ENOENT"). */
const AS_IS = new Set([
  "SESSION_CREATE_FAILED",
  "INVALID_PATH",
  "DUPLICATE_PROJECT",
  "SERVER_SHUTDOWN",
  "MESSAGE_TOO_LARGE", // the page's own refusal says the size and the limit
  // Workspaces: the server says what happened and what to do (server/workspaces/).
  "NOT_A_GIT_REPO",
  "BRANCH_EXISTS",
  "FILE_NOT_CHANGED",
  "NOTHING_TO_COMMIT",
  "NOTHING_TO_MERGE",
  "UNCOMMITTED_CHANGES",
  "MERGE_CONFLICT",
  "DIRTY_CHECKOUT",
  "CHECKOUT_ON_OTHER_BRANCH",
  "WORKTREE_MISSING",
  "NOT_A_WORKTREE_SESSION",
  "CONFIRM_REQUIRED",
]);

/** Sentence prefixes by code; the server's message follows after ": ". */
const PREFIX: Record<string, string> = {
  AUTHENTICATION_FAILED: "Authentication failed",
  RATE_LIMITED: "Rate limited by the model API",
  PROVIDER_OVERLOADED: "The model API is overloaded",
  PROVIDER_API_ERROR: "The model API returned an error",
  PROVIDER_CONNECTION_ERROR: "Could not reach the model API",
  REFUSAL: "The model declined to answer",
  MAX_TOKENS: "The answer hit the output token limit",
  PROCESS_CRASH: "The CLI process crashed",
  PROTOCOL_ERROR: "The CLI sent something Liminal could not understand",
  INVALID_STREAM_EVENT: "The CLI sent an unexpected event",
  INTERRUPT_FAILED: "Could not interrupt the turn",
  TURN_IN_PROGRESS: "A turn is already running in this session (wait for it or cancel it)",
  SESSION_NOT_FOUND: "Session not found",
  SESSION_DEAD: "This session's CLI process has ended",
  PROJECT_NOT_FOUND: "Project not found",
  UNSUPPORTED_CLI_TYPE: "Unsupported CLI",
  PERMISSION_REQUEST_NOT_FOUND: "That permission request is no longer open",
  INVALID_REQUEST: "The server rejected the request",
  UNAUTHORIZED: "Not authorised (reload the page to get a new access cookie)",
  FORBIDDEN: "Not allowed",
  INTERNAL_ERROR: "The server hit an internal error",
  STORE_ERROR: "The server could not save its data",
  NOT_FOUND: "Not found",
  NOT_CONNECTED: "Not connected to the server, nothing was sent",
  CONNECTION_LOST: "The connection dropped before the server answered",
  TIMEOUT: "The server did not answer in time",
  INVALID_MESSAGE: "The server sent a message this page could not read",
  GIT_FAILED: "git failed",
};

/** Fallbacks when a code that is shown as-is arrives with an empty message. */
const EMPTY_AS_IS: Record<string, string> = {
  SESSION_CREATE_FAILED: "Could not start the CLI",
  INVALID_PATH: "That folder does not exist or is not a directory",
  DUPLICATE_PROJECT: "That folder is already a project",
  SERVER_SHUTDOWN: "Liminal Builder stopped before this turn ended",
  NOT_A_GIT_REPO: "This folder is not a git repository",
  BRANCH_EXISTS: "That branch already exists: choose another name",
  FILE_NOT_CHANGED: "That file has no changes",
  NOTHING_TO_COMMIT: "There is nothing to commit",
  NOTHING_TO_MERGE: "There is nothing to merge",
  UNCOMMITTED_CHANGES: "The worktree has uncommitted changes: commit them first",
  MERGE_CONFLICT: "The merge conflicts: it was undone and nothing changed",
  DIRTY_CHECKOUT: "The project's checkout has uncommitted changes: commit or stash them, then merge",
  CHECKOUT_ON_OTHER_BRANCH: "The project's checkout is on another branch than the base",
  WORKTREE_MISSING: "The worktree folder is gone: discard the session",
  NOT_A_WORKTREE_SESSION: "This session works in the project folder, not in a worktree",
  CONFIRM_REQUIRED: "Discarding needs a confirmation",
};

/**
 * The sentence for an error `{ code, message }`: `"Authentication failed: <message>"`,
 * `"The CLI process crashed: <message>"`; `SESSION_CREATE_FAILED` / `INVALID_PATH` / `DUPLICATE_PROJECT` give the
 * message as is; `CANCELLED` (an item cut short by a cancel) is just `"Cancelled"`; an unknown code gives
 * `"<message> (<code>)"`. A message that already starts with the prefix is not
 * repeated.
 */
export function describeError(code: string, message: string): string {
  const text = message.trim();
  if (code === "CANCELLED") return "Cancelled";
  if (AS_IS.has(code)) return text || (EMPTY_AS_IS[code] ?? code);
  const prefix = PREFIX[code];
  if (!prefix) return text ? `${text} (${code})` : `Error ${code}`;
  if (!text || text.toLowerCase() === prefix.toLowerCase()) return prefix;
  if (text.toLowerCase().startsWith(prefix.toLowerCase())) return text;
  return `${prefix}: ${text}`;
}

/** What an item that ended with its turn's own error says; the turn's status line says the error itself. */
export const CUT_SHORT_TEXT = "Cut short";

/**
 * The note under an item that ended in error: `CUT_SHORT_TEXT` when `endedByTurnError` (the item was still open when
 * its turn failed, and the turn's status line says why), else the item's own error in words (`describeError`).
 */
export function itemErrorText(
  item: { errorCode?: string | undefined; errorMessage?: string | undefined },
  endedByTurnError: boolean,
): string {
  if (endedByTurnError) return CUT_SHORT_TEXT;
  return describeError(item.errorCode ?? "UNKNOWN", item.errorMessage ?? "");
}
