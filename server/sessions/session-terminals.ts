// The terminals of sessions: a session's shells start in its folder and end with it (archive, project removal, stop).
import type { TerminalInfo } from "../../shared/contracts/index.js";
import {
  type Terminal,
  type TerminalChange,
  TerminalManager,
  type TerminalManagerOptions,
} from "../terminals/index.js";

/**
 * Terminal operations as the HTTP/WebSocket layer uses them. Every method taking a `sessionId` throws ServiceError
 * `SESSION_NOT_FOUND` for an unknown session; every one taking a `terminalId` throws `TERMINAL_NOT_FOUND` for a
 * terminal that is closed or never was.
 */
export interface TerminalOperations {
  /** The session's terminals, oldest first. */
  list(sessionId: string): TerminalInfo[];
  /**
   * Starts the user's shell in the session's folder (`TerminalManager.create`).
   * @throws `TERMINAL_LIMIT`, `TERMINAL_START_FAILED`, `PROJECT_NOT_FOUND` (the session's project was removed).
   */
  create(input: { sessionId: string; name?: string; cols?: number; rows?: number }): Promise<TerminalInfo>;
  /** Renames a terminal (`name`: 1–60 characters, trimmed by the contract). */
  rename(terminalId: string, name: string): TerminalInfo;
  /** Runs a new shell in the terminal (ending the old one first if it still runs). */
  restart(terminalId: string): Promise<TerminalInfo>;
  /** Ends the terminal's shell and every process it started. */
  close(terminalId: string): Promise<void>;
  /** The live terminal, to attach a browser to (its socket). */
  get(terminalId: string): Terminal;
  /** Every terminal change (created, renamed, resized, exited, restarted, closed); returns the unsubscribe function. */
  onChange(listener: (change: TerminalChange) => void): () => void;
}

/** How the terminals find a session's folder (and check the session exists). */
export interface SessionFolders {
  /** @throws `SESSION_NOT_FOUND`, `PROJECT_NOT_FOUND`, `TERMINAL_START_FAILED` for an archived session. */
  folderOf(sessionId: string): string;
  /** @throws `SESSION_NOT_FOUND`. */
  assertExists(sessionId: string): void;
}

/** {@link TerminalOperations} over a {@link TerminalManager}, with `closeSession` / `closeAll` for the service. */
export class SessionTerminals implements TerminalOperations {
  private readonly manager: TerminalManager;

  constructor(
    private readonly folders: SessionFolders,
    options: TerminalManagerOptions,
  ) {
    this.manager = new TerminalManager(options);
  }

  list(sessionId: string): TerminalInfo[] {
    this.folders.assertExists(sessionId);
    return this.manager.list(sessionId);
  }

  create(input: { sessionId: string; name?: string; cols?: number; rows?: number }): Promise<TerminalInfo> {
    const cwd = this.folders.folderOf(input.sessionId);
    return this.manager.create({ ...input, cwd });
  }

  rename(terminalId: string, name: string): TerminalInfo {
    return this.manager.rename(terminalId, name);
  }

  restart(terminalId: string): Promise<TerminalInfo> {
    return this.manager.restart(terminalId);
  }

  close(terminalId: string): Promise<void> {
    return this.manager.close(terminalId);
  }

  get(terminalId: string): Terminal {
    return this.manager.get(terminalId);
  }

  onChange(listener: (change: TerminalChange) => void): () => void {
    return this.manager.changes.add(listener);
  }

  /** The sessions that have terminals. */
  sessionIds(): string[] {
    return this.manager.sessionIds();
  }

  /** Closes the terminals of the given sessions. */
  async closeSessions(sessionIds: Iterable<string>): Promise<void> {
    await Promise.all([...sessionIds].map((id) => this.manager.closeSession(id)));
  }

  /** Closes every terminal and refuses new ones (shutdown). */
  closeAll(): Promise<void> {
    return this.manager.closeAll();
  }
}
