// WebSocket commands: parsing with ClientMessageSchema and one service call per command (CONTRACTS.md section 7).
import {
  type ClientMessage,
  ClientMessageSchema,
  ContractValidationError,
  type ErrorBody,
  FILE_SEARCH_DEFAULT_LIMIT,
  parseContract,
  type ServerMessage,
} from "../../shared/contracts/index.js";
import type { SessionService } from "../sessions/index.js";
import { readImage } from "./image-routes.js";
import { tooDeepAt, tooDeepMessage } from "./json-depth.js";
import type { OpenOptions } from "./ws-session-watch.js";

/** What a command may touch besides the service: this socket's session watches. */
export interface DispatchContext {
  service: SessionService;
  connection: {
    openSession(sessionId: string, options: OpenOptions): Promise<void>;
    closeSession(sessionId: string): void;
    isWatching(sessionId: string): boolean;
  };
}

/** A parsed command, or the `error` body to send back (`requestId` echoed when it could be read). */
export type ParsedCommand =
  | { ok: true; command: ClientMessage }
  | { ok: false; error: ErrorBody & { requestId?: string } };

/** Longest command but `session:send` (UTF-16 code units, ≈ bytes for JSON): 16 Mi, the app's body limit. */
const COMMAND_MAX_CHARS = 16 * 1024 * 1024;

const COMMAND_TYPES = new Set<string>(ClientMessageSchema.options.map((option) => option.shape.type.value));

/**
 * Parses one incoming text: malformed JSON, JSON nested deeper than `MAX_JSON_DEPTH` (refused before parsing, so
 * one hostile frame cannot block the event loop), an unknown `type` and invalid fields all give `INVALID_REQUEST`
 * with a message naming the problem (`Invalid command: content: content must not be empty`).
 */
export function parseCommand(raw: string): ParsedCommand {
  const deep = tooDeepAt(raw);
  if (deep >= 0) return { ok: false, error: { code: "INVALID_REQUEST", message: tooDeepMessage(deep) } };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: "INVALID_REQUEST", message: `Malformed JSON: ${reason}` } };
  }
  const record = typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  const requestId = typeof record.requestId === "string" && record.requestId !== "" ? record.requestId : undefined;
  const echo = requestId === undefined ? {} : { requestId };
  if (typeof record.type === "string" && !COMMAND_TYPES.has(record.type)) {
    return { ok: false, error: { ...echo, code: "INVALID_REQUEST", message: `Unknown command type "${record.type}"` } };
  }
  if (raw.length > COMMAND_MAX_CHARS && record.type !== "session:send") {
    const message = `A ${String(record.type)} command may be at most 16 MiB; only session:send (with images) may be larger`;
    return { ok: false, error: { ...echo, code: "INVALID_REQUEST", message } };
  }
  try {
    return { ok: true, command: parseContract(ClientMessageSchema, value, "command") };
  } catch (error) {
    const message = error instanceof ContractValidationError ? error.message : String(error);
    return { ok: false, error: { ...echo, code: "INVALID_REQUEST", message } };
  }
}

