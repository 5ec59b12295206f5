// The model routes (issue "The composer and session control" §2): a session's models and model, a CLI's known models.
import type { FastifyInstance } from "fastify";
import {
  type CliModelsResponse,
  type ModelsResponse,
  parseContract,
  SetModelRequestSchema,
  type SetModelResponse,
} from "../../shared/contracts/index.js";
import type { SessionService } from "../sessions/index.js";

type IdParams = { Params: { id: string } };

/**
 * Registers:
 * - `GET /api/session/:id/models` → 200 `{ current, models: [{ id, name, description? }], effort? }`
 *   (404 `SESSION_NOT_FOUND`);
 * - `POST /api/session/:id/model` `{ model, effort? }` → 200 `{ current, effort? }`, applied from the next turn
 *   (400 `UNKNOWN_MODEL`, 409 `TURN_IN_PROGRESS`, 404 `SESSION_NOT_FOUND`);
 * - `GET /api/cli/:cliType/models` → 200 `{ cliType, current?, models, effort? }`: the CLI's last known list, for
 *   the new-session form (400 `UNSUPPORTED_CLI_TYPE`).
 */
export async function registerModelRoutes(app: FastifyInstance, service: SessionService): Promise<void> {
  app.get<IdParams>("/api/session/:id/models", async (request) => {
    return (await service.listModels(request.params.id)) satisfies ModelsResponse;
  });

  app.post<IdParams>("/api/session/:id/model", async (request) => {
    service.getSession(request.params.id);
    const { model, effort } = parseContract(SetModelRequestSchema, request.body ?? {}, "request body");
    return (await service.setModel(request.params.id, model, effort)) satisfies SetModelResponse;
  });

  app.get<{ Params: { cliType: string } }>("/api/cli/:cliType/models", async (request) => {
    return service.cliModels(request.params.cliType) satisfies CliModelsResponse;
  });
}
