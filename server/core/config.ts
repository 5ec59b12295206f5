// Server configuration read from the environment (README "Configuration"), validated once at start-up.
import { homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Everything the server process needs to start. Paths are absolute, `~` already expanded.
 * - `port`: TCP port to listen on (0 = any free port, for tests).
 * - `host`: bind address; loopback by default (the server drives agents that run shell commands).
 * - `allowedHosts`: extra `Host` header names accepted besides loopback names and `host` (DNS-rebinding guard).
 * - `dataDir`: projects, session metadata and the access token (`<dataDir>/access-token`).
 * - `claudeConfigDir` / `codexHome`: the CLIs' own config folders (transcripts, rollouts).
 * - `clientDir`: the built browser app (`npm run build:client` writes `dist/client/`).
 * - `idleMinutes`: minutes a session's CLI may sit idle before it is closed (`sleeping`); 0 = never.
 * - `replayBudgetBytes`: most bytes of stream messages each session holds for replay (`LIMINAL_REPLAY_BUDGET_MB` ×
 *   1,048,576); absent: the session service's default (8 MiB).
 */
export interface ServerConfig {
  port: number;
  host: string;
  allowedHosts: string[];
  dataDir: string;
  claudeConfigDir: string;
  codexHome: string;
  clientDir: string;
  idleMinutes: number;
  replayBudgetBytes?: number;
}

/** A configuration value that cannot be used; `message` names the variable and the value. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** The built client folder of this checkout: `<repo>/dist/client`. */
export const DEFAULT_CLIENT_DIR = fileURLToPath(new URL("../../dist/client/", import.meta.url));

/**
 * Reads the configuration from `env`:
 * `LIMINAL_PORT` (default 3000, 0–65535), `LIMINAL_HOST` (default `127.0.0.1`), `LIMINAL_ALLOWED_HOSTS`
 * (comma-separated host names), `LIMINAL_DATA_DIR` (default `~/.liminal-builder`), `CLAUDE_CONFIG_DIR` (default
 * `~/.claude`), `CODEX_HOME` (default `~/.codex`), `LIMINAL_CLIENT_DIR` (default `<repo>/dist/client`),
 * `LIMINAL_IDLE_MINUTES` (default 10, a number ≥ 0, fractions allowed; 0 = idle CLIs never sleep),
 * `LIMINAL_REPLAY_BUDGET_MB` (MiB per session, a positive number; unset: the service's default of 8).
 * `~` means `env.HOME`, else the OS home folder; relative paths resolve against the current directory.
 * @throws ConfigError for a port that is not a whole number in range, an empty host, idle minutes that are not a
 *   number ≥ 0, or a replay budget that is not a positive number.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const home = nonEmpty(env.HOME) ?? homedir();
  const path = (value: string | undefined, fallback: string): string => expandPath(nonEmpty(value) ?? fallback, home);
  const host = env.LIMINAL_HOST === undefined ? "127.0.0.1" : env.LIMINAL_HOST.trim();
  if (host === "") throw new ConfigError("LIMINAL_HOST is empty: set a bind address such as 127.0.0.1");
  const replayBudgetBytes = parseMebibytes("LIMINAL_REPLAY_BUDGET_MB", env.LIMINAL_REPLAY_BUDGET_MB);
  return {
    port: parsePort(env.LIMINAL_PORT),
    host,
    allowedHosts: (env.LIMINAL_ALLOWED_HOSTS ?? "")
      .split(",")
      .map((name) => name.trim().toLowerCase())
      .filter((name) => name !== ""),
    dataDir: path(env.LIMINAL_DATA_DIR, "~/.liminal-builder"),
    claudeConfigDir: path(env.CLAUDE_CONFIG_DIR, "~/.claude"),
    codexHome: path(env.CODEX_HOME, "~/.codex"),
    clientDir: path(env.LIMINAL_CLIENT_DIR, DEFAULT_CLIENT_DIR),
    idleMinutes: parseIdleMinutes(env.LIMINAL_IDLE_MINUTES),
    ...(replayBudgetBytes === undefined ? {} : { replayBudgetBytes }),
  };
}

/** True for addresses that only this machine can reach (`127.0.0.0/8`, `::1`, `localhost`). */
export function isLoopbackAddress(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, "");
  return name === "localhost" || name === "::1" || /^127(\.\d{1,3}){3}$/.test(name);
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return 3000;
  const text = value.trim();
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    throw new ConfigError(`LIMINAL_PORT must be a whole number from 0 to 65535, got "${value}"`);
  }
  return port;
}

/** Default minutes a session's CLI may sit idle before it is closed (`LIMINAL_IDLE_MINUTES`, README "Configuration"). */
export const DEFAULT_IDLE_MINUTES = 10;

function parseIdleMinutes(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return DEFAULT_IDLE_MINUTES;
  const text = value.trim();
  const minutes = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !Number.isFinite(minutes)) {
    throw new ConfigError(`LIMINAL_IDLE_MINUTES must be a number of minutes ≥ 0 (0 = never), got "${value}"`);
  }
  return minutes;
}

/** `value` MiB in bytes (whole), or undefined when unset or empty. @throws ConfigError unless a positive number. */
function parseMebibytes(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const text = value.trim();
  const mebibytes = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(mebibytes > 0)) {
    throw new ConfigError(`${name} must be a positive number of MiB, such as 8 or 0.5, got "${value}"`);
  }
  return Math.max(1, Math.round(mebibytes * 1024 * 1024));
}

function expandPath(value: string, home: string): string {
  const expanded = value === "~" ? home : value.startsWith("~/") ? join(home, value.slice(2)) : value;
  return isAbsolute(expanded) ? resolve(expanded) : resolve(process.cwd(), expanded);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}