/**
 * Runs one command and returns the replies for this socket, each echoing the command's `requestId`:
 * `project:list` → `project:list`; `project:add` → `project:added`; `project:remove` → `project:removed`;
 * `session:list` → `session:list`; `session:create` → `session:created`; `session:open` → `session:history` (or the
 * replayed stream messages) and the pending `permission:request`s, sent by the watch itself, then `session:updated`
 * with the session's summary as the acknowledgement (a replay of nothing has no other reply); `session:close` →
 * `session:closed`; `session:history:more` → `session:history { older: true }`; `session:send` → `session:sent`;
 * `session:cancel` → the turn's terminal `session:turn` on the stream, plus `session:updated`; `session:kill` and
 * `session:permission-mode` → `session:updated`; `session:archive` → `session:archived`; `session:unarchive` →
 * `session:updated` (and `session:list { archived: true }` answers the archived list); `permission:respond` →
 * `permission:resolved` (to every watcher through the service's event; directly to this socket when it is not one);
 * `terminal:list` → `terminal:list`; `terminal:create` → `terminal:created`; `terminal:rename` and `terminal:restart`
 * → `terminal:updated`; `terminal:close` → `terminal:closed` (every browser also hears of each change through
 * `terminal:updated` / `terminal:closed`, see ws-handler.ts); `project:git` → `project:git`; `project:settings` →
 * `project:updated`; `session:changes` → `session:changes`; `session:changes:file` → `session:changes:file`;
 * `session:commit` → `session:committed`; `session:merge` → `session:merged`; `session:discard` →
 * `session:discarded` (and `session:updated` to every browser, the session archived); `image:get` → `image:data`;
 * `session:models` →
 * `session:models`; `session:model` → `session:model` (and `session:updated` to every browser, with the session's new
 * `model`); `cli:models` → `cli:models`.
 * `session:discarded` (and `session:updated` to every browser, the session archived); `session:files` →
 * `session:files { q, files }`; `session:commands` → `session:commands { commands }`.
 * @throws ServiceError / HttpError, which the connection turns into `error { requestId, code, message, sessionId }`.
 */
