// Environments for the real CLIs against the local model stand-ins, isolated in temp folders (CLI-NOTES.md).
import { mkdirSync } from "node:fs";
import path from "node:path";
import { buildClaudeEnv } from "../../server/providers/claude/environment.js";

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
  return buildClaudeEnv(
    {
      baseUrl,
      apiKey: "bench",
      maxRetries: 0,
      configDir: dirs.claudeConfigDir,
      homeDir: dirs.home,
      tmpDir: dirs.claudeTmp,
      extraEnv: { IS_SANDBOX: "1", ...extra },
    },
    { PATH: process.env.PATH },
  );
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
