// What a terminal's shell runs with: the user's environment minus the app's own variables, plus the terminal's marks.

import { isAppVariable, SERVER_OWNER_ENV, serverOwnerMark } from "../core/index.js";

export { isAppVariable };

/** Carried by every terminal's shell and inherited by all it starts: the terminal's id, so none can be missed. */
export const TERMINAL_MARK_VAR = "LIMINAL_TERMINAL_ID";

/** Options of {@link terminalEnvironment}. */
export interface TerminalEnvironmentOptions {
  /** The terminal's id, as {@link TERMINAL_MARK_VAR}. */
  terminalId: string;
  /** The session's environment (the CLIs' config folders `CLAUDE_CONFIG_DIR`, `CODEX_HOME`); added after the base. */
  sessionEnv?: Readonly<Record<string, string>>;
}

/**
 * The shell's environment: `base` (the server's `process.env`) without {@link isAppVariable} names,
 * then `sessionEnv`, then `TERM=xterm-256color`, `COLORTERM=truecolor`, `TERM_PROGRAM=liminal-builder` (what xterm.js
 * in the browser understands), the terminal's mark and the server's owner mark (`SERVER_OWNER_ENV`: the watchdog ends
 * what a SIGKILLed server left). The access token is never in it: it lives in a file.
 */
export function terminalEnvironment(
  base: NodeJS.ProcessEnv,
  options: TerminalEnvironmentOptions,
): Record<string, string> {
  const env: Record<string, string> = {};
  const add = (name: string, value: string | undefined) => {
    if (value !== undefined && !isAppVariable(name)) env[name] = value;
  };
  for (const [name, value] of Object.entries(base)) add(name, value);
  for (const [name, value] of Object.entries(options.sessionEnv ?? {})) add(name, value);
  env.TERM = "xterm-256color";
  env.COLORTERM = "truecolor";
  env.TERM_PROGRAM = "liminal-builder";
  env[TERMINAL_MARK_VAR] = options.terminalId;
  env[SERVER_OWNER_ENV] = serverOwnerMark();
  return env;
}

/** The shell a terminal runs: `$SHELL` when it is an absolute path, else `bash`. */
export function defaultShell(env: NodeJS.ProcessEnv): string {
  const shell = env.SHELL?.trim();
  return shell?.startsWith("/") ? shell : "bash";
}
