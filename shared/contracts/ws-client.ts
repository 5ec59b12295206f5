// Browser-to-server WebSocket commands (CONTRACTS.md section 7); each may carry a `requestId` its reply echoes.
import { z } from "zod";
import { EMPTY_MESSAGE, hasTextOrImages, SessionTitleSchema, sendMessageFields } from "./api.js";
import { ARCHIVE_COMMAND_SCHEMAS } from "./archive.js";
import { COMMANDS_COMMAND_SCHEMAS } from "./commands.js";
import { FILE_COMMAND_SCHEMAS } from "./files.js";
import { IdSchema, PermissionModeSchema } from "./ids.js";
import { IMAGE_COMMAND_SCHEMAS } from "./images.js";
import { MODEL_COMMAND_SCHEMAS, ModelIdSchema } from "./models.js";
import { PermissionMessageSchema } from "./permissions.js";
import { TERMINAL_COMMAND_SCHEMAS } from "./terminals.js";
import { WORKSPACE_COMMAND_SCHEMAS, WorkspaceRequestSchema } from "./workspaces.js";

const requestId = { requestId: z.string().min(1).optional() };
const sessionId = { sessionId: IdSchema };

/** Every command the browser may send, discriminated by `type`. */
export const ClientMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("project:list"), ...requestId }),
  z.object({ type: z.literal("project:add"), ...requestId, path: z.string().trim().min(1, "path must not be empty") }),
  z.object({ type: z.literal("project:remove"), ...requestId, projectId: IdSchema }),
  /** `archived: true`: the project's archived sessions instead (reply `session:list { archived: true }`). */
  z.object({ type: z.literal("session:list"), ...requestId, projectId: IdSchema, archived: z.boolean().optional() }),
  z.object({
    type: z.literal("session:create"),
    ...requestId,
    projectId: IdSchema,
    cliType: z.string().min(1),
    permissionMode: PermissionModeSchema.optional(),
    workspace: WorkspaceRequestSchema.optional(),
    model: ModelIdSchema.optional(),
    effort: ModelIdSchema.optional(),
  }),
  /** `afterSeq`: the last `seq` this browser applied; the server replays what followed, or sends fresh history. */
  z.object({
    type: z.literal("session:open"),
    ...requestId,
    ...sessionId,
    afterSeq: z.number().int().min(0).optional(),
  }),
  z.object({ type: z.literal("session:close"), ...requestId, ...sessionId }),
  z.object({ type: z.literal("session:history:more"), ...requestId, ...sessionId, beforeItemId: IdSchema }),
  /** The user's message, as `POST /api/session/:id/send`: text, images (base64) or both. */
  z
    .object({ type: z.literal("session:send"), ...requestId, ...sessionId, ...sendMessageFields })
    .refine(hasTextOrImages, EMPTY_MESSAGE),
  z.object({ type: z.literal("session:cancel"), ...requestId, ...sessionId }),
  z.object({ type: z.literal("session:kill"), ...requestId, ...sessionId }),
  /**
   * Starts (resumes) the session's CLI unless it is live, as `POST /api/session/:id/load`: the browser wakes a
   * `sleeping` session while its user types. Reply `session:updated { session }` once the CLI is live.
   */
  z.object({ type: z.literal("session:load"), ...requestId, ...sessionId }),
  /** Renames the session, as `POST /api/session/:id/rename`; reply `session:updated { session }`. */
  z.object({ type: z.literal("session:rename"), ...requestId, ...sessionId, title: SessionTitleSchema }),
  z.object({ type: z.literal("session:archive"), ...requestId, ...sessionId }),
  z.object({
    type: z.literal("session:permission-mode"),
    ...requestId,
    ...sessionId,
    permissionMode: PermissionModeSchema,
  }),
  z.object({
    type: z.literal("permission:respond"),
    ...requestId,
    ...sessionId,
    requestId: IdSchema,
    optionId: IdSchema,
    /** The user's words for the agent, for an option with `feedback` (e.g. why a tool call is denied). */
    message: PermissionMessageSchema.optional(),
  }),
  ...TERMINAL_COMMAND_SCHEMAS,
  ...WORKSPACE_COMMAND_SCHEMAS,
  ...IMAGE_COMMAND_SCHEMAS,
  ...MODEL_COMMAND_SCHEMAS,
  ...FILE_COMMAND_SCHEMAS,
  ...COMMANDS_COMMAND_SCHEMAS,
  ...ARCHIVE_COMMAND_SCHEMAS,
]);
/** A browser command. */
export type ClientMessage = z.infer<typeof ClientMessageSchema>;
/** The `type` of a browser command. */
export type ClientMessageType = ClientMessage["type"];
/** The command of one `type`. */
export type ClientMessageOf<T extends ClientMessageType> = Extract<ClientMessage, { type: T }>;
