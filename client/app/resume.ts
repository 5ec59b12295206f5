// Which sessions to (re-)open with which afterSeq: after a reconnect, after a gap in the stream, when a tab opens.
import type { ClientMessageOf } from "../../shared/contracts/index.js";
import type { SessionItems } from "../state/items.js";

/** A `session:open` command without its `requestId` (CONTRACTS.md section 7). */
export type OpenCommand = Omit<ClientMessageOf<"session:open">, "requestId">;

/**
 * The `session:open` for one session: with `afterSeq` = the last applied `seq` once its history was loaded (the
 * server replays exactly what was missed, or sends a fresh history); without `afterSeq` when nothing is held yet (a
 * reload: the items are gone from memory, so take a fresh history and in-flight messages).
 */
export function openCommand(sessionId: string, state: SessionItems | undefined): OpenCommand {
  if (state?.loaded) return { type: "session:open", sessionId, afterSeq: state.lastSeq };
  return { type: "session:open", sessionId };
}

/** The `session:open` for every open tab, in tab order, when the socket (re)connects. */
export function resumePlan(
  openTabs: readonly string[],
  lookup: (sessionId: string) => SessionItems | undefined,
): OpenCommand[] {
  return openTabs.map((sessionId) => openCommand(sessionId, lookup(sessionId)));
}

/**
 * Tracks re-opens asked for after gaps, so one gap sends one `session:open` rather than one per later message.
 * A request older than `retryAfterMs` may be sent again (its answer may have been lost).
 */
export class ResyncTracker {
  private readonly pending = new Map<string, { afterSeq: number; at: number }>();

  constructor(
    private readonly retryAfterMs = 3000,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when a re-open from `afterSeq` should be sent now (and records it as sent). */
  shouldSend(sessionId: string, afterSeq: number): boolean {
    const known = this.pending.get(sessionId);
    if (known && known.afterSeq === afterSeq && this.now() - known.at < this.retryAfterMs) return false;
    this.pending.set(sessionId, { afterSeq, at: this.now() });
    return true;
  }

  /** Forgets the session's pending re-open (the stream moved on, or the socket was replaced). */
  clear(sessionId?: string): void {
    if (sessionId === undefined) this.pending.clear();
    else this.pending.delete(sessionId);
  }
}
