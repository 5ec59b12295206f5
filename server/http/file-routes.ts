// The @-mention file search route (issue "The composer and session control" §4): one service call.
import type { FastifyInstance } from "fastify";
import { FileSearchQuerySchema, type FileSearchResponse, parseContract } from "../../shared/contracts/index.js";
import type { SessionService } from "../sessions/index.js";

/**
 * Registers `GET /api/session/:id/files?q=<text>&limit=<1..200>` → 200 `{ files: [{ path }] }`: paths relative to the
 * session's folder (its worktree for a worktree session), best match first, `.gitignore` respected. 400
 * `INVALID_REQUEST` for a bad `limit` or a query over 500 characters, 404 `SESSION_NOT_FOUND`, 409
 * `WORKTREE_MISSING`, 500 `GIT_FAILED`.
 */
export async function registerFileRoutes(app: FastifyInstance, service: SessionService): Promise<void> {
  app.get<{ Params: { id: string }; Querystring: Record<string, unknown> }>(
    "/api/session/:id/files",
    async (request) => {
      service.getSession(request.params.id);
      const { q, limit } = parseContract(FileSearchQuerySchema, request.query ?? {}, "query");
      return (await service.searchFiles(request.params.id, q, limit)) satisfies FileSearchResponse;
    },
  );
}
