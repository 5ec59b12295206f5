// Maps Claude Code's model API failures (synthetic error messages, error results) to turn error codes.
import type { TurnErrorCode } from "../../../shared/contracts/index.js";

/** What the CLI says about a failed model API call (fields of the synthetic `assistant` message or the `result`). */
export interface ClaudeApiFailure {
  /** `SDKAssistantMessageError`: `authentication_failed`, `rate_limit`, `overloaded`, `server_error`, … */
  error?: string;
  /** The HTTP status of the failed request (`api_error_status`), `null`/absent for connection errors. */
  status?: number | null;
  /** The Anthropic error type (`api_error_type`), e.g. `overloaded_error`, `authentication_error`. */
  type?: string;
  /** The CLI's own failure class (`api_error`), e.g. `connection_failed` when no HTTP answer came. */
  apiError?: string;
}

const BY_TYPE: Record<string, TurnErrorCode> = {
  authentication_error: "AUTHENTICATION_FAILED",
  permission_error: "AUTHENTICATION_FAILED",
  rate_limit_error: "RATE_LIMITED",
  overloaded_error: "PROVIDER_OVERLOADED",
};

const BY_ERROR: Record<string, TurnErrorCode> = {
  authentication_failed: "AUTHENTICATION_FAILED",
  oauth_org_not_allowed: "AUTHENTICATION_FAILED",
  cloud_credential_error: "AUTHENTICATION_FAILED",
  rate_limit: "RATE_LIMITED",
  overloaded: "PROVIDER_OVERLOADED",
  max_output_tokens: "MAX_TOKENS",
};

/**
 * The turn error code for a model API failure. The Anthropic error type and HTTP status win over the CLI's coarse
 * `error` (the CLI calls a 529 `server_error`): 401/403 → `AUTHENTICATION_FAILED`, 429 → `RATE_LIMITED`,
 * 529 → `PROVIDER_OVERLOADED`; a failure without an HTTP answer (`api_error: "connection_failed"`, timeouts) →
 * `PROVIDER_CONNECTION_ERROR`; any other failure → `PROVIDER_API_ERROR`.
 */
export function claudeApiErrorCode(failure: ClaudeApiFailure): TurnErrorCode {
  const byType = failure.type === undefined ? undefined : BY_TYPE[failure.type];
  if (byType) return byType;
  const status = failure.status ?? undefined;
  if (status === 401 || status === 403) return "AUTHENTICATION_FAILED";
  if (status === 429) return "RATE_LIMITED";
  if (status === 529) return "PROVIDER_OVERLOADED";
  const byError = failure.error === undefined ? undefined : BY_ERROR[failure.error];
  if (byError) return byError;
  if (status === undefined && /connect|timeout|timed_out|network/i.test(failure.apiError ?? "")) {
    return "PROVIDER_CONNECTION_ERROR";
  }
  return "PROVIDER_API_ERROR";
}

/** Words for a crashed CLI, e.g. `Claude Code exited (signal SIGKILL)` plus the tail of its stderr when known. */
export function describeProcessExit(exitCode: number | null, signal: string | null, stderrTail = ""): string {
  const how = signal ? `signal ${signal}` : `code ${exitCode ?? "unknown"}`;
  const tail = stderrTail.trim();
  return tail ? `Claude Code exited (${how}): ${tail}` : `Claude Code exited (${how})`;
}
