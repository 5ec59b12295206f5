// Known error codes and a parse helper whose errors name the offending path (CONTRACTS.md sections 5, 6, 8).
import type { z } from "zod";

/** `ProviderError` codes (CONTRACTS.md section 5). */
export const PROVIDER_ERROR_CODES = [
  "UNSUPPORTED_CLI_TYPE",
  "SESSION_NOT_FOUND",
  "PROCESS_CRASH",
  "PROTOCOL_ERROR",
  "INVALID_STREAM_EVENT",
  "INTERRUPT_FAILED",
  "SESSION_CREATE_FAILED",
  "TURN_IN_PROGRESS",
] as const;
/** One `ProviderError` code. */
export type ProviderErrorCode = (typeof PROVIDER_ERROR_CODES)[number];

/**
 * `errorCode`s a `turn_error` or an errored item may carry, beyond the provider codes: `CANCELLED` (an item still
 * open when its turn was cancelled), model API failures, the agent's refusal, and `SERVER_SHUTDOWN` (the server stopped
 * while the turn ran).
 */
export const TURN_ERROR_CODES = [
  "CANCELLED",
  "AUTHENTICATION_FAILED",
  "RATE_LIMITED",
  "PROVIDER_OVERLOADED",
  "PROVIDER_API_ERROR",
  "PROVIDER_CONNECTION_ERROR",
  "REFUSAL",
  "MAX_TOKENS",
  "PROCESS_CRASH",
  "PROTOCOL_ERROR",
  "SERVER_SHUTDOWN",
] as const;
/** One known turn error code (the field stays an open string). */
export type TurnErrorCode = (typeof TURN_ERROR_CODES)[number];

/** Error codes of the HTTP API and WebSocket `error` messages, with their HTTP status (CONTRACTS.md section 6). */
export const API_ERROR_STATUS = {
  INVALID_REQUEST: 400,
  UNSUPPORTED_CLI_TYPE: 400,
  PROJECT_ID_REQUIRED: 400,
  INVALID_PATH: 400,
  NOT_A_GIT_REPO: 400,
  NOT_A_WORKTREE_SESSION: 400,
  CONFIRM_REQUIRED: 400,
  INVALID_IMAGE: 400,
  IMAGES_UNSUPPORTED: 400,
  UNKNOWN_MODEL: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  PROJECT_NOT_FOUND: 404,
  SESSION_NOT_FOUND: 404,
  PERMISSION_REQUEST_NOT_FOUND: 404,
  NOT_FOUND: 404,
  IMAGE_NOT_FOUND: 404,
  TERMINAL_NOT_FOUND: 404,
  FILE_NOT_CHANGED: 404,
  DUPLICATE_PROJECT: 409,
  TURN_IN_PROGRESS: 409,
  SESSION_DEAD: 409,
  TERMINAL_LIMIT: 409,
  BRANCH_EXISTS: 409,
  NOTHING_TO_COMMIT: 409,
  NOTHING_TO_MERGE: 409,
  UNCOMMITTED_CHANGES: 409,
  MERGE_CONFLICT: 409,
  DIRTY_CHECKOUT: 409,
  CHECKOUT_ON_OTHER_BRANCH: 409,
  WORKTREE_MISSING: 409,
  WORKSPACE_BUSY: 409,
  IMAGE_TOO_LARGE: 413,
  INTERNAL_ERROR: 500,
  SESSION_CREATE_FAILED: 502,
  PROCESS_CRASH: 503,
  TERMINAL_START_FAILED: 500,
  STORE_ERROR: 500,
  GIT_FAILED: 500,
} as const;
/** One HTTP API / WebSocket error code. */
export type ApiErrorCode = keyof typeof API_ERROR_STATUS;

/** A failed validation; `message` names every offending path, e.g. `payload.status: Invalid option: …`. */
export class ContractValidationError extends Error {
  override readonly name = "ContractValidationError";
  /** Each problem as `{ path, message }`, `path` dotted (`entries.3.itemId`), `(root)` for the value itself. */
  readonly issues: { path: string; message: string }[];

  constructor(what: string, issues: { path: string; message: string }[]) {
    super(`Invalid ${what}: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
    this.issues = issues;
  }
}

/** Turns a zod error into path-named issues. */
export function describeIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: issue.path.length > 0 ? issue.path.map(String).join(".") : "(root)",
    message: issue.message,
  }));
}

/**
 * Validates `value` against `schema`.
 * @returns the parsed value (unknown keys stripped by zod's default object behaviour).
 * @throws ContractValidationError naming each offending path, e.g. `Invalid session:upsert: payload.itemId: …`.
 */
export function parseContract<T extends z.ZodType>(schema: T, value: unknown, what = "message"): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ContractValidationError(what, describeIssues(result.error));
  return result.data;
}
