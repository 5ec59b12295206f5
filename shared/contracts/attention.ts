// What every browser hears about every session's need for the user (issue 17 §1–2): approvals asked, turns ended.
import { z } from "zod";
import { IdSchema, TimestampSchema } from "./ids.js";
import { PermissionRequestSchema } from "./permissions.js";

/**
 * How a turn ended, as the attention inbox counts it: `completed` / `cancelled` (the terminal `turn_complete`'s
 * status) or `error` (`turn_error`, with its message in words).
 */
export const TurnOutcomeSchema = z.enum(["completed", "cancelled", "error"]);
/** `completed` | `cancelled` | `error`. */
export type TurnOutcome = z.infer<typeof TurnOutcomeSchema>;

/** One session's last turn end: `endedAt` is the server's clock when the terminal turn event was streamed. */
export const AttentionTurnSchema = z.object({
  sessionId: IdSchema,
  turnId: IdSchema,
  outcome: TurnOutcomeSchema,
  /** The turn error's words (`turn_error.errorMessage`), only for `error`. */
  errorMessage: z.string().optional(),
  endedAt: TimestampSchema,
});
/** One session's last turn end. */
export type AttentionTurn = z.infer<typeof AttentionTurnSchema>;

/** A permission request still waiting, of any session; `askedAt`: the server's clock when it was asked. */
export const AttentionApprovalSchema = z.object({
  sessionId: IdSchema,
  request: PermissionRequestSchema,
  askedAt: TimestampSchema,
});
/** A waiting permission request. */
export type AttentionApproval = z.infer<typeof AttentionApprovalSchema>;

/**
 * The `attention:*` messages, sent to every socket whether or not it watches the session (`permission:request` goes
 * only to watchers, CONTRACTS.md section 7):
 * - `attention:snapshot` once as a socket connects: every waiting approval and each session's last turn end of this
 *   server run;
 * - `attention:approval` when any session asks for an approval; `attention:resolved` when one is answered or closed;
 * - `attention:turn` when any session's turn ends (completed, cancelled or failed).
 */
export const ATTENTION_SERVER_SCHEMAS = [
  z.object({
    type: z.literal("attention:snapshot"),
    approvals: z.array(AttentionApprovalSchema),
    turns: z.array(AttentionTurnSchema),
  }),
  z.object({ type: z.literal("attention:approval"), ...AttentionApprovalSchema.shape }),
  z.object({ type: z.literal("attention:resolved"), sessionId: IdSchema, requestId: IdSchema }),
  z.object({ type: z.literal("attention:turn"), ...AttentionTurnSchema.shape }),
] as const;
