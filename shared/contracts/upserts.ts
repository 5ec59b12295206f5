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
 * One part of a user message in the order its CLI recorded it (issue 13 §8): a run of markdown `text`, or the image
 * `images[index]` of the same message. Only messages that mix text and images in an order that matters carry `parts`;
 * the parts' text joined by blank lines is `content`.
 */
export const MessagePartSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text"), text: z.string() }),
  z.object({ type: z.literal("image"), index: z.number().int().min(0) }),
]);
/** A text run or an image of a user message, in order. */
export type MessagePart = z.infer<typeof MessagePartSchema>;

/**
 * Context a CLI or an IDE put into a user message that the user did not type (issue 13 §9): `<ide_opened_file>`,
 * `<ide_selection>`, `<system-reminder>`, Codex `<environment_context>`, `<user_instructions>`, AGENTS.md and the
 * like. `label` is a short human name ("Opened file", "System reminder"); `text` the block's text without its tags;
 * `tag` the tag name it came in, when it had one (e.g. `ide_opened_file`). Shown as a chip that expands, never as
 * the user's words.
 */
export const InjectedContextSchema = z.object({
  label: z.string(),
  text: z.string(),
  tag: z.string().optional(),
});
/** One block of injected context of a user message. */
export type InjectedContext = z.infer<typeof InjectedContextSchema>;

/**
 * A user, agent or system message; `content` is the full markdown text so far ("" for a user message of images only).
 * `images`: the images the user sent with it, in order, by reference (fetch each from `GET /api/images/:imageId`).
 * `parts`: text and images in their recorded order, when both are there (see `MessagePartSchema`); without it the
 * images show before `content`. `context`: injected context taken out of `content` (see `InjectedContextSchema`).
 */
export const MessageUpsertSchema = z.object({
  ...upsertBase,
  type: z.literal("message"),
  content: z.string(),
  origin: z.enum(["user", "agent", "system"]),
  images: z.array(ImageRefSchema).optional(),
  parts: z.array(MessagePartSchema).optional(),
  context: z.array(InjectedContextSchema).optional(),
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
  /**
   * Images in the tool's result (e.g. a Read of a PNG file), in order, by reference like a user message's `images`
   * (fetch each from `GET /api/images/:imageId`); `toolOutput` holds the result's text without them.
   */
  images: z.array(ImageRefSchema).optional(),
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
