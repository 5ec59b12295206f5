// The Claude provider's configuration and the environment it hands to each Claude Code process.
import os from "node:os";
import path from "node:path";
import type { prewarm, query, renameSession } from "@anthropic-ai/claude-agent-sdk";
import type { Logger } from "../../../shared/util/index.js";
import type { BatchingOptions } from "../batching.js";

/**
 * Configuration of {@link ClaudeCodeProvider}. Everything is optional: with no config the CLI runs with the user's
 * own environment and `~/.claude`, untouched. Each field that names an environment variable overrides it for every
 * Claude Code process this provider starts.
 */
export interface ClaudeProviderConfig {
  /** `CLAUDE_CONFIG_DIR`: where the CLI keeps settings and transcripts (default `$CLAUDE_CONFIG_DIR` or `~/.claude`). */
  configDir?: string;
  /** `HOME` of the CLI process (tests use an empty temporary folder). */
  homeDir?: string;
  /** `CLAUDE_CODE_TMPDIR`: where the CLI puts its temporary files and sockets (default under `/tmp`). */
  tmpDir?: string;
  /** `ANTHROPIC_BASE_URL`, e.g. `http://127.0.0.1:PORT` for a local stand-in (no `/v1`). */
  baseUrl?: string;
  /** `ANTHROPIC_API_KEY`. */
  apiKey?: string;
  /** `CLAUDE_CODE_MAX_RETRIES`: API retries before an error ends the turn (the CLI's default is 10, over minutes). */
  maxRetries?: number;
  /** More environment variables, applied last (e.g. `{ IS_SANDBOX: "1" }` to allow `bypassPermissions` as root). */
  extraEnv?: Record<string, string>;
  /**
   * Start Claude Code processes before sessions need them (default `true`): a parked spare (SDK `prewarm()`) is
   * claimed by `createSession`, so the first message never waits for a cold CLI start. `false` starts each
   * session's process at `createSession` (cold), for benchmarks to compare.
   */
  warmStart?: boolean;
  /** The model to ask for (`--model`); default: the CLI's own default. */
  model?: string;
  /** Unit-test seam: replaces the SDK's `query()`. When set without `prewarmFn`, no spare processes are started. */
  queryFn?: typeof query;
  /** Unit-test seam: replaces the SDK's `prewarm()`. */
  prewarmFn?: typeof prewarm;
  /** Unit-test seam: replaces the SDK's `renameSession()`. */
  renameFn?: typeof renameSession;
  /** Tuning of the batching rule for streamed text and thinking (CONTRACTS.md section 4). */
  batching?: BatchingOptions;
  /** Receives every line the CLI writes to stderr (diagnostics); default: kept only for error messages. */
  onStderr?: (text: string) => void;
  /** Where failing listeners and unknown SDK event types are reported (once per type); default `consoleLogger`. */
  logger?: Logger;
}

/** Variables that switch off the CLI's network traffic besides the model API (CLI-NOTES.md). */
export const QUIET_CLI_ENV: Readonly<Record<string, string>> = {
  CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
  DISABLE_TELEMETRY: "1",
  DISABLE_AUTOUPDATER: "1",
  DISABLE_ERROR_REPORTING: "1",
};

/**
 * The complete environment of a Claude Code process. The SDK's `env` option *replaces* the process environment, so
 * this starts from `base` (default `process.env`, including `PATH`), adds {@link QUIET_CLI_ENV}, then the configured
 * overrides, then `extraEnv`.
 */
export function buildClaudeEnv(
  config: ClaudeProviderConfig,
  base: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) if (value !== undefined) env[key] = value;
  env.PATH = base.PATH ?? "/usr/local/bin:/usr/bin:/bin";
  Object.assign(env, QUIET_CLI_ENV);
  if (config.configDir !== undefined) env.CLAUDE_CONFIG_DIR = config.configDir;
  if (config.homeDir !== undefined) env.HOME = config.homeDir;
  if (config.tmpDir !== undefined) env.CLAUDE_CODE_TMPDIR = config.tmpDir;
  if (config.baseUrl !== undefined) env.ANTHROPIC_BASE_URL = config.baseUrl;
  if (config.apiKey !== undefined) env.ANTHROPIC_API_KEY = config.apiKey;
  if (config.maxRetries !== undefined) env.CLAUDE_CODE_MAX_RETRIES = String(config.maxRetries);
  Object.assign(env, config.extraEnv ?? {});
  return env;
}

/**
 * The CLI's config folder for `env` (as built by {@link buildClaudeEnv}): `CLAUDE_CONFIG_DIR`, else `$HOME/.claude`.
 * Transcripts live under `<configDir>/projects/`.
 */
export function resolveClaudeConfigDir(env: Record<string, string | undefined>): string {
  if (env.CLAUDE_CONFIG_DIR) return env.CLAUDE_CONFIG_DIR;
  return path.join(env.HOME ?? os.homedir(), ".claude");
}
