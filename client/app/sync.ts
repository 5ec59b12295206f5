// Server → state: hands every server message to its handler (handlers.ts); an unknown type is logged once.
import type { ServerMessage } from "../../shared/contracts/index.js";
import { unreachable } from "../../shared/util/index.js";
import { onAttentionMessage } from "./attention.js";
import type { AppContext } from "./context.js";
import {
  onError,
  onHistory,
  onPermissionRequest,
  onPermissionResolved,
  onProjectAdded,
  onProjectList,
  onProjectRemoved,
  onProjectUpdated,
  onSessionArchived,
  onSessionList,
  onSessionSent,
  onSessionSummary,
  onStream,
} from "./handlers.js";
import { onTerminalMessage } from "./terminals.js";

/**
 * Applies one server message (CONTRACTS.md section 7) to the store and registry: an exhaustive switch over
 * `message.type`, one delegation per case. A type outside the contract goes to `unreachable` (logged once per type
 * through `ctx.logger`, then ignored); it never throws, so the next message still applies.
 */
export function handleServerMessage(ctx: AppContext, message: ServerMessage): void {
  switch (message.type) {
    case "session:upsert":
    case "session:turn":
      onStream(ctx, message);
      break;
    case "session:history":
      onHistory(ctx, message);
      break;
    case "project:list":
      onProjectList(ctx, message);
      break;
    case "project:added":
      onProjectAdded(ctx, message);
      break;
    case "project:removed":
      onProjectRemoved(ctx, message);
      break;
    case "session:list":
      onSessionList(ctx, message);
      break;
    case "session:created":
    case "session:updated":
      onSessionSummary(ctx, message);
      break;
    case "session:archived":
      onSessionArchived(ctx, message);
      break;
    case "session:sent":
      onSessionSent(ctx, message);
      break;
    case "session:closed":
      break; // the tab was closed when the command was sent: nothing left to change
    case "permission:request":
      onPermissionRequest(ctx, message);
      break;
    case "permission:resolved":
      onPermissionResolved(ctx, message);
      break;
    case "terminal:list":
    case "terminal:created":
    case "terminal:updated":
    case "terminal:closed":
      onTerminalMessage(ctx, message);
      break;
    case "project:updated":
      onProjectUpdated(ctx, message);
      break;
    case "project:git":
    case "session:changes":
    case "session:changes:file":
    case "session:committed":
    case "session:merged":
    case "session:discarded":
      break; // replies to the workspace commands, taken by the request that asked (app/workspaces.ts)
    case "image:data":
      break; // the reply to image:get, taken by the request that asked (the browser loads images by URL instead)
    case "session:models":
    case "session:model":
    case "cli:models":
      break; // replies to the model commands, taken by the request that asked (app/models.ts)
    case "session:files":
      break; // the @-mention search's reply, taken by the request that asked
    case "session:commands":
      break; // the slash-command list (a reply or a push), taken by the composer's completion
    case "attention:snapshot":
    case "attention:approval":
    case "attention:resolved":
    case "attention:turn":
      onAttentionMessage(ctx, message);
      break;
    case "error":
      onError(ctx, message);
      break;
    default:
      unreachable(message, ctx.logger, "server message");
  }
}
