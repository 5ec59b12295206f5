// Permission requests from a CLI to run a tool, and the user's answers (CONTRACTS.md section 5).
import { z } from "zod";
import { IdSchema, PermissionModeSchema } from "./ids.js";

/** The kind of one answer option, in ACP's terms (`PermissionOptionKind`). */
export const PermissionOptionKindSchema = z.enum(["allow_once", "allow_always", "reject_once", "reject_always"]);
/** `allow_once`, `allow_always`, `reject_once`, `reject_always`. */
export type PermissionOptionKind = z.infer<typeof PermissionOptionKindSchema>;

/** Longest reason a user may give with a denial (`PermissionDecision.message`), in UTF-16 code units. */
export const PERMISSION_MESSAGE_MAX_CHARS = 4000;
/** The user's words for the agent given with an answer: trimmed, 1 to 4,000 characters. */
export const PermissionMessageSchema = z.string().trim().min(1).max(PERMISSION_MESSAGE_MAX_CHARS);

/**
 * One of the CLI's own choices; `optionId` is the CLI's id (ACP option id, or the Claude provider's own ids).
 * `setsMode`: choosing it also switches the session to this permission mode (Claude Code's allow-always suggestion
 * `setMode`, e.g. `acceptEdits` for the rest of the session), so the app can show the session's real mode.
 * `feedback`: choosing it may carry the user's words for the agent (`message`; Claude Code's deny message), so the
 * app offers a text box with it.
 */
export const PermissionOptionSchema = z.object({
  optionId: IdSchema,
  name: z.string(),
  kind: PermissionOptionKindSchema,
  setsMode: PermissionModeSchema.optional(),
  feedback: z.boolean().optional(),
});
/** One answer option of a permission request. */
export type PermissionOption = z.infer<typeof PermissionOptionSchema>;

/**
 * A CLI's request to run a tool (Claude `canUseTool`, ACP `session/request_permission`).
 * `input` is the tool's arguments (the command, the file and content, …); `diff` is set for edits when known.
 */
export const PermissionRequestSchema = z.object({
  requestId: IdSchema,
  sessionId: IdSchema,
  turnId: IdSchema,
  callId: z.string().optional(),
  toolName: z.string(),
  title: z.string().optional(),
  input: z.record(z.string(), z.unknown()),
  options: z.array(PermissionOptionSchema).min(1),
  diff: z.object({ path: z.string(), oldText: z.string().optional(), newText: z.string() }).optional(),
});
/** A permission request (CONTRACTS.md section 5). */
export type PermissionRequest = z.infer<typeof PermissionRequestSchema>;

/**
 * The answer a provider gives back to its CLI: one of the request's `optionId`s, or `cancelled` (no answer before
 * the turn ended or was cancelled, no handler, or the request was withdrawn). Mirrors ACP `RequestPermissionOutcome`.
 */
export const PermissionDecisionSchema = z.discriminatedUnion("outcome", [
  z.object({ outcome: z.literal("selected"), optionId: IdSchema, message: PermissionMessageSchema.optional() }),
  z.object({ outcome: z.literal("cancelled"), reason: z.string().optional() }),
]);
/** The decision on one permission request. */
export type PermissionDecision = z.infer<typeof PermissionDecisionSchema>;
