// REST request and response bodies of the Session API and the project routes (CONTRACTS.md section 6).
import { z } from "zod";
import { ProjectSchema, SessionSummarySchema } from "./entities.js";
import { CliTypeSchema, IdSchema, PermissionModeSchema, SessionStateSchema } from "./ids.js";
import { ImageInputSchema } from "./images.js";
import { ModelIdSchema } from "./models.js";
import { WorkspaceRequestSchema, WorkspaceSchema } from "./workspaces.js";

/**
 * `POST /api/session/create` body. `cliType` is any string here so an unknown one maps to `UNSUPPORTED_CLI_TYPE`;
 * `workspace` (default `{ kind: "folder" }`) says where the CLI works (a new git worktree: see workspaces.ts);
 * `model` / `effort` (default the CLI's own) the model and effort level the session starts with (models.ts).
 */
export const CreateSessionRequestSchema = z.object({
  cliType: z.string().min(1),
  projectId: IdSchema,
  permissionMode: PermissionModeSchema.optional(),
  workspace: WorkspaceRequestSchema.optional(),
  model: ModelIdSchema.optional(),
  effort: ModelIdSchema.optional(),
});
export type CreateSessionRequest = z.infer<typeof CreateSessionRequestSchema>;

/** `201` of `POST /api/session/create` and `200` of `POST /api/session/:id/load`, with where the session works. */
export const SessionRefResponseSchema = z.object({
  sessionId: IdSchema,
  cliType: CliTypeSchema,
  workspace: WorkspaceSchema.optional(),
});
export type SessionRefResponse = z.infer<typeof SessionRefResponseSchema>;

/** `GET /api/session/list?projectId=` query. */
export const SessionListQuerySchema = z.object({ projectId: IdSchema });
/** `200` of `GET /api/session/list`. */
export const SessionListResponseSchema = z.object({ sessions: z.array(SessionSummarySchema) });
export type SessionListResponse = z.infer<typeof SessionListResponseSchema>;

/** `200` of `GET /api/session/:id/status`. */
export const SessionStatusResponseSchema = z.object({
  sessionId: IdSchema,
  cliType: CliTypeSchema,
  isAlive: z.boolean(),
  state: SessionStateSchema,
});
export type SessionStatusResponse = z.infer<typeof SessionStatusResponseSchema>;

/**
 * The fields of a message being sent, for `POST /api/session/:id/send` and `session:send`: `content` (trimmed) and
 * optional `images` (base64, see images.ts; each checked by the server, 400 `INVALID_IMAGE` / 413 `IMAGE_TOO_LARGE`).
 * A message may be images only: `content` may then be empty or left out (default ""); a message with neither text
 * nor images is refused ("content must not be empty").
 */
export const sendMessageFields = {
  content: z.string().trim().default(""),
  images: z.array(ImageInputSchema).optional(),
};
/** The refinement of `sendMessageFields`: text, images or both. */
export function hasTextOrImages(message: { content: string; images?: unknown[] | undefined }): boolean {
  return message.content !== "" || (message.images?.length ?? 0) > 0;
}
/** The refusal of a message with neither text nor images, on its `content` field. */
export const EMPTY_MESSAGE = { message: "content must not be empty", path: ["content"] };

/** `POST /api/session/:id/send` body: the user's message (text, images or both). */
export const SendMessageRequestSchema = z.object(sendMessageFields).refine(hasTextOrImages, EMPTY_MESSAGE);
export type SendMessageRequest = z.infer<typeof SendMessageRequestSchema>;
/** `202` of `POST /api/session/:id/send`: the provider's canonical `turnId`. */
export const SendMessageResponseSchema = z.object({ turnId: IdSchema });
export type SendMessageResponse = z.infer<typeof SendMessageResponseSchema>;

/** Longest title a user may give a session (`POST /api/session/:id/rename`), in UTF-16 code units. */
export const SESSION_TITLE_MAX_CHARS = 200;
/** The title of `POST /api/session/:id/rename` and `session:rename`: trimmed, 1 to 200 characters, one line. */
export const SessionTitleSchema = z
  .string()
  .trim()
  .min(1, "title must not be empty")
  .max(SESSION_TITLE_MAX_CHARS, `title must be at most ${SESSION_TITLE_MAX_CHARS} characters`)
  .refine((title) => !/[\r\n]/.test(title), "title must be one line");
/** `POST /api/session/:id/rename` body (issue "The composer and session control" §6). */
export const RenameSessionRequestSchema = z.object({ title: SessionTitleSchema });
export type RenameSessionRequest = z.infer<typeof RenameSessionRequestSchema>;
/** `200` of `POST /api/session/:id/rename`: the session with its new title. */
export const RenameSessionResponseSchema = z.object({ session: SessionSummarySchema });
export type RenameSessionResponse = z.infer<typeof RenameSessionResponseSchema>;

/** `POST /api/session/:id/permission-mode` body: change the mode of a live session. */
export const SetPermissionModeRequestSchema = z.object({ permissionMode: PermissionModeSchema });
export type SetPermissionModeRequest = z.infer<typeof SetPermissionModeRequestSchema>;

/** `200` of cancel, kill and other acknowledgement-only routes. */
export const OkResponseSchema = z.object({ ok: z.literal(true) });
export type OkResponse = z.infer<typeof OkResponseSchema>;

/** `GET /api/projects` response. */
export const ProjectListResponseSchema = z.object({ projects: z.array(ProjectSchema) });
export type ProjectListResponse = z.infer<typeof ProjectListResponseSchema>;
/** `POST /api/projects` body: a folder path (`~` expanded by the server). */
export const AddProjectRequestSchema = z.object({ path: z.string().trim().min(1, "path must not be empty") });
export type AddProjectRequest = z.infer<typeof AddProjectRequestSchema>;
/** `201` of `POST /api/projects`. */
export const AddProjectResponseSchema = z.object({ project: ProjectSchema });
export type AddProjectResponse = z.infer<typeof AddProjectResponseSchema>;
/** `200` of `DELETE /api/projects/:id`. */
export const RemoveProjectResponseSchema = z.object({ projectId: IdSchema });
export type RemoveProjectResponse = z.infer<typeof RemoveProjectResponseSchema>;

/** `GET /api/health` response; `uptimeMs` in milliseconds. */
export const HealthResponseSchema = z.object({ status: z.literal("ok"), version: z.string(), uptimeMs: z.number() });
export type HealthResponse = z.infer<typeof HealthResponseSchema>;
