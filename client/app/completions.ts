// The composer popup's questions to the server: the session's slash commands (`session:commands`) and the @-mention
// file search (`session:files`), each resolving with the reply's data or rejecting with the server's `CommandError`.
import type { FileSearchResponse, SlashCommandInfo } from "../../shared/contracts/index.js";
import type { AppContext } from "./context.js";

/** How long a popup question may take before it is given up (ms); the user is typing, a late list is useless. */
const COMPLETION_TIMEOUT_MS = 15_000;

/** What the composer's completion popup asks. */
export interface CompletionActions {
  /** The session's slash commands (`name` without `/`), in the CLI's order. */
  commands(sessionId: string): Promise<SlashCommandInfo[]>;
  /** Files of the session's folder matching `q`, best first; `q` echoes the query answered (stale replies are dropped by it). */
  files(sessionId: string, q: string, limit?: number): Promise<FileSearchResponse & { q: string }>;
}

/** The {@link CompletionActions} over `ctx.transport`. */
export function createCompletionActions(ctx: AppContext): CompletionActions {
  const { transport } = ctx;
  return {
    async commands(sessionId) {
      const reply = await transport.request({ type: "session:commands", sessionId }, COMPLETION_TIMEOUT_MS);
      if (reply.type !== "session:commands") throw new Error(`Unexpected reply ${reply.type}`);
      return reply.commands;
    },
    async files(sessionId, q, limit) {
      const message = { type: "session:files" as const, sessionId, q, ...(limit === undefined ? {} : { limit }) };
      const reply = await transport.request(message, COMPLETION_TIMEOUT_MS);
      if (reply.type !== "session:files") throw new Error(`Unexpected reply ${reply.type}`);
      return { q: reply.q, files: reply.files };
    },
  };
}