export async function dispatchCommand(command: ClientMessage, context: DispatchContext): Promise<ServerMessage[]> {
  const { service, connection } = context;
  const { terminals } = service;
  const echo = command.type !== "permission:respond" && command.requestId ? { requestId: command.requestId } : {};
  switch (command.type) {
    case "project:list":
      return [{ type: "project:list", ...echo, projects: service.listProjects() }];
    case "project:add":
      return [{ type: "project:added", ...echo, project: await service.addProject(command.path) }];
    case "project:remove":
      await service.removeProject(command.projectId);
      return [{ type: "project:removed", ...echo, projectId: command.projectId }];
    case "session:list": {
      if (command.archived) {
        const sessions = await service.listArchivedSessions(command.projectId);
        return [{ type: "session:list", ...echo, projectId: command.projectId, sessions, archived: true }];
      }
      const sessions = await service.listSessions(command.projectId);
      return [{ type: "session:list", ...echo, projectId: command.projectId, sessions }];
    }
    case "session:create": {
      return [{ type: "session:created", ...echo, session: await service.createSession(command) }];
    }
    case "session:open":
      await connection.openSession(command.sessionId, { afterSeq: command.afterSeq, ...echo });
      return [{ type: "session:updated", ...echo, session: service.getSession(command.sessionId) }];
    case "session:close":
      connection.closeSession(command.sessionId);
      return [{ type: "session:closed", ...echo, sessionId: command.sessionId }];
    case "session:history:more": {
      const page = await service.historyPage(command.sessionId, command.beforeItemId);
      return [{ type: "session:history", ...echo, sessionId: command.sessionId, ...page, older: true }];
    }
    case "session:send": {
      const { turnId } = await service.sendMessage(command.sessionId, command.content, command.images);
      return [{ type: "session:sent", ...echo, sessionId: command.sessionId, turnId }];
    }
    case "session:cancel":
      await service.cancelTurn(command.sessionId);
      return [{ type: "session:updated", ...echo, session: service.getSession(command.sessionId) }];
    case "session:kill":
      return [{ type: "session:updated", ...echo, session: await service.killSession(command.sessionId) }];
    case "session:rename":
      return [
        { type: "session:updated", ...echo, session: await service.renameSession(command.sessionId, command.title) },
      ];
    case "session:load":
      return [{ type: "session:updated", ...echo, session: await service.loadSession(command.sessionId) }];
    case "session:archive":
      await service.archiveSession(command.sessionId);
      return [{ type: "session:archived", ...echo, sessionId: command.sessionId }];
    case "session:unarchive":
      return [{ type: "session:updated", ...echo, session: await service.unarchiveSession(command.sessionId) }];
    case "session:permission-mode": {
      const session = await service.setPermissionMode(command.sessionId, command.permissionMode);
      return [{ type: "session:updated", ...echo, session }];
    }
    case "permission:respond": {
      const resolution = service.respondToPermission(
        command.sessionId,
        command.requestId,
        command.optionId,
        command.message,
      );
      if (connection.isWatching(command.sessionId)) return [];
      return [{ type: "permission:resolved", ...resolution }];
    }
    case "terminal:list":
      return [
        { type: "terminal:list", ...echo, sessionId: command.sessionId, terminals: terminals.list(command.sessionId) },
      ];
    case "terminal:create": {
      const { type: _type, requestId: _requestId, ...input } = command;
      return [{ type: "terminal:created", ...echo, terminal: await terminals.create(input) }];
    }
    case "terminal:rename":
      return [{ type: "terminal:updated", ...echo, terminal: terminals.rename(command.terminalId, command.name) }];
    case "terminal:restart":
      return [{ type: "terminal:updated", ...echo, terminal: await terminals.restart(command.terminalId) }];
    case "terminal:close": {
      const { sessionId } = terminals.get(command.terminalId);
      await terminals.close(command.terminalId);
      return [{ type: "terminal:closed", ...echo, terminalId: command.terminalId, sessionId }];
    }
    case "project:git":
      return [
        {
          type: "project:git",
          ...echo,
          projectId: command.projectId,
          ...(await service.projectGit(command.projectId)),
        },
      ];
    case "project:settings": {
      const { setupCommand } = command;
      const project = await service.setProjectSettings(
        command.projectId,
        setupCommand === undefined ? {} : { setupCommand },
      );
      return [{ type: "project:updated", ...echo, project }];
    }
    case "session:changes":
      return [
        {
          type: "session:changes",
          ...echo,
          sessionId: command.sessionId,
          changes: await service.sessionChanges(command.sessionId),
        },
      ];
    case "session:changes:file": {
      const diff = await service.sessionFileDiff(command.sessionId, command.path);
      return [{ type: "session:changes:file", ...echo, sessionId: command.sessionId, path: command.path, diff }];
    }
    case "session:commit": {
      const commit = await service.commitSession(command.sessionId, command.message);
      return [{ type: "session:committed", ...echo, sessionId: command.sessionId, commit }];
    }
    case "session:merge": {
      const merged = await service.mergeSession(command.sessionId);
      return [{ type: "session:merged", ...echo, sessionId: command.sessionId, ...merged }];
    }
    case "image:get": {
      const image = await readImage(service, command.imageId);
      const data = image.bytes.toString("base64");
      return [{ type: "image:data", ...echo, imageId: command.imageId, mediaType: image.mediaType, data }];
    }
    case "session:files": {
      const { files } = await service.searchFiles(
        command.sessionId,
        command.q,
        command.limit ?? FILE_SEARCH_DEFAULT_LIMIT,
      );
      return [{ type: "session:files", ...echo, sessionId: command.sessionId, q: command.q, files }];
    }
    case "session:commands": {
      const commands = await service.listCommands(command.sessionId);
      return [{ type: "session:commands", ...echo, sessionId: command.sessionId, commands }];
    }
    case "session:discard":
      await service.discardSession(command.sessionId, command.confirm === true);
      return [{ type: "session:discarded", ...echo, sessionId: command.sessionId }];
    case "session:models":
      return [
        {
          type: "session:models",
          ...echo,
          sessionId: command.sessionId,
          ...(await service.listModels(command.sessionId)),
        },
      ];
    case "session:model": {
      const set = await service.setModel(command.sessionId, command.model, command.effort);
      return [{ type: "session:model", ...echo, sessionId: command.sessionId, ...set }];
    }
    case "cli:models":
      return [{ type: "cli:models", ...echo, ...service.cliModels(command.cliType) }];
  }
}
