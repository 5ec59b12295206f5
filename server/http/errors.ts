// Maps every failure to the `{ code, message }` error body and its HTTP status (CONTRACTS.md sections 6 and 8).
import type { FastifyError, FastifyInstance, FastifyReply } from "fastify";
import {
  API_ERROR_STATUS,
  type ApiErrorCode,
  ContractValidationError,
  type ErrorBody,
  PROVIDER_ERROR_CODES,
} from "../../shared/contracts/index.js";

/** An error the HTTP layer raises itself (bad body, missing token, …); same shape as a `ServiceError`. */
export class HttpError extends Error {
  override readonly name = "HttpError";
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A failure as the browser sees it: the HTTP status, and the body `{ code, message }` (plus `files` for a conflict). */
export interface ErrorResponse {
  status: number;
  body: ErrorBody & { files?: string[] };
  /** True when the failure was not expected (a bug or a broken store): the caller logs it. */
  unexpected: boolean;
}

/**
 * Classifies any thrown value:
 * - an error whose `code` is a known API code (`ServiceError`, `ProviderError`, `HttpError`) → that code, with the
 *   status from `API_ERROR_STATUS`, and its message;
 * - a `ProviderError` code with no API status (`PROTOCOL_ERROR`, `INTERRUPT_FAILED`, …) → 500 with that code;
 * - a `ContractValidationError` → 400 `INVALID_REQUEST` naming the offending fields;
 * - a 403 from a plugin (a static file path `send` refuses) → 403 `FORBIDDEN`;
 * - a Fastify client error (malformed JSON, unsupported media type, body too large) → `INVALID_REQUEST` with
 *   Fastify's 4xx status;
 * - anything else → 500 `INTERNAL_ERROR`, flagged `unexpected`.
 */
export function toErrorResponse(error: unknown): ErrorResponse {
  if (error instanceof ContractValidationError) {
    return { status: 400, body: { code: "INVALID_REQUEST", message: error.message }, unexpected: false };
  }
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof code === "string" && isApiErrorCode(code)) {
    const files = (error as { details?: { files?: unknown } }).details?.files;
    const body = Array.isArray(files) ? { code, message, files: files.map(String) } : { code, message };
    return { status: API_ERROR_STATUS[code], body, unexpected: code === "INTERNAL_ERROR" };
  }
  if (typeof code === "string" && (PROVIDER_ERROR_CODES as readonly string[]).includes(code)) {
    return { status: 500, body: { code, message }, unexpected: false };
  }
  const statusCode = (error as FastifyError | null)?.statusCode;
  if (statusCode === 403) {
    // @fastify/static (through `send`) refuses a path it will not serve, e.g. one holding a NUL byte.
    return { status: 403, body: { code: "FORBIDDEN", message: "This path is not served" }, unexpected: false };
  }
  if (typeof statusCode === "number" && statusCode >= 400 && statusCode < 500) {
    return {
      status: statusCode,
      body: { code: "INVALID_REQUEST", message: clientErrorMessage(error) },
      unexpected: false,
    };
  }
  return {
    status: 500,
    body: { code: "INTERNAL_ERROR", message: `Internal error: ${message || "unknown failure"}` },
    unexpected: true,
  };
}

/** True when `code` is one of the API error codes of `API_ERROR_STATUS`. */
export function isApiErrorCode(code: string): code is ApiErrorCode {
  return Object.hasOwn(API_ERROR_STATUS, code);
}

/** Sends `{ code, message }` with the status of `code`. */
export function sendError(reply: FastifyReply, code: ApiErrorCode, message: string): FastifyReply {
  return reply.code(API_ERROR_STATUS[code]).send({ code, message } satisfies ErrorBody);
}

/**
 * Installs the error and not-found handlers so that every failure, Fastify's own included (malformed JSON, unknown
 * route), answers `{ code, message }`. Unexpected errors are logged with their stack.
 */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const response = toErrorResponse(error);
    if (response.unexpected) request.log.error({ err: error }, "request failed");
    return reply.code(response.status).send(response.body);
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, "NOT_FOUND", `No route for ${request.method} ${request.url.split("?")[0]}`),
  );
}

function clientErrorMessage(error: unknown): string {
  const fastifyError = error as FastifyError;
  if (fastifyError.code === "FST_ERR_CTP_INVALID_JSON_BODY" || error instanceof SyntaxError) {
    return `Invalid JSON body: ${fastifyError.message}`;
  }
  if (fastifyError.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
    return "The request body is larger than this route accepts (16 MiB; a message with images up to 80 MiB)";
  }
  return fastifyError.message;
}
