// Every terminal of this server run, by session: create, list, rename, restart, close; all of them end at shutdown.
import { randomUUID } from "node:crypto";
import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import type { TerminalInfo } from "../../shared/contracts/index.js";
import { consoleLogger, Listeners, type Logger } from "../../shared/util/index.js";
import { ServiceError } from "../core/index.js";
import { DEFAULT_SCROLLBACK_BYTES } from "./scrollback.js";
import { DEFAULT_FLOW_LIMITS, Terminal, type TerminalFlowLimits } from "./terminal.js";
import { defaultShell, terminalEnvironment } from "./terminal-env.js";

/** Options of {@link TerminalManager}. */
export interface TerminalManagerOptions {
  /** The environment shells start from (default `process.env`), filtered by `terminalEnvironment`. */
  env?: NodeJS.ProcessEnv;
  /** Added to every shell's environment: the session's (the CLIs' config folders). */
  sessionEnv?: Readonly<Record<string, string>>;
  /** The program to run; default `$SHELL` of `env`, else `bash`. */
  shell?: string;
  /** Its arguments; default none (an interactive shell reading the user's rc files). */
  shellArgs?: readonly string[];
  /** Kept output per terminal for reattaching, in bytes (default 1 MiB). */
  scrollbackBytes?: number;
  /** Flow control (default `DEFAULT_FLOW_LIMITS`). */
  flow?: Partial<TerminalFlowLimits>;
  /** Most terminals one session may have (default 10). */
  maxPerSession?: number;
  /** Most terminals the server runs in all (default 64). */
  maxTotal?: number;
  logger?: Logger;
}

/** A change every browser hears of: a terminal created or changed, or closed. */
export type TerminalChange =
  | { kind: "updated"; terminal: TerminalInfo }
  | { kind: "closed"; terminalId: string; sessionId: string };

/** What a new terminal is asked for; `cols` × `rows` default 80 × 24, `name` "Terminal <n>". */
export interface CreateTerminalInput {
  sessionId: string;
  /** The folder the shell starts in: the session's folder. */
  cwd: string;
  name?: string;
  cols?: number;
  rows?: number;
}

/**
 * The terminals of this server run (none survive a restart: their shells end with the server). Errors are
 * `ServiceError`s: `TERMINAL_NOT_FOUND`, `TERMINAL_LIMIT` (too many terminals), `TERMINAL_START_FAILED` (the folder is
 * gone, the shell cannot run, or the server is stopping).
 */
export class TerminalManager {
  /** Created, renamed, resized, exited, restarted (`updated`) or closed. */
  readonly changes: Listeners<TerminalChange>;
  private readonly terminals = new Map<string, Terminal>();
  private readonly counters = new Map<string, number>();
  /** Terminals being closed: `closeAll` waits for these too. */
  private readonly closing = new Set<Promise<void>>();
  /**
   * Per session, how many times its terminals were closed (`closeSession`): a `create` that began before one refuses
   * to start its shell after it, so no shell outlives an archive that ran while it was being created.
   */
  private readonly sessionCloses = new Map<string, number>();
  private readonly logger: Logger;
  private readonly flow: TerminalFlowLimits;
  private stopping = false;

  constructor(private readonly options: TerminalManagerOptions = {}) {
    this.logger = options.logger ?? consoleLogger;
    this.changes = new Listeners<TerminalChange>("terminal change", this.logger);
    this.flow = { ...DEFAULT_FLOW_LIMITS, ...options.flow };
  }

