// Environments for the real CLIs against the local model stand-ins, isolated in temp folders (CLI-NOTES.md).
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";

/** Folders of one isolated CLI sandbox (all under a temp folder named after the bench run). */
export interface IsolatedDirs {
  /** HOME (empty: Codex's `bash -lc` would source a real profile). */
  home: string;
  /** CLAUDE_CONFIG_DIR. */
  claudeConfigDir: string;
  /** CLAUDE_CODE_TMPDIR (keeps the CLI out of /tmp/claude-<uid>). */
  claudeTmp: string;
  /** CODEX_HOME. */
  codexHome: string;
  /** A project folder to run the CLI in (holds a README.md). */
  project: string;
}

/** Creates the {@link IsolatedDirs} inside `root`. */
export function isolatedDirs(root: string): IsolatedDirs {
  const dirs: IsolatedDirs = {
    home: path.join(root, "home"),
    claudeConfigDir: path.join(root, "home", ".claude"),
    claudeTmp: path.join(root, "claude-tmp"),
    codexHome: path.join(root, "codex-home"),
    project: path.join(root, "project"),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  return dirs;
}

/**
 * The Claude Code environment of CLI-NOTES.md: ANTHROPIC_BASE_URL / ANTHROPIC_API_KEY for the stand-in, no
 * non-essential traffic, telemetry, auto-update or error reports, no retries, isolated CLAUDE_CONFIG_DIR, HOME and
 * CLAUDE_CODE_TMPDIR, IS_SANDBOX=1 (bypassPermissions as root), PATH, plus `extra` (e.g. the run marker).
 */
export function claudeEnv(
  baseUrl: string,
  dirs: IsolatedDirs,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
    ANTHROPIC_BASE_URL: baseUrl,
    ANTHROPIC_API_KEY: "bench",
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
    DISABLE_TELEMETRY: "1",
    DISABLE_AUTOUPDATER: "1",
    DISABLE_ERROR_REPORTING: "1",
    CLAUDE_CODE_MAX_RETRIES: "0",
    CLAUDE_CONFIG_DIR: dirs.claudeConfigDir,
    HOME: dirs.home,
    CLAUDE_CODE_TMPDIR: dirs.claudeTmp,
    IS_SANDBOX: "1",
    ...extra,
  };
}

/** The codex-acp environment: CODEX_HOME, an empty HOME, the stand-in key, PATH, plus `extra` (the run marker). */
export function codexEnv(dirs: IsolatedDirs, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
    CODEX_HOME: dirs.codexHome,
    HOME: dirs.home,
    LOCAL_MODEL_API_KEY: "bench",
    ...extra,
  };
}

let bwrap: boolean | undefined;

/** True when `bwrap` is on PATH (Codex's workspace-write sandbox needs it on Linux). */
export function hasBwrap(): boolean {
  if (bwrap === undefined) {
    try {
      execFileSync("which", ["bwrap"], { stdio: "ignore" });
      bwrap = true;
    } catch {
      bwrap = false;
    }
  }
  return bwrap;
}

/** The Codex sandbox mode this machine supports: `workspace-write` with bwrap, else `danger-full-access`. */
export function codexSandboxMode(): string {
  return hasBwrap() ? "workspace-write" : "danger-full-access";
}
