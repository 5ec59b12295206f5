// The @-mention file search (issue "The composer and session control" §4): REST `GET /api/session/:id/files` and the
// `/ws` command `session:files`, answered alike.
import { z } from "zod";
import { IdSchema } from "./ids.js";

/** Most paths one search answers. */
export const FILE_SEARCH_MAX_LIMIT = 200;
/** Paths a search answers when it names no `limit`. */
export const FILE_SEARCH_DEFAULT_LIMIT = 50;
/** Longest query, in characters. */
export const FILE_SEARCH_MAX_QUERY = 500;

/**
 * `GET /api/session/:id/files?q=&limit=` query: `q` the text typed after `@` (empty: the shallowest files first),
 * `limit` 1 to 200 (default 50). Query strings carry text, so `limit` is read from a string too.
 */
export const FileSearchQuerySchema = z.object({
  q: z.string().max(FILE_SEARCH_MAX_QUERY, `q must be at most ${FILE_SEARCH_MAX_QUERY} characters`).default(""),
  limit: z.coerce
    .number()
    .int("limit must be a whole number")
    .min(1, "limit must be at least 1")
    .max(FILE_SEARCH_MAX_LIMIT, `limit must be at most ${FILE_SEARCH_MAX_LIMIT}`)
    .default(FILE_SEARCH_DEFAULT_LIMIT),
});
/** The parsed search query. */
export type FileSearchQuery = z.infer<typeof FileSearchQuerySchema>;

/** One file: its path relative to the session's folder (its worktree for a worktree session), `/`-separated. */
export const FileMatchSchema = z.object({ path: z.string().min(1) });
/** `200` of `GET /api/session/:id/files`: best match first. */
export const FileSearchResponseSchema = z.object({ files: z.array(FileMatchSchema) });
/** `{ files: [{ path }] }`. */
export type FileSearchResponse = z.infer<typeof FileSearchResponseSchema>;

/** The `/ws` command `session:files { sessionId, q, limit? }`; its reply is `session:files { sessionId, q, files }`. */
export const FILE_COMMAND_SCHEMAS = [
  z.object({
    type: z.literal("session:files"),
    requestId: z.string().min(1).optional(),
    sessionId: IdSchema,
    q: FileSearchQuerySchema.shape.q,
    limit: z.number().int().min(1).max(FILE_SEARCH_MAX_LIMIT).optional(),
  }),
] as const;

/** The reply to `session:files`: `q` echoed so a browser can drop answers to queries it has moved past. */
export const FileSearchReplySchema = z.object({
  type: z.literal("session:files"),
  requestId: z.string().min(1).optional(),
  sessionId: IdSchema,
  q: z.string(),
  ...FileSearchResponseSchema.shape,
});

/**
 * The text the composer inserts for a chosen file: `@path`, or `@"path"` when the path holds white space (Claude
 * Code's own quoting; the Codex provider reads the same two forms back, see server/providers/codex/mention-links.ts).
 * `path` is relative to the session's folder, `/`-separated, as `FileMatchSchema` gives it.
 */
export function fileMention(path: string): string {
  return /\s/.test(path) ? `@"${path}"` : `@${path}`;
}
