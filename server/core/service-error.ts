// The error the server's services (sessions, projects) report to the HTTP/WebSocket layer, with an API error code.
import type { ApiErrorCode } from "../../shared/contracts/index.js";

/**
 * An error the service reports to callers; `code` maps to an HTTP status through `API_ERROR_STATUS`
 * (CONTRACTS.md section 6) and to a WebSocket `error { code, message }`. `message` is words for the user; `details`
 * are fields added to the error body (e.g. `MERGE_CONFLICT`'s `files`).
 */
export class ServiceError extends Error {
  override readonly name = "ServiceError";
  readonly details: ErrorDetails | undefined;
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    options?: { cause?: unknown; details?: ErrorDetails },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.details = options?.details;
  }
}

/** Fields an error body may carry besides `code` and `message`: the files of a `MERGE_CONFLICT`. */
export interface ErrorDetails {
  files?: string[];
}
