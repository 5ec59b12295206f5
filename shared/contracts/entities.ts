// Session and project records as the Session API and the WebSocket carry them (CONTRACTS.md sections 6-7).
import { z } from "zod";
import { CliTypeSchema, IdSchema, PermissionModeSchema, SessionStateSchema, TimestampSchema } from "./ids.js";
import { WorkspaceSchema } from "./workspaces.js";

/** An error as every API and WebSocket error carries it: a stable `code` and words for the user. */
export const ErrorBodySchema = z.object({ code: z.string().min(1), message: z.string() });
/** `{ code, message }` (CONTRACTS.md section 6). */
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/**
 * One session as listed (CONTRACTS.md section 6 list entries; also the `session` of WebSocket messages).
 * Added fields: `createdAt`, `permissionMode`, `source` (`app` = created here, `disk` = found in the CLI's files),
 * `lastError` (the last turn error, so the sidebar can show an error dot), `archived`, `workspace` (where its CLI works:
 * the project folder or its git worktree, with the branch and live change summary).
 */
export const SessionSummarySchema = z.object({
  sessionId: IdSchema,
  cliType: CliTypeSchema,
  projectId: IdSchema,
  title: z.string(),
  state: SessionStateSchema,
  lastActiveAt: TimestampSchema,
  createdAt: TimestampSchema.optional(),
  permissionMode: PermissionModeSchema.optional(),
  source: z.enum(["app", "disk"]).optional(),
  lastError: ErrorBodySchema.optional(),
  archived: z.boolean().optional(),
  workspace: WorkspaceSchema.optional(),
  /**
   * `false` while the session's live CLI takes no images in a message (a Codex agent whose ACP `promptCapabilities.
   * image` is not true): the composer says so before sending, the server refuses `IMAGES_UNSUPPORTED`. Absent when it
   * does, or while no CLI runs (not known then).
   */
  imageInput: z.literal(false).optional(),
  /** The model the session's next turn uses, when known (chosen in the app, else the CLI's own). */
  model: z.string().optional(),
  /** The reasoning effort level chosen in the app, when one was. */
  effort: z.string().optional(),
});
/** One session as listed. */
export type SessionSummary = z.infer<typeof SessionSummarySchema>;

/**
 * A project folder the user added; `path` is the normalised real path. `setupCommand`: run in each new worktree of the
 * project before the agent's first turn (project settings, `PATCH /api/projects/:id`).
 */
export const ProjectSchema = z.object({
  projectId: IdSchema,
  path: z.string().min(1),
  name: z.string(),
  addedAt: TimestampSchema,
  setupCommand: z.string().optional(),
});
/** A project folder. */
export type Project = z.infer<typeof ProjectSchema>;
