// Unit tests: codex-acp's session/prompt errors (as observed against the local stand-in) map to turn error codes.
import * as acp from "@agentclientprotocol/sdk";
import { describe, expect, it } from "vitest";
import { promptFailure } from "./errors.js";

const rpc = (message: string, info: unknown) =>
  new acp.RequestError(-32603, "Internal error", { message, codex_error_info: info });

describe("promptFailure", () => {
  it.each([
    [
      "HTTP 401",
      rpc(
        "unexpected status 401 Unauthorized: Incorrect API key provided., url: http://127.0.0.1/v1/responses",
        "other",
      ),
      "AUTHENTICATION_FAILED",
    ],
    [
      "HTTP 429 after retries",
      rpc("exceeded retry limit, last status: 429 Too Many Requests", {
        response_too_many_failed_attempts: { http_status_code: 429 },
      }),
      "RATE_LIMITED",
    ],
    ["HTTP 500", rpc("We're currently experiencing high demand.", "internal_server_error"), "PROVIDER_API_ERROR"],
    [
      "HTTP 503",
      rpc("unexpected status 503 Service Unavailable: The server is overloaded", "other"),
      "PROVIDER_OVERLOADED",
    ],
    [
      "a dropped stream",
      rpc("stream disconnected before completion: Transport error: network error", "other"),
      "PROVIDER_CONNECTION_ERROR",
    ],
    ["a named unauthorized error", rpc("Please log in", "unauthorized"), "AUTHENTICATION_FAILED"],
    ["anything else", rpc("Something odd happened", "other"), "PROVIDER_API_ERROR"],
  ])("maps %s", (_name, error, code) => {
    expect(promptFailure(error)).toEqual({
      errorCode: code,
      errorMessage: (error.data as { message: string }).message,
    });
  });

  it("falls back to the error's own message when there is no data.message", () => {
    expect(promptFailure(new acp.RequestError(-32603, "Internal error"))).toEqual({
      errorCode: "PROVIDER_API_ERROR",
      errorMessage: "Internal error",
    });
  });
});
