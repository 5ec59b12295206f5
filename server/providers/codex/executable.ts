// Finds the codex-acp binary and decides how to launch it: arguments, environment, sandbox mode.

import { accessSync, constants } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { SERVER_OWNER_ENV, serverOwnerMark } from "../../core/index.js";
import { AGENT_OWNER_ENV, ownerMarker } from "./agent-owner.js";

const require = createRequire(import.meta.url);

/** The npm package holding the codex-acp binary for this platform, e.g. `@zed-industries/codex-acp-linux-x64`. */
export function platformPackage(platform: string = process.platform, arch: string = process.arch): string {
  const os = { darwin: "darwin", linux: "linux", win32: "win32" }[platform];
  const cpu = { arm64: "arm64", x64: "x64" }[arch];
  if (!os || !cpu) throw new Error(`codex-acp has no binary for ${platform}/${arch}`);
  return `@zed-industries/codex-acp-${os}-${cpu}`;
}

/**
 * The absolute path of the codex-acp binary: `override` when given, else `bin/codex-acp[.exe]` of the platform
 * package (resolved through its package.json). The npm wrapper `@zed-industries/codex-acp` is never used: it spawns
 * the binary as a child, and signalling the wrapper would leave the binary orphaned.
 * @throws Error when the platform package is not installed.
 */
export function resolveCodexExecutable(override?: string): string {
  if (override) return override;
  const pkg = platformPackage();
  const manifest = require.resolve(`${pkg}/package.json`);
  return path.join(path.dirname(manifest), "bin", process.platform === "win32" ? "codex-acp.exe" : "codex-acp");
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * True when Codex's Linux sandbox can run: a `bwrap` on `PATH`, or the `codex-resources/bwrap` Codex looks for next
 * to its executable. Always true off Linux (macOS uses Seatbelt).
 */
export function sandboxAvailable(
  envPath: string | undefined,
  executable: string,
  platform = process.platform,
): boolean {
  if (platform !== "linux") return true;
  const dirs = (envPath ?? "").split(path.delimiter).filter(Boolean);
  if (dirs.some((dir) => isExecutable(path.join(dir, "bwrap")))) return true;
  return isExecutable(path.join(path.dirname(executable), "codex-resources", "bwrap"));
}

/** What the provider is configured with (a subset of `CodexProviderConfig`). */
export interface LaunchConfig {
  codexHome?: string;
  homeDir?: string;
  executablePath?: string;
  extraEnv?: Record<string, string>;
  extraArgs?: string[];
}

/** How codex-acp is started. */
export interface LaunchPlan {
  executable: string;
  args: string[];
  env: Record<string, string>;
  /** The `sandbox_mode` passed with `-c`, or undefined when Codex's own configuration decides. */
  sandboxMode?: "workspace-write" | "danger-full-access";
  /** True when Codex's sandbox can run here (see `sandboxAvailable`). */
  sandboxAvailable: boolean;
}

/**
 * The launch plan. Environment: `process.env`, then `CODEX_HOME` / `HOME` when configured, then `extraEnv`, then
 * `LIMINAL_CODEX_OWNER` naming this server (see agent-owner.ts: agents a dead server left behind are reaped).
 * Sandbox (Codex's `sandbox_mode`, passed as `-c sandbox_mode="…"` before `extraArgs`):
 * - with a generated `codexHome` (tests, demo mode): `workspace-write` when the sandbox can run, else
 *   `danger-full-access`;
 * - in normal use (the user's own `~/.codex`): nothing is passed, so the user's configuration decides, except where
 *   the sandbox cannot run (Linux without `bwrap`): then every sandboxed command would fail ("bubblewrap is
 *   unavailable"), so `danger-full-access` is passed.
 */
export function launchPlan(config: LaunchConfig, baseEnv: NodeJS.ProcessEnv = process.env): LaunchPlan {
  const executable = resolveCodexExecutable(config.executablePath);
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(baseEnv)) if (value !== undefined) env[key] = value;
  if (config.codexHome) env.CODEX_HOME = config.codexHome;
  if (config.homeDir) env.HOME = config.homeDir;
  Object.assign(env, config.extraEnv);
  env[AGENT_OWNER_ENV] = ownerMarker();
  env[SERVER_OWNER_ENV] = serverOwnerMark();
  const canSandbox = sandboxAvailable(env.PATH, executable);
  let sandboxMode: LaunchPlan["sandboxMode"];
  if (!canSandbox) sandboxMode = "danger-full-access";
  else if (config.codexHome) sandboxMode = "workspace-write";
  const args = sandboxMode ? ["-c", `sandbox_mode="${sandboxMode}"`] : [];
  args.push(...(config.extraArgs ?? []));
  return { executable, args, env, sandboxAvailable: canSandbox, ...(sandboxMode ? { sandboxMode } : {}) };
}
