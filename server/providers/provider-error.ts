// ProviderError: the one error type providers throw, with a code from CONTRACTS.md section 5 and a cause.
import type { ProviderErrorCode } from "../../shared/contracts/index.js";

export type { ProviderErrorCode } from "../../shared/contracts/index.js";

/**
 * An error from a provider. `code` is one of CONTRACTS.md section 5 (`UNSUPPORTED_CLI_TYPE`, `SESSION_NOT_FOUND`,
 * `PROCESS_CRASH`, `PROTOCOL_ERROR`, `INVALID_STREAM_EVENT`, `INTERRUPT_FAILED`, `SESSION_CREATE_FAILED`,
 * `TURN_IN_PROGRESS`); `cause` keeps the underlying error (a spawn failure, a JSON-RPC error, …).
 */
export class ProviderError extends Error {
  override readonly name = "ProviderError";
  readonly code: ProviderErrorCode;

  constructor(code: ProviderErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
  }
}

/** True when `error` is a `ProviderError`, optionally with one of the given codes. */
export function isProviderError(error: unknown, ...codes: ProviderErrorCode[]): error is ProviderError {
  return error instanceof ProviderError && (codes.length === 0 || codes.includes(error.code));
}
