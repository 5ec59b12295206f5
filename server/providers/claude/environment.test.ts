// Unit tests: the environment handed to Claude Code, and the API-failure codes turn errors carry.
import { describe, expect, it } from "vitest";
import { buildClaudeEnv, resolveClaudeConfigDir } from "./environment.js";
import { claudeApiErrorCode } from "./errors.js";

const USER_ENV = { PATH: "/usr/bin", HOME: "/home/ada", LANG: "C.UTF-8", ANTHROPIC_API_KEY: "sk-user" };

describe("buildClaudeEnv", () => {
  it("keeps the user's own environment and ~/.claude when nothing is configured, adding only the quiet switches", () => {
    const env = buildClaudeEnv({}, USER_ENV);
    expect(env).toEqual({
      ...USER_ENV,
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
      DISABLE_TELEMETRY: "1",
      DISABLE_AUTOUPDATER: "1",
      DISABLE_ERROR_REPORTING: "1",
    });
    expect(resolveClaudeConfigDir(env)).toBe("/home/ada/.claude");
  });

  it("applies the configured folders, server, key and retries, then extraEnv last", () => {
    const env = buildClaudeEnv(
      {
        configDir: "/t/config",
        homeDir: "/t/home",
        tmpDir: "/t/tmp",
        baseUrl: "http://127.0.0.1:4000",
        apiKey: "sk-test",
        maxRetries: 0,
        extraEnv: { IS_SANDBOX: "1", DISABLE_TELEMETRY: "0" },
      },
      USER_ENV,
    );
    expect(env).toMatchObject({
      PATH: "/usr/bin",
      CLAUDE_CONFIG_DIR: "/t/config",
      HOME: "/t/home",
      CLAUDE_CODE_TMPDIR: "/t/tmp",
      ANTHROPIC_BASE_URL: "http://127.0.0.1:4000",
      ANTHROPIC_API_KEY: "sk-test",
      CLAUDE_CODE_MAX_RETRIES: "0",
      IS_SANDBOX: "1",
      DISABLE_TELEMETRY: "0",
    });
    expect(resolveClaudeConfigDir(env)).toBe("/t/config");
  });

  it("always passes a PATH, since the SDK's env replaces the process environment", () => {
    expect(buildClaudeEnv({}, { HOME: "/h" }).PATH).toMatch(/\/usr\/bin/);
  });
});

describe("claudeApiErrorCode", () => {
  it.each([
    [{ error: "authentication_failed", status: 401, type: "authentication_error" }, "AUTHENTICATION_FAILED"],
    [{ error: "rate_limit", status: 429 }, "RATE_LIMITED"],
    [{ error: "server_error", status: 529, type: "overloaded_error" }, "PROVIDER_OVERLOADED"],
    [{ error: "server_error", status: 529 }, "PROVIDER_OVERLOADED"],
    [{ error: "server_error", status: 500, type: "api_error" }, "PROVIDER_API_ERROR"],
    [{ error: "server_error", status: null, apiError: "connection_failed" }, "PROVIDER_CONNECTION_ERROR"],
    [{ error: "max_output_tokens" }, "MAX_TOKENS"],
    [{ error: "invalid_request", status: 400 }, "PROVIDER_API_ERROR"],
  ])("maps %o to %s", (failure, code) => {
    expect(claudeApiErrorCode(failure)).toBe(code);
  });
});
