// OpenAI API error responses (HTTP status + JSON error body) for the scenario `http` failures.

/** The JSON body OpenAI sends with an HTTP error: `{ error: { message, type, param, code } }`. */
export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

/** An HTTP error answer: the status to send and its body. */
export interface OpenAIHttpError {
  status: number;
  body: OpenAIErrorBody;
}

/**
 * The OpenAI error for a scenario HTTP failure. 401 → `invalid_api_key`, 429 → `rate_limit_exceeded`,
 * 500 → `server_error`; 529 is Anthropic's "overloaded" and has no OpenAI equivalent, so it becomes 503 with
 * OpenAI's overloaded message. Any other status gets a generic `server_error` body.
 */
export function openAIError(status: number): OpenAIHttpError {
  const body = (message: string, type: string, code: string | null): OpenAIErrorBody => ({
    error: { message, type, param: null, code },
  });
  switch (status) {
    case 401:
      return {
        status,
        body: body(
          "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.",
          "invalid_request_error",
          "invalid_api_key",
        ),
      };
    case 429:
      return {
        status,
        body: body(
          "Rate limit reached for requests. Please try again in 1s. (local stand-in scenario)",
          "requests",
          "rate_limit_exceeded",
        ),
      };
    case 529:
    case 503:
      return {
        status: 503,
        body: body("The server is overloaded or not ready yet. (local stand-in scenario)", "server_error", null),
      };
    default:
      return {
        status,
        body: body(
          "The server had an error while processing your request. Sorry about that! (local stand-in scenario)",
          "server_error",
          null,
        ),
      };
  }
}

/** A 404 for paths this stand-in does not serve, in OpenAI's error shape. */
export function notFound(method: string, url: string): OpenAIHttpError {
  return {
    status: 404,
    body: {
      error: { message: `Invalid URL (${method} ${url})`, type: "invalid_request_error", param: null, code: null },
    },
  };
}
