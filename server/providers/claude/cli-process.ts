// Spawns one Claude Code process for the SDK (its own process group) and watches, signals and reaps it.
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import type { SpawnedProcess, SpawnOptions } from "@anthropic-ai/claude-agent-sdk";
import { consoleLogger, Listeners, type Logger, within } from "../../../shared/util/index.js";
import { findProcessesByEnv, SERVER_OWNER_ENV, serverOwnerMark, waitUntilGone } from "../../core/index.js";

/** How the process ended: exit code or signal name (one of them is null). */
export interface CliExit {
  exitCode: number | null;
  signal: string | null;
}

const STDERR_TAIL_CHARS = 2000;

/** How long `killLeftovers` waits for SIGKILLed tool children to be gone, in ms (the kernel ends them in a few ms). */
const LEFTOVER_EXIT_MS = 1000;

/**
 * The environment variable that marks one CLI process and everything it starts (`<name>=<uuid>`): Claude Code runs
 * each tool command in a process group of its own, so only this mark finds them all when they outlive the CLI.
 */
export const PROCESS_MARK_VAR = "LIMINAL_CLI_PROCESS";

/**
 * The CLI process behind one `query()`, spawned through the SDK's `spawnClaudeCodeProcess` option so the provider
 * knows its pid, can signal its process group, and can find every tool child it started (they carry
 * {@link PROCESS_MARK_VAR}). The process is started detached, as a group leader; it still exits when its stdin
 * closes with this server.
 */
export class CliProcess {
  /** The value of {@link PROCESS_MARK_VAR} in this process's environment. */
  readonly mark = randomUUID();
  private child: ChildProcess | undefined;
  private exitInfo: CliExit | undefined;
  private readonly exitListeners: Listeners<CliExit>;
  private tail = "";
  /** Settles when the process has exited (or failed to spawn). */
  readonly exited: Promise<CliExit>;
  private resolveExited!: (exit: CliExit) => void;

  /**
   * @param onStderr gets the CLI's stderr as it arrives
   * @param logger where a throwing exit listener is reported (default `consoleLogger`)
   */
  constructor(
    private readonly onStderr?: (text: string) => void,
    logger: Logger = consoleLogger,
  ) {
    this.exitListeners = new Listeners("Claude Code exit", logger);
    this.exited = new Promise((resolve) => {
      this.resolveExited = resolve;
    });
  }

  /** The spawn function for the SDK's `spawnClaudeCodeProcess` option (bound; call it once). */
  readonly spawn = (options: SpawnOptions): SpawnedProcess => {
    const child = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: { ...options.env, [PROCESS_MARK_VAR]: this.mark, [SERVER_OWNER_ENV]: serverOwnerMark() },
      stdio: ["pipe", "pipe", "pipe"],
      detached: true,
      windowsHide: true,
    });
    this.child = child;
    child.setMaxListeners(50);
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (text: string) => {
      this.tail = (this.tail + text).slice(-STDERR_TAIL_CHARS);
      this.onStderr?.(text);
    });
    child.once("exit", (exitCode, signal) => this.markExited({ exitCode, signal }));
    child.once("error", () => {
      if (child.pid === undefined) this.markExited({ exitCode: null, signal: null });
    });
    // The SDK aborts this signal only after its own graceful close (stdin EOF + ~2 s): end the whole group then.
    options.signal.addEventListener("abort", () => this.signalGroup("SIGKILL"), { once: true });
    return child;
  };

  /** The process id once spawned. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** True once spawned and not yet exited. */
  get isRunning(): boolean {
    return this.child?.pid !== undefined && this.exitInfo === undefined;
  }

  /** How it exited, once it has. */
  get exit(): CliExit | undefined {
    return this.exitInfo;
  }

  /** The last ~2000 characters the CLI wrote to stderr. */
  get stderrTail(): string {
    return this.tail;
  }

  /** Calls `listener` once when the process exits (at once if it already has); returns the unsubscribe function. */
  onExit(listener: (exit: CliExit) => void): () => void {
    if (this.exitInfo) {
      listener(this.exitInfo);
      return () => {};
    }
    return this.exitListeners.add(listener);
  }

  /**
   * Sends `signal` to the process group (the CLI and its tool children; the group outlives the CLI while a child
   * lives). Returns false when nothing was signalled.
   */
  signalGroup(signal: NodeJS.Signals): boolean {
    const pid = this.child?.pid;
    if (pid === undefined) return false;
    try {
      process.kill(-pid, signal);
      return true;
    } catch {
      try {
        return this.exitInfo === undefined && this.child?.kill(signal) === true;
      } catch {
        return false;
      }
    }
  }

  /**
   * Ends the process for good: waits up to `graceMs` for it to exit by itself (after the SDK closed its stdin), then
   * SIGTERM to the group, then SIGKILL after `killAfterMs`. Then every process still carrying this CLI's mark (a tool
   * child left behind, e.g. after the CLI was SIGKILLed) is killed. Resolves when the CLI has exited (immediately
   * when it never started).
   */
  async terminate(graceMs = 1000, killAfterMs = 2000): Promise<void> {
    if (this.child?.pid === undefined) return;
    if (!(await this.waitForExit(graceMs))) {
      this.signalGroup("SIGTERM");
      if (!(await this.waitForExit(killAfterMs))) this.signalGroup("SIGKILL");
      await this.exited;
    }
    this.signalGroup("SIGKILL");
    await this.killLeftovers();
  }

  /**
   * SIGKILLs every live process that carries this CLI's mark (its tool children) and waits until they are gone (at
   * most {@link LEFTOVER_EXIT_MS}); returns how many were killed.
   */
  async killLeftovers(): Promise<number> {
    const left = await findProcessesByEnv(PROCESS_MARK_VAR, this.mark);
    for (const { pid } of left) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    await waitUntilGone(
      left.map(({ pid }) => pid),
      LEFTOVER_EXIT_MS,
    );
    return left.length;
  }

  private async waitForExit(ms: number): Promise<boolean> {
    if (this.exitInfo) return true;
    return within(this.exited, ms);
  }

  private markExited(exit: CliExit): void {
    if (this.exitInfo) return;
    this.exitInfo = exit;
    this.resolveExited(exit);
    this.exitListeners.emit(exit);
    this.exitListeners.clear();
  }
}
