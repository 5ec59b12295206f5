// The @-mention file search of a session: its folder (the worktree of a worktree session) through one FileIndex.
import { type FileSearchResponse, isTerminalStatus, type StreamMessage } from "../../shared/contracts/index.js";
import { FileIndex } from "../workspaces/index.js";

/** What the search needs from the service. */
export interface SessionFilesDeps {
  /** The session's folder. @throws ServiceError `SESSION_NOT_FOUND`, `WORKTREE_MISSING`. */
  folderOf(sessionId: string): string;
  /** Subscribes to every session's stream messages; returns the remover. */
  onStreamed(listener: (message: StreamMessage) => void): () => void;
}

/**
 * `GET /api/session/:id/files` / `session:files` (issue "The composer and session control" §4): fuzzy search over the
 * session folder's files (`.gitignore` respected, see `FileIndex`). A folder's listing is marked out of date when a
 * turn of a session working in it ends or one of its tool calls that may write files finishes (the agent may have
 * added or removed files), and when it is 10 s old; the next search then rebuilds it in the background.
 */
export class SessionFiles {
  private readonly stopWatching: () => void;

  constructor(
    private readonly deps: SessionFilesDeps,
    private readonly index = new FileIndex(),
  ) {
    this.stopWatching = deps.onStreamed((message) => {
      if (!mayHaveChangedFiles(message)) return;
      try {
        this.index.invalidate(deps.folderOf(message.sessionId));
      } catch {
        // a session without a folder any more has no listing to refresh
      }
    });
  }

  /**
   * Up to `limit` files of the session's folder matching `q`, best first, as `{ files: [{ path }] }`.
   * @throws ServiceError `SESSION_NOT_FOUND`, `WORKTREE_MISSING`, `GIT_FAILED` (git failed, or the folder is gone).
   */
  async search(sessionId: string, q: string, limit: number): Promise<FileSearchResponse> {
    const paths = await this.index.search(this.deps.folderOf(sessionId), q, limit);
    return { files: paths.map((path) => ({ path })) };
  }

  /** Stops following the sessions' turns (server shutdown). */
  close(): void {
    this.stopWatching();
  }
}

/** Tool kinds that only look (ACP `ToolKind`): their end changes no file. */
const LOOKING_KINDS = new Set(["read", "search", "think", "fetch"]);

/** A turn's end, or the end of a tool call that may have written files (edit, delete, move, execute, unknown). */
function mayHaveChangedFiles(message: StreamMessage): boolean {
  if (message.type === "session:turn") return message.payload.type !== "turn_started";
  const item = message.payload;
  if (item.type !== "tool_call" || !isTerminalStatus(item.status)) return false;
  return item.kind === undefined || !LOOKING_KINDS.has(item.kind);
}
