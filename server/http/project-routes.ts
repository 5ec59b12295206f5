// The project routes (CONTRACTS.md section 6): list, add and remove project folders through the session service.
import type { FastifyInstance } from "fastify";
import {
  AddProjectRequestSchema,
  type AddProjectResponse,
  type ProjectListResponse,
  parseContract,
  type RemoveProjectResponse,
} from "../../shared/contracts/index.js";
import type { SessionService } from "../sessions/index.js";

/**
 * Registers:
 * - `GET /api/projects` → 200 `{ projects }`;
 * - `POST /api/projects` `{ path }` → 201 `{ project }` (400 `INVALID_REQUEST`, 400 `INVALID_PATH`,
 *   409 `DUPLICATE_PROJECT`);
 * - `DELETE /api/projects/:id` → 200 `{ projectId }` (404 `PROJECT_NOT_FOUND`).
 */
export async function registerProjectRoutes(app: FastifyInstance, service: SessionService): Promise<void> {
  app.get("/api/projects", async () => ({ projects: service.listProjects() }) satisfies ProjectListResponse);

  app.post("/api/projects", async (request, reply) => {
    const { path } = parseContract(AddProjectRequestSchema, request.body ?? {}, "request body");
    const project = await service.addProject(path);
    return reply.code(201).send({ project } satisfies AddProjectResponse);
  });

  app.delete<{ Params: { id: string } }>("/api/projects/:id", async (request) => {
    await service.removeProject(request.params.id);
    return { projectId: request.params.id } satisfies RemoveProjectResponse;
  });
}
