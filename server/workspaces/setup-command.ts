// A project's setup command (e.g. `npm ci`), run through the user's shell in a new worktree, its output streamed.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { findProcessesByEnv, isAppVariable, SERVER_OWNER_ENV, serverOwnerMark } from "../core/index.js";

/** The most output kept of a setup command, in characters (the tail is kept: errors come last). */
export const SETUP_OUTPUT_MAX_CHARS = 256 * 1024;
/** Carried by a setup command and everything it starts, so none outlives its session or the server. */
export const SETUP_MARK_VAR = "LIMINAL_SETUP_ID";

/** How a setup command ended: its exit code or the signal that ended it, and its (tail of) output. */
export interface SetupResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  /** Set when the command could not be started at all (e.g. the shell does not exist). */
  startError?: string;
}

/** A running setup command: `done` settles once it and every process it started are gone; `stop` ends them. */
export interface SetupRun {
  readonly done: Promise<SetupResult>;
  stop(): Promise<void>;
}

/**
 * Starts `command` with `<shell> -c <command>` in `cwd` (the user's own command from the project settings: running it
 * through their shell is the point), in its own process group, with the server's environment minus the app's own
 * variables (`isAppVariable`), stdin closed. `onOutput` gets the output so far (stdout and stderr interleaved, the last
 * {@link SETUP_OUTPUT_MAX_CHARS}) at most every `throttleMs` ms (default 200).
 */
export function startSetupCommand(input: {
  command: string;
  cwd: string;
  shell: string;
  onOutput?: (output: string) => void;
  throttleMs?: number;
}): SetupRun {
  const mark = randomUUID();
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !isAppVariable(name)) env[name] = value;
  }
  env[SETUP_MARK_VAR] = mark;
  env[SERVER_OWNER_ENV] = serverOwnerMark();
  const child = spawn(input.shell, ["-c", input.command], {
    cwd: input.cwd,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    input.onOutput?.(output);
  };
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-SETUP_OUTPUT_MAX_CHARS);
    timer ??= setTimeout(flush, input.throttleMs ?? 200);
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  const done = new Promise<SetupResult>((resolve) => {
    child.once("error", (error) => {
      if (timer) clearTimeout(timer);
      resolve({ exitCode: null, signal: null, output, startError: error.message });
    });
    child.once("close", (exitCode, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ exitCode, signal, output });
    });
  });
  const stop = async () => {
    signalGroup(child.pid, "SIGTERM");
    const ended = await Promise.race([
      done.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1000).unref()),
    ]);
    if (!ended) signalGroup(child.pid, "SIGKILL");
    for (const entry of await findProcessesByEnv(SETUP_MARK_VAR, mark)) {
      try {
        process.kill(entry.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    await done;
  };
  return { done, stop };
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone
  }
}
