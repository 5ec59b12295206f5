// Runs the `git` command: execFile with an argument array (never a shell), a clean environment, errors with git's words.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { ServiceError } from "../core/index.js";

/** Options of {@link runGit}. */
export interface GitOptions {
  /** Extra environment, e.g. `GIT_INDEX_FILE` for a temporary index. */
  env?: Readonly<Record<string, string>>;
  /** Exit codes that are answers, not failures (e.g. 1 of `git merge-base --is-ancestor`). Default: only 0. */
  okCodes?: readonly number[];
  /** Largest stdout kept, in bytes (default 64 MiB); more fails with `GIT_FAILED`. */
  maxBuffer?: number;
  /** Milliseconds before git is killed (default 120 s). */
  timeoutMs?: number;
}

/** What git printed, and its exit code (0 or one of `okCodes`). */
export interface GitResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** A git command that failed: its exit code and what it said on stderr. */
export class GitCommandError extends Error {
  override readonly name = "GitCommandError";
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number | undefined,
    readonly stderr: string,
  ) {
    super(`git ${args[0] ?? ""} failed${exitCode === undefined ? "" : ` (exit ${exitCode})`}: ${firstLines(stderr)}`);
  }
}

/** Variables of the server's environment that would point git at another repository or index. */
const INHERITED_GIT_VARIABLES = [
  "GIT_DIR",
  "GIT_WORK_TREE",
  "GIT_INDEX_FILE",
  "GIT_OBJECT_DIRECTORY",
  "GIT_ALTERNATE_OBJECT_DIRECTORIES",
  "GIT_COMMON_DIR",
  "GIT_NAMESPACE",
  "GIT_PREFIX",
];

/**
 * Runs `git <args>` in `cwd` (`execFile`, argument array; `-c core.quotepath=false` so paths print as they are).
 * git's own prompts are off (`GIT_TERMINAL_PROMPT=0`) and its messages in English (`LC_ALL=C`), so they can be shown.
 * @throws ServiceError `GIT_FAILED` when git is not installed (ENOENT) or times out; {@link GitCommandError} when it
 *   exits with a code not in `okCodes` (see {@link asServiceError} to show it).
 */
export function runGit(cwd: string, args: readonly string[], options: GitOptions = {}): Promise<GitResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C", ...options.env };
  for (const name of INHERITED_GIT_VARIABLES) if (!options.env?.[name]) delete env[name];
  const okCodes = options.okCodes ?? [];
  const fullArgs = ["-c", "core.quotepath=false", ...args];
  return new Promise((resolve, reject) => {
    execFile(
      "git",
      fullArgs,
      {
        cwd,
        env,
        maxBuffer: options.maxBuffer ?? 64 * 1024 * 1024,
        timeout: options.timeoutMs ?? 120_000,
        killSignal: "SIGKILL",
        encoding: "utf8",
      },
      (error, stdout, stderr) => {
        if (!error) return resolve({ stdout, stderr, exitCode: 0 });
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "ENOENT" && !stderr) {
          return reject(gitMissingOrNoFolder(cwd, error));
        }
        if (code === "ERR_CHILD_PROCESS_STDIO_MAXBUFFER") {
          return reject(new ServiceError("GIT_FAILED", `git ${args[0]} printed more than this app reads at once`));
        }
        if ((error as { killed?: boolean }).killed) {
          return reject(new ServiceError("GIT_FAILED", `git ${args[0]} did not finish in time and was stopped`));
        }
        const exitCode = typeof code === "number" ? code : undefined;
        if (exitCode !== undefined && okCodes.includes(exitCode)) return resolve({ stdout, stderr, exitCode });
        reject(new GitCommandError(args, exitCode, stderr));
      },
    );
  });
}

/** True when `git` can be run on this machine (`git --version`). */
export async function gitAvailable(): Promise<boolean> {
  try {
    await runGit(process.cwd(), ["--version"]);
    return true;
  } catch {
    return false;
  }
}

/** A failure as the API shows it: a {@link GitCommandError} becomes `GIT_FAILED` with git's own message. */
export function asServiceError(error: unknown): unknown {
  if (error instanceof GitCommandError) {
    return new ServiceError("GIT_FAILED", `git ${error.args[0]}: ${firstLines(error.stderr) || error.message}`, {
      cause: error,
    });
  }
  return error;
}

function gitMissingOrNoFolder(cwd: string, error: Error): ServiceError {
  // A missing cwd is reported as ENOENT of the program too: tell the two apart.
  const message = existsSync(cwd)
    ? "git is not installed (the git command was not found)"
    : `The folder ${cwd} does not exist`;
  return new ServiceError("GIT_FAILED", message, { cause: error });
}

function firstLines(text: string): string {
  return text.trim().split("\n").slice(0, 6).join("\n");
}
