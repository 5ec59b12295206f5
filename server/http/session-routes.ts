// The Session API routes (CONTRACTS.md section 6): parse the request, call the session service, reply.
import type { FastifyInstance } from "fastify";
import {
  ArchivedQueryFlagSchema,
  CreateSessionRequestSchema,
  MAX_SEND_BODY_BYTES,
  type OkResponse,
  parseContract,
  RenameSessionRequestSchema,
  type RenameSessionResponse,
  SendMessageRequestSchema,
  type SendMessageResponse,
  type SessionListResponse,
  type SessionRefResponse,
  type SessionStatusResponse,
  SetPermissionModeRequestSchema,
  type UnarchiveSessionResponse,
} from "../../shared/contracts/index.js";
import type { SessionService } from "../sessions/index.js";
import { HttpError } from "./errors.js";

type IdParams = { Params: { id: string } };

/**
 * Registers, under `/api/session`:
 * - `POST /create` `{ cliType, projectId, permissionMode?, workspace?, model?, effort? }` → 201 `{ sessionId, cliType, workspace }`
 *   (400 `UNSUPPORTED_CLI_TYPE`, 400 `INVALID_REQUEST`, 400 `UNKNOWN_MODEL`, 404 `PROJECT_NOT_FOUND`; for a worktree 400 `NOT_A_GIT_REPO`,
 *   409 `BRANCH_EXISTS`, 500 `GIT_FAILED`);
 * - `GET /list?projectId=` → 200 `{ sessions }` (400 `PROJECT_ID_REQUIRED`); `&archived=true` lists the project's
 *   archived sessions instead (400 `INVALID_REQUEST` for another value);
 * - `POST /:id/load` → 200 `{ sessionId, cliType }`; `GET /:id/status` → 200 `{ sessionId, cliType, isAlive, state }`;
 * - `POST /:id/send` `{ content, images? }` → 202 `{ turnId }` (409 `TURN_IN_PROGRESS`, 503 `PROCESS_CRASH`; 400
 *   `INVALID_IMAGE`, 413 `IMAGE_TOO_LARGE`, 400 `IMAGES_UNSUPPORTED`); its body may be up to `MAX_SEND_BODY_BYTES`
 *   (80 MiB: ten 5 MiB images in base64), every other route keeps the app's 16 MiB;
 * - `POST /:id/cancel`, `POST /:id/archive` → 200 `{ ok: true }`; `POST /:id/kill` → 200 `{ ok: true, session }`;
 * - `POST /:id/unarchive` → 200 `{ ok: true, session }` (back in the list, `archived: false`);
 * - `POST /:id/rename` `{ title }` → 200 `{ session }` (400 `INVALID_REQUEST` for an unusable title).
 * - `POST /:id/permission-mode` `{ permissionMode }` → 200 `{ ok: true, session }`.
 * Every `:id` route answers 404 `SESSION_NOT_FOUND` for an unknown id (thrown by the service).
 */
export async function registerSessionRoutes(app: FastifyInstance, service: SessionService): Promise<void> {
  app.post("/api/session/create", async (request, reply) => {
    const body = parseContract(CreateSessionRequestSchema, request.body ?? {}, "request body");
    const session = await service.createSession(body);
    const ref = { sessionId: session.sessionId, cliType: session.cliType };
    const workspace = session.workspace && {
      kind: session.workspace.kind,
      path: session.workspace.path,
      ...(session.workspace.branch ? { branch: session.workspace.branch } : {}),
      ...(session.workspace.base ? { base: session.workspace.base } : {}),
    };
    return reply.code(201).send({ ...ref, ...(workspace ? { workspace } : {}) } satisfies SessionRefResponse);
  });

  app.get<{ Querystring: { projectId?: unknown; archived?: unknown } }>("/api/session/list", async (request) => {
    const projectId = request.query.projectId;
    if (typeof projectId !== "string" || projectId.trim() === "") {
      throw new HttpError(
        "PROJECT_ID_REQUIRED",
        "Query parameter projectId is required: /api/session/list?projectId=…",
      );
    }
    const archived = parseContract(ArchivedQueryFlagSchema, request.query.archived, "query parameter archived");
    const sessions = archived ? await service.listArchivedSessions(projectId) : await service.listSessions(projectId);
    return { sessions } satisfies SessionListResponse;
  });

  app.post<IdParams>("/api/session/:id/load", async (request) => {
    const session = await service.loadSession(request.params.id);
    return { sessionId: session.sessionId, cliType: session.cliType } satisfies SessionRefResponse;
  });

  app.get<IdParams>("/api/session/:id/status", async (request) => {
    return service.status(request.params.id) satisfies SessionStatusResponse;
  });

  app.post<IdParams>("/api/session/:id/send", { bodyLimit: MAX_SEND_BODY_BYTES }, async (request, reply) => {
    service.getSession(request.params.id);
    const { content, images } = parseContract(SendMessageRequestSchema, request.body ?? {}, "request body");
    const { turnId } = await service.sendMessage(request.params.id, content, images);
    return reply.code(202).send({ turnId } satisfies SendMessageResponse);
  });

  app.post<IdParams>("/api/session/:id/cancel", async (request) => {
    await service.cancelTurn(request.params.id);
    return { ok: true } satisfies OkResponse;
  });

  app.post<IdParams>("/api/session/:id/kill", async (request) => {
    const session = await service.killSession(request.params.id);
    return { ok: true as const, session };
  });

  app.post<IdParams>("/api/session/:id/archive", async (request) => {
    await service.archiveSession(request.params.id);
    return { ok: true } satisfies OkResponse;
  });

  app.post<IdParams>("/api/session/:id/unarchive", async (request) => {
    const session = await service.unarchiveSession(request.params.id);
    return { ok: true, session } satisfies UnarchiveSessionResponse;
  });

  app.post<IdParams>("/api/session/:id/rename", async (request) => {
    service.getSession(request.params.id);
    const { title } = parseContract(RenameSessionRequestSchema, request.body ?? {}, "request body");
    return { session: await service.renameSession(request.params.id, title) } satisfies RenameSessionResponse;
  });

  app.post<IdParams>("/api/session/:id/permission-mode", async (request) => {
    service.getSession(request.params.id);
    const { permissionMode } = parseContract(SetPermissionModeRequestSchema, request.body ?? {}, "request body");
    const session = await service.setPermissionMode(request.params.id, permissionMode);
    return { ok: true, session };
  });
}
