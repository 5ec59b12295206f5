// Server → state for the `attention:*` messages (every session's approvals and turn ends, watched or not).
import type { ServerMessageOf } from "../../shared/contracts/index.js";
import { addApproval, addTurn, applySnapshot, lookingAt, removeApproval } from "../state/attention.js";
import type { AppContext } from "./context.js";

/** The `attention:*` message types. */
export type AttentionMessage = ServerMessageOf<
  "attention:snapshot" | "attention:approval" | "attention:resolved" | "attention:turn"
>;

/**
 * Applies one `attention:*` message to `state.attention`: the snapshot as a socket connects, an approval asked or
 * resolved, a turn's end (seen at once when its session is the one looked at: the active tab of a visible page).
 */
export function onAttentionMessage(ctx: AppContext, message: AttentionMessage): void {
  ctx.store.set((s) => {
    const looking = lookingAt(s.tabs, s.pageVisible);
    switch (message.type) {
      case "attention:snapshot":
        return { attention: applySnapshot(s.attention, message, looking) };
      case "attention:approval": {
        const { type: _type, ...approval } = message;
        return { attention: addApproval(s.attention, approval) };
      }
      case "attention:resolved":
        return { attention: removeApproval(s.attention, message.requestId) };
      case "attention:turn": {
        const { type: _type, ...turn } = message;
        return { attention: addTurn(s.attention, turn, looking) };
      }
    }
  });
}
