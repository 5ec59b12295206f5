// The session's slash commands (issue "The composer and session control" §3): REST `GET /api/session/:id/commands`
// and the `/ws` command `session:commands`, answered alike; the same message is pushed when the CLI's list changes.
import { z } from "zod";
import { IdSchema } from "./ids.js";

/**
 * One slash command the session's CLI offers: `name` without the leading `/` (e.g. `compact`, `review`), and what it
 * does in the CLI's own words (`description`, possibly empty). From Claude Code's `Query.supportedCommands()` /
 * `system:commands_changed`, or codex-acp's ACP `available_commands_update`.
 */
export const SlashCommandSchema = z.object({ name: z.string().min(1), description: z.string() });
/** `{ name, description }`. */
export type SlashCommandInfo = z.infer<typeof SlashCommandSchema>;

/** `200` of `GET /api/session/:id/commands`: the CLI's order (Claude Code: its list; Codex: ACP's). */
export const CommandsResponseSchema = z.object({ commands: z.array(SlashCommandSchema) });
/** `{ commands: [{ name, description }] }`. */
export type CommandsResponse = z.infer<typeof CommandsResponseSchema>;

/** The `/ws` command `session:commands { sessionId }`; its reply is `session:commands { sessionId, commands }`. */
export const COMMANDS_COMMAND_SCHEMAS = [
  z.object({ type: z.literal("session:commands"), requestId: z.string().min(1).optional(), sessionId: IdSchema }),
] as const;

/**
 * The reply to `session:commands` (with its `requestId`), and, without one, the push to the sockets watching the
 * session when the CLI's list changes (a browser replaces its list with it).
 */
export const CommandsReplySchema = z.object({
  type: z.literal("session:commands"),
  requestId: z.string().min(1).optional(),
  sessionId: IdSchema,
  ...CommandsResponseSchema.shape,
});
