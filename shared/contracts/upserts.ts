// Upsert objects: the whole current state of one renderable item (CONTRACTS.md section 2).
import { z } from "zod";
import { IdSchema, TimestampSchema } from "./ids.js";
import { ImageRefSchema } from "./images.js";

/** Lifecycle status of one emission: one `create`, any `update`s, then exactly one `complete` or `error`. */
export const UpsertStatusSchema = z.enum(["create", "update", "complete", "error"]);
/** `create` → `update`* → `complete` | `error`. */
export type UpsertStatus = z.infer<typeof UpsertStatusSchema>;

/** Fields every upsert carries (CONTRACTS.md section 2, `UpsertObjectBase`). */
const upsertBase = {
  turnId: IdSchema,
  sessionId: IdSchema,
  itemId: IdSchema,
  /** ISO 8601 UTC: when the CLI event that produced this state arrived. */
  sourceTimestamp: TimestampSchema,
  /** ISO 8601 UTC: when the provider emitted this upsert (after batching). */
  emittedAt: TimestampSchema,
  status: UpsertStatusSchema,
  errorCode: z.string().optional(),
  errorMessage: z.string().optional(),
  /** Set on items produced inside a sub-agent (Claude Task tool): the parent tool call's `callId`. */
  parentCallId: z.string().optional(),
};

/**
 * A user, agent or system message; `content` is the full markdown text so far ("" for a user message of images only).
 * `images`: the images the user sent with it, in order, by reference (fetch each from `GET /api/images/:imageId`).
 */
export const MessageUpsertSchema = z.object({
  ...upsertBase,
  type: z.literal("message"),
  content: z.string(),
  origin: z.enum(["user", "agent", "system"]),
  images: z.array(ImageRefSchema).optional(),
});
/** A user, agent or system message (CONTRACTS.md section 2). */
export type MessageUpsert = z.infer<typeof MessageUpsertSchema>;

/** A thinking / reasoning item; `providerId` is the `cliType` that produced it. */
export const ThinkingUpsertSchema = z.object({
  ...upsertBase,
  type: z.literal("thinking"),
  content: z.string(),
  providerId: z.string(),
});
/** A thinking / reasoning item (CONTRACTS.md section 2). */
export type ThinkingUpsert = z.infer<typeof ThinkingUpsertSchema>;

/** One tool call: name and `callId` from the start, arguments final on `update`, output on the terminal emission. */
export const ToolCallUpsertSchema = z.object({
  ...upsertBase,
  type: z.literal("tool_call"),
  toolName: z.string(),
  callId: z.string(),
  /** May be partial or `{}` on `create`; final once the arguments are complete. */
  toolArguments: z.record(z.string(), z.unknown()),
  toolOutput: z.string().optional(),
  toolOutputIsError: z.boolean().optional(),
  /** Human label when the CLI gives one (ACP `title`, e.g. "Run echo hi"). */
  title: z.string().optional(),
  /** ACP tool kind when known: read | edit | delete | move | search | execute | think | fetch | other. */
  kind: z.string().optional(),
});
/** A tool call (CONTRACTS.md section 2). */
export type ToolCallUpsert = z.infer<typeof ToolCallUpsertSchema>;

/** Any upsert, discriminated by `type`. */
export const UpsertObjectSchema = z.discriminatedUnion("type", [
  MessageUpsertSchema,
  ThinkingUpsertSchema,
  ToolCallUpsertSchema,
]);
/** `MessageUpsert | ThinkingUpsert | ToolCallUpsert`. */
export type UpsertObject = z.infer<typeof UpsertObjectSchema>;
/** The `type` of an upsert. */
export type UpsertType = UpsertObject["type"];

/** True for the two terminal statuses, after which nothing more is emitted for the item. */
export function isTerminalStatus(status: UpsertStatus): boolean {
  return status === "complete" || status === "error";
}
