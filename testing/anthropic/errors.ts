// Anthropic Messages API error bodies: HTTP error answers and the in-stream `event: error`.

/** The `error.type` values of Anthropic API errors the stand-in produces. */
export type AnthropicErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "not_found_error"
  | "rate_limit_error"
  | "api_error"
  | "overloaded_error";

/** An Anthropic error body: `{ type: "error", error: { type, message } }` (also the data of an SSE `error` event). */
export interface AnthropicErrorBody {
  type: "error";
  error: { type: AnthropicErrorType; message: string };
}

const BY_STATUS: Record<number, { type: AnthropicErrorType; message: string }> = {
  400: { type: "invalid_request_error", message: "Invalid request." },
  401: { type: "authentication_error", message: "invalid x-api-key" },
  404: { type: "not_found_error", message: "Not found." },
  429: { type: "rate_limit_error", message: "This request would exceed the rate limit (local stand-in scenario)." },
  500: { type: "api_error", message: "Internal server error (local stand-in scenario)." },
  529: { type: "overloaded_error", message: "Overloaded (local stand-in scenario)." },
};

/** The error body Anthropic sends with an HTTP `status` (401 authentication, 429 rate limit, 500 api, 529 overloaded). */
export function errorBodyForStatus(status: number, message?: string): AnthropicErrorBody {
  const known = BY_STATUS[status] ?? { type: "api_error" as const, message: `HTTP ${status}` };
  return { type: "error", error: { type: known.type, message: message ?? known.message } };
}

/** The in-stream error a `midStreamError` step ends with (`event: error`, overloaded as the real API sends it). */
export function midStreamErrorBody(): AnthropicErrorBody {
  return {
    type: "error",
    error: { type: "overloaded_error", message: "Overloaded (local stand-in mid-stream error)." },
  };
}
