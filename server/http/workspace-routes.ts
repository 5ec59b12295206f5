// The workspace routes (the issue "Workspaces"): a project's git facts and settings, a session's changes, commit,
// merge and discard, each one service call.
import type { FastifyInstance } from "fastify";
import {
  type ChangesResponse,
  CommitRequestSchema,
  DiscardRequestSchema,
  FileDiffQuerySchema,
  type FileDiffResponse,
  type MergeResponse,
  type OkResponse,
  ProjectSettingsRequestSchema,
  parseContract,
} from "../../shared/contracts/index.js";
import type { SessionService } from "../sessions/index.js";

type IdParams = { Params: { id: string } };

/**
 * Registers:
 * - `GET /api/projects/:id/git` → 200 `{ git, reason?, currentBranch?, branches, suggestedBranch? }`;
 * - `PATCH /api/projects/:id` `{ setupCommand }` → 200 `{ project }`;
 * - `GET /api/session/:id/changes` → 200 `{ base, head, files, uncommitted, branch?, baseBranch? }`
 *   (400 `NOT_A_GIT_REPO`, 404 `SESSION_NOT_FOUND`);
 * - `GET /api/session/:id/changes/file?path=` → 200 `{ path, diff }` (404 `FILE_NOT_CHANGED`);
 * - `POST /api/session/:id/commit` `{ message }` → 200 `{ commit }` (409 `NOTHING_TO_COMMIT`, 400 `NOT_A_WORKTREE_SESSION`);
 * - `POST /api/session/:id/merge` → 200 `{ commit, fastForward }` (409 `MERGE_CONFLICT { files }`, 409
 *   `DIRTY_CHECKOUT`, 409 `CHECKOUT_ON_OTHER_BRANCH`, 409 `UNCOMMITTED_CHANGES`, 409 `NOTHING_TO_MERGE`);
 * - `POST /api/session/:id/discard` `{ confirm: true }` → 200 `{ ok: true }` (400 `CONFIRM_REQUIRED`).
 * Git failures answer 500 `GIT_FAILED` with git's own words; a worktree deleted by hand 409 `WORKTREE_MISSING`.
 */
export async function registerWorkspaceRoutes(app: FastifyInstance, service: SessionService): Promise<void> {
  app.get<IdParams>("/api/projects/:id/git", async (request) => service.projectGit(request.params.id));

  app.patch<IdParams>("/api/projects/:id", async (request) => {
    const settings = parseContract(ProjectSettingsRequestSchema, request.body ?? {}, "request body");
    return { project: await service.setProjectSettings(request.params.id, settings) };
  });

  app.get<IdParams>("/api/session/:id/changes", async (request) => {
    return (await service.sessionChanges(request.params.id)) satisfies ChangesResponse;
  });

  app.get<IdParams & { Querystring: Record<string, unknown> }>("/api/session/:id/changes/file", async (request) => {
    const { path } = parseContract(FileDiffQuerySchema, request.query ?? {}, "query");
    const diff = await service.sessionFileDiff(request.params.id, path);
    return { path, diff } satisfies FileDiffResponse;
  });

  app.post<IdParams>("/api/session/:id/commit", async (request) => {
    service.getSession(request.params.id);
    const { message } = parseContract(CommitRequestSchema, request.body ?? {}, "request body");
    return { commit: await service.commitSession(request.params.id, message) };
  });

  app.post<IdParams>("/api/session/:id/merge", async (request) => {
    return (await service.mergeSession(request.params.id)) satisfies MergeResponse;
  });

  app.post<IdParams>("/api/session/:id/discard", async (request) => {
    const { confirm } = parseContract(DiscardRequestSchema, request.body ?? {}, "request body");
    await service.discardSession(request.params.id, confirm === true);
    return { ok: true } satisfies OkResponse;
  });
}
