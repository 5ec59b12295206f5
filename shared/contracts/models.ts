// Model and effort (issue "The composer and session control" §2): the models a session's CLI offers, the current one,
// and changing it between turns (REST under /api/session/:id/model(s), the same operations as /ws commands).
import { z } from "zod";
import { IdSchema } from "./ids.js";

/** The longest model or effort id the app accepts, in characters. */
export const MODEL_ID_MAX_CHARS = 200;

/** A model id as the CLI names it (Claude Code: `opus`, `sonnet`, a full id; Codex: `gpt-5.4`): trimmed, 1-200 chars. */
export const ModelIdSchema = z.string().trim().min(1, "model must not be empty").max(MODEL_ID_MAX_CHARS);

/**
 * One model (or effort level) the CLI offers: `id` what the CLI takes (Claude Code `ModelInfo.value`, Codex's
 * `model` config option value), `name` its display name, `description` the CLI's own words.
 */
export const ModelChoiceSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  description: z.string().optional(),
});
/** `{ id, name, description? }`. */
export type ModelChoice = z.infer<typeof ModelChoiceSchema>;

/**
 * The reasoning effort levels the CLI offers for the current model (Claude Code: `ModelInfo.supportedEffortLevels`;
 * Codex: its `reasoning_effort` config option), `current` the level in force when known.
 */
export const EffortChoicesSchema = z.object({
  current: z.string().optional(),
  levels: z.array(ModelChoiceSchema),
});
/** `{ current?, levels }`. */
export type EffortChoices = z.infer<typeof EffortChoicesSchema>;

/**
 * `200` of `GET /api/session/:id/models`: `current` the model the session's next turn uses (the one chosen in the app,
 * else the CLI's own), `models` the CLI's list in its order; `effort` when the CLI offers effort levels.
 */
export const ModelsResponseSchema = z.object({
  current: z.string(),
  models: z.array(ModelChoiceSchema),
  effort: EffortChoicesSchema.optional(),
});
/** A session's models. */
export type ModelsResponse = z.infer<typeof ModelsResponseSchema>;

/**
 * `POST /api/session/:id/model` body: `model` one of the session's `models` ids (else 400 `UNKNOWN_MODEL`);
 * `effort` optionally one of its effort level ids (else 400 `UNKNOWN_MODEL`). Applies from the next turn.
 */
export const SetModelRequestSchema = z.object({
  model: ModelIdSchema,
  effort: ModelIdSchema.optional(),
});
/** `{ model, effort? }`. */
export type SetModelRequest = z.infer<typeof SetModelRequestSchema>;

/** `200` of `POST /api/session/:id/model`: the model (and effort) now in force for the next turn. */
export const SetModelResponseSchema = z.object({ current: z.string(), effort: z.string().optional() });
/** `{ current, effort? }`. */
export type SetModelResponse = z.infer<typeof SetModelResponseSchema>;

/**
 * `200` of `GET /api/cli/:cliType/models` (what the new-session form offers before a session exists): the CLI's
 * last known list this server run (empty until one of its sessions has started: the form then offers the CLI's
 * default only), `current` the CLI's own default when known.
 */
export const CliModelsResponseSchema = z.object({
  cliType: z.string(),
  current: z.string().optional(),
  models: z.array(ModelChoiceSchema),
  effort: EffortChoicesSchema.optional(),
});
/** A CLI's last known models. */
export type CliModelsResponse = z.infer<typeof CliModelsResponseSchema>;

const requestId = { requestId: z.string().min(1).optional() };

/** The `/ws` commands of models; each answers like its REST route (ws-server.ts has the replies). */
export const MODEL_COMMAND_SCHEMAS = [
  z.object({ type: z.literal("session:models"), ...requestId, sessionId: IdSchema }),
  z.object({ type: z.literal("session:model"), ...requestId, sessionId: IdSchema, ...SetModelRequestSchema.shape }),
  z.object({ type: z.literal("cli:models"), ...requestId, cliType: z.string().min(1) }),
] as const;

/** The `/ws` replies of models. */
export const MODEL_REPLY_SCHEMAS = [
  /** Answers `session:models`. */
  z.object({ type: z.literal("session:models"), ...requestId, sessionId: IdSchema, ...ModelsResponseSchema.shape }),
  /** Answers `session:model` (every browser also gets `session:updated` with the session's new `model`). */
  z.object({ type: z.literal("session:model"), ...requestId, sessionId: IdSchema, ...SetModelResponseSchema.shape }),
  /** Answers `cli:models`. */
  z.object({ type: z.literal("cli:models"), ...requestId, ...CliModelsResponseSchema.shape }),
] as const;
