// The error the server's services (sessions, projects) report to the HTTP/WebSocket layer, with an API error code.
import type { ApiErrorCode } from "../../shared/contracts/index.js";

/**
 * An error the service reports to callers; `code` maps to an HTTP status through `API_ERROR_STATUS`
 * (CONTRACTS.md section 6) and to a WebSocket `error { code, message }`. `message` is words for the user.
 */
export class ServiceError extends Error {
  override readonly name = "ServiceError";
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
  }
}