  /** Starts a shell in `input.cwd` and returns its terminal. */
  async create(input: CreateTerminalInput): Promise<TerminalInfo> {
    const closesBefore = this.sessionCloses.get(input.sessionId) ?? 0;
    this.assertCanStart(input.sessionId, closesBefore);
    const perSession = this.list(input.sessionId).length;
    const maxPerSession = this.options.maxPerSession ?? 10;
    if (perSession >= maxPerSession) {
      throw new ServiceError("TERMINAL_LIMIT", `This session has ${perSession} terminals, the most it may have`);
    }
    const maxTotal = this.options.maxTotal ?? 64;
    if (this.terminals.size >= maxTotal) {
      throw new ServiceError("TERMINAL_LIMIT", `${this.terminals.size} terminals are open, the most this server runs`);
    }
    await assertFolder(input.cwd);
    const terminalId = randomUUID();
    const env = this.options.env ?? process.env;
    const count = (this.counters.get(input.sessionId) ?? 0) + 1;
    this.counters.set(input.sessionId, count);
    const shell = this.options.shell ?? defaultShell(env);
    if (shell.startsWith("/")) {
      await access(shell, constants.X_OK).catch((error: NodeJS.ErrnoException) => {
        throw new ServiceError(
          "TERMINAL_START_FAILED",
          `The shell ${shell} cannot be run (${error.code}): check $SHELL`,
        );
      });
    }
    // The checks above awaited: the server may be stopping, or the session archived, by now.
    this.assertCanStart(input.sessionId, closesBefore);
    let terminal: Terminal;
    try {
      terminal = new Terminal({
        terminalId,
        sessionId: input.sessionId,
        name: input.name ?? `Terminal ${count}`,
        shell,
        shellArgs: this.options.shellArgs ?? [],
        cwd: input.cwd,
        env: terminalEnvironment(env, {
          terminalId,
          ...(this.options.sessionEnv ? { sessionEnv: this.options.sessionEnv } : {}),
        }),
        cols: input.cols ?? 80,
        rows: input.rows ?? 24,
        scrollbackBytes: this.options.scrollbackBytes ?? DEFAULT_SCROLLBACK_BYTES,
        flow: this.flow,
        logger: this.logger,
      });
    } catch (error) {
      throw new ServiceError("TERMINAL_START_FAILED", `Could not start ${shell}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    this.terminals.set(terminalId, terminal);
    terminal.changed.add((info) => this.changes.emit({ kind: "updated", terminal: info }));
    const info = terminal.info();
    this.changes.emit({ kind: "updated", terminal: info });
    return info;
  }

  /** A session's terminals, oldest first. */
  list(sessionId: string): TerminalInfo[] {
    return [...this.terminals.values()].filter((t) => t.sessionId === sessionId).map((t) => t.info());
  }

  /** The sessions that have terminals. */
  sessionIds(): string[] {
    return [...new Set([...this.terminals.values()].map((t) => t.sessionId))];
  }

  /** One terminal, to attach to, type into or resize. @throws `TERMINAL_NOT_FOUND`. */
  get(terminalId: string): Terminal {
    const terminal = this.terminals.get(terminalId);
    if (!terminal) throw new ServiceError("TERMINAL_NOT_FOUND", `No terminal ${terminalId}: it was closed`);
    return terminal;
  }

  /** Renames a terminal. @throws `TERMINAL_NOT_FOUND`. */
  rename(terminalId: string, name: string): TerminalInfo {
    const terminal = this.get(terminalId);
    terminal.rename(name);
    return terminal.info();
  }

  /** Ends a terminal's shell if it runs and starts a new one. @throws `TERMINAL_NOT_FOUND`, `TERMINAL_START_FAILED`. */
  async restart(terminalId: string): Promise<TerminalInfo> {
    const terminal = this.get(terminalId);
    if (this.stopping) throw new ServiceError("TERMINAL_START_FAILED", "The server is stopping: no new shells");
    await assertFolder(terminal.info().cwd);
    try {
      await terminal.restart();
    } catch (error) {
      throw new ServiceError("TERMINAL_START_FAILED", `Could not restart the shell: ${(error as Error).message}`, {
        cause: error,
      });
    }
    return terminal.info();
  }

  /** Ends a terminal's shell and everything it started, and forgets it. @throws `TERMINAL_NOT_FOUND`. */
  async close(terminalId: string): Promise<void> {
    const terminal = this.get(terminalId);
    this.terminals.delete(terminalId);
    const closed = terminal.close();
    this.closing.add(closed);
    try {
      await closed;
    } finally {
      this.closing.delete(closed);
    }
    this.changes.emit({ kind: "closed", terminalId, sessionId: terminal.sessionId });
  }

  /** Closes every terminal of a session (archived or discarded); a `create` for it still under way starts none. */
  async closeSession(sessionId: string): Promise<void> {
    this.sessionCloses.set(sessionId, (this.sessionCloses.get(sessionId) ?? 0) + 1);
    const ids = [...this.terminals.values()].filter((t) => t.sessionId === sessionId).map((t) => t.terminalId);
    await Promise.all(ids.map((id) => this.close(id)));
  }

  /** @throws `TERMINAL_START_FAILED` when the server is stopping or the session's terminals were closed since `closes`. */
  private assertCanStart(sessionId: string, closes: number): void {
    if (this.stopping) throw new ServiceError("TERMINAL_START_FAILED", "The server is stopping: no new terminals");
    if ((this.sessionCloses.get(sessionId) ?? 0) !== closes) {
      throw new ServiceError("TERMINAL_START_FAILED", "The session's terminals were closed (archived) meanwhile");
    }
  }

  /** Closes every terminal and refuses new ones (the server stops). */
  async closeAll(): Promise<void> {
    this.stopping = true;
    await Promise.all([...[...this.terminals.keys()].map((id) => this.close(id)), ...this.closing]);
  }
}

async function assertFolder(path: string): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new ServiceError("TERMINAL_START_FAILED", `The session's folder ${path} does not exist or is not a folder`);
  }
}
