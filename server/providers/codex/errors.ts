// Maps codex-acp's JSON-RPC errors onto turn error codes (CONTRACTS.md section 3) and ProviderErrors (section 5).
import type { TurnErrorCode } from "../../../shared/contracts/index.js";

/** JSON-RPC "Resource not found": `session/load` of an unknown session id. */
export const RESOURCE_NOT_FOUND = -32002;

/** A turn failure as the `turn_error` event carries it. */
export interface TurnFailure {
  errorCode: TurnErrorCode;
  errorMessage: string;
}

/** The JSON-RPC `code` of an error thrown by the ACP SDK (`RequestError`), if any. */
export function rpcCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "number" ? code : undefined;
}

function rpcData(error: unknown): Record<string, unknown> {
  const data = (error as { data?: unknown } | null)?.data;
  return data !== null && typeof data === "object" ? (data as Record<string, unknown>) : {};
}

/** The most useful text of an error: codex-acp's `data.message`, else the error's own message. */
export function errorText(error: unknown): string {
  const dataMessage = rpcData(error).message;
  if (typeof dataMessage === "string" && dataMessage.trim() !== "") return dataMessage;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Codex's `codex_error_info` strings that name the failure outright. */
const CODE_BY_ERROR_INFO: Record<string, TurnErrorCode> = {
  unauthorized: "AUTHENTICATION_FAILED",
  usage_limit_exceeded: "RATE_LIMITED",
  server_overloaded: "PROVIDER_OVERLOADED",
  internal_server_error: "PROVIDER_API_ERROR",
  http_connection_failed: "PROVIDER_CONNECTION_ERROR",
  response_stream_connection_failed: "PROVIDER_CONNECTION_ERROR",
  response_stream_disconnected: "PROVIDER_CONNECTION_ERROR",
  context_window_exceeded: "MAX_TOKENS",
};

function codeForHttpStatus(status: number): TurnErrorCode {
  if (status === 401 || status === 403) return "AUTHENTICATION_FAILED";
  if (status === 429) return "RATE_LIMITED";
  if (status === 503 || status === 529) return "PROVIDER_OVERLOADED";
  return "PROVIDER_API_ERROR";
}

function codeForText(text: string): TurnErrorCode {
  if (/\b(401|403)\b|unauthori[sz]ed|authentication|api key/i.test(text)) return "AUTHENTICATION_FAILED";
  if (/\b429\b|rate.?limit|too many requests/i.test(text)) return "RATE_LIMITED";
  if (/\b(503|529)\b|overloaded/i.test(text)) return "PROVIDER_OVERLOADED";
  if (/stream disconnected|transport error|connection (refused|reset|failed)|network error/i.test(text)) {
    return "PROVIDER_CONNECTION_ERROR";
  }
  return "PROVIDER_API_ERROR";
}

/**
 * The `turn_error` for a JSON-RPC error answering `session/prompt`. codex-acp answers a model API failure with
 * `-32603` and `data: { message, codex_error_info }`, where `codex_error_info` is a string (`"unauthorized"`,
 * `"internal_server_error"`, `"other"`, …) or `{ response_too_many_failed_attempts: { http_status_code } }`.
 * The code comes from `codex_error_info` when it is specific, else from the message text (401 → AUTHENTICATION_FAILED,
 * 429 → RATE_LIMITED, 503/529 → PROVIDER_OVERLOADED, a dropped stream → PROVIDER_CONNECTION_ERROR), else
 * PROVIDER_API_ERROR. The message is the agent's `data.message`.
 */
export function promptFailure(error: unknown): TurnFailure {
  const errorMessage = errorText(error);
  const info = rpcData(error).codex_error_info;
  if (typeof info === "string" && CODE_BY_ERROR_INFO[info]) {
    return { errorCode: CODE_BY_ERROR_INFO[info] as TurnErrorCode, errorMessage };
  }
  if (info !== null && typeof info === "object") {
    for (const detail of Object.values(info as Record<string, unknown>)) {
      const status = (detail as { http_status_code?: unknown } | null)?.http_status_code;
      if (typeof status === "number") return { errorCode: codeForHttpStatus(status), errorMessage };
    }
  }
  return { errorCode: codeForText(errorMessage), errorMessage };
}
