// Archived sessions (issue 17 §4): listing a project's archived sessions, unarchiving one (REST and `/ws`).
import { z } from "zod";
import { SessionSummarySchema } from "./entities.js";
import { IdSchema } from "./ids.js";

/**
 * The `archived` query flag of `GET /api/session/list?projectId=&archived=true`: `"true"` / `"1"` lists the
 * project's archived sessions instead of its active ones; absent, `"false"` or `"0"` keeps the fixed behaviour
 * (archived excluded). Anything else is refused (400 `INVALID_REQUEST`).
 */
export const ArchivedQueryFlagSchema = z
  .enum(["true", "false", "1", "0"], { message: "archived must be true or false" })
  .optional()
  .transform((value) => value === "true" || value === "1");

/** `200` of `POST /api/session/:id/unarchive`: the session, back in its project's list (`archived: false`). */
export const UnarchiveSessionResponseSchema = z.object({ ok: z.literal(true), session: SessionSummarySchema });
/** `{ ok: true, session }`. */
export type UnarchiveSessionResponse = z.infer<typeof UnarchiveSessionResponseSchema>;

/**
 * The `/ws` command `session:unarchive { sessionId }`: brings an archived session back into its project's list.
 * Reply `session:updated { session }` (`archived: false`); every browser hears the same `session:updated`.
 */
export const ARCHIVE_COMMAND_SCHEMAS = [
  z.object({ type: z.literal("session:unarchive"), requestId: z.string().min(1).optional(), sessionId: IdSchema }),
] as const;
