// Turn events: one `turn_started`, then exactly one `turn_complete` or `turn_error` (CONTRACTS.md section 3).
import { z } from "zod";
import { IdSchema } from "./ids.js";

/**
 * Token usage of one turn; `costUsd` in US dollars when the CLI reports it. `contextUsedTokens` /
 * `contextWindowTokens`: how much of the model's context window the session fills after the turn, and its size, when
 * the CLI reports that instead of (or besides) per-turn tokens (ACP `usage_update` `used` / `size`); a CLI that reports
 * only these gives 0 for `inputTokens` and `outputTokens`.
 */
export const UsageSchema = z.object({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  cacheReadInputTokens: z.number().int().nonnegative().optional(),
  cacheCreationInputTokens: z.number().int().nonnegative().optional(),
  costUsd: z.number().nonnegative().optional(),
  contextUsedTokens: z.number().int().nonnegative().optional(),
  contextWindowTokens: z.number().int().positive().optional(),
});
/** Token usage of one turn (CONTRACTS.md section 3). */
export type Usage = z.infer<typeof UsageSchema>;

/** The turn began; `modelId` is the model the CLI reports, `providerId` the `cliType`. */
export const TurnStartedSchema = z.object({
  type: z.literal("turn_started"),
  turnId: IdSchema,
  sessionId: IdSchema,
  modelId: z.string(),
  providerId: z.string(),
});

/** The turn ended normally (`completed`) or by the user's cancel (`cancelled`). */
export const TurnCompleteSchema = z.object({
  type: z.literal("turn_complete"),
  turnId: IdSchema,
  sessionId: IdSchema,
  status: z.enum(["completed", "cancelled"]),
  usage: UsageSchema.optional(),
});

/** The turn failed; a failure is never a `turn_complete`. */
export const TurnErrorSchema = z.object({
  type: z.literal("turn_error"),
  turnId: IdSchema,
  sessionId: IdSchema,
  errorCode: z.string().min(1),
  errorMessage: z.string(),
});

/** Any turn event, discriminated by `type`. */
export const TurnEventSchema = z.discriminatedUnion("type", [TurnStartedSchema, TurnCompleteSchema, TurnErrorSchema]);
/** A turn lifecycle event (CONTRACTS.md section 3). */
export type TurnEvent = z.infer<typeof TurnEventSchema>;
/** The two terminal turn events. */
export type TurnTerminalEvent = Extract<TurnEvent, { type: "turn_complete" | "turn_error" }>;
