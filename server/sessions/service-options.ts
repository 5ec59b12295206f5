// The session service's options: data folder, providers, discovery, and the bounds of history, replay and shutdown.

import type { Logger } from "../../shared/util/index.js";
import type { RefusedFolder } from "../projects/index.js";
import type { ProviderRegistry } from "../providers/index.js";
import type { TerminalManagerOptions } from "../terminals/index.js";
import type { SessionSource } from "./session-source.js";

/** Options of `DefaultSessionService`. */
export interface SessionServiceOptions {
  /** Folder for projects.json and sessions.json (`LIMINAL_DATA_DIR`, default `~/.liminal-builder`). */
  dataDir: string;
  /** The providers sessions run on, one per `cliType`. */
  registry: ProviderRegistry;
  /** Sessions found in the CLIs' own files; without it only app-created sessions are listed. */
  discovery?: SessionSource;
  /** Completed items per `session:history` page (default 100). */
  historyPageSize?: number;
  /** Stream messages held per session for replay (default 5,000, `DEFAULT_EVENT_LOG_LIMIT`). */
  eventLogLimit?: number;
  /**
   * Most bytes of stream messages held per session for replay (default 8 MiB, `DEFAULT_REPLAY_BUDGET_BYTES`; the
   * server reads `LIMINAL_REPLAY_BUDGET_MB`). The oldest messages leave first; see `EventLog` for how bytes count.
   */
  replayBudgetBytes?: number;
  /**
   * Streams of this run are numbered from `seqBase + 1` (default `RUN_SEQ_BASE`, the run's start in microseconds,
   * so a browser's `afterSeq` from before a restart gets a fresh history instead of a wrong replay; tests pass 0).
   */
  seqBase?: number;
  /**
   * How long a session's CLI may sit idle (no turn, no pending permission request) before it is closed, in ms
   * (default 10 minutes, `DEFAULT_IDLE_MINUTES`; 0 = never). The session is then `sleeping` and resumes on its next
   * message (`LIMINAL_IDLE_MINUTES`).
   */
  idleTimeoutMs?: number;
  /** Home folder for `~` and relative project paths (default `os.homedir()`). */
  home?: string;
  /** Folders that can be no project besides `dataDir` (the server passes the CLIs' config folders). */
  refusedProjectFolders?: readonly RefusedFolder[];
  /**
   * Longest time `shutdown()` waits, in ms (default 5,000): for the providers to end their processes, then for the
   * stores to finish writing, both within this one cap from the call.
   */
  shutdownTimeoutMs?: number;
  /**
   * The terminals' options (their environment, shell, scrollback, flow limits); default `process.env`, `$SHELL`,
   * 1 MiB, `DEFAULT_FLOW_LIMITS`. The server passes the CLIs' config folders as `sessionEnv`.
   */
  terminals?: TerminalManagerOptions;
  /** Where sessions' worktrees are made (default `<dataDir>/worktrees`). */
  worktreesDir?: string;
  /** Where warnings and store problems are logged (default `consoleLogger`). */
  logger?: Logger;
}
