// The slash-command list route (issue "The composer and session control" §3): one service call.
import type { FastifyInstance } from "fastify";
import type { CommandsResponse } from "../../shared/contracts/index.js";
import type { SessionService } from "../sessions/index.js";

/**
 * Registers `GET /api/session/:id/commands` → 200 `{ commands: [{ name, description }] }`: the session's slash
 * commands (`name` without `/`), from its live CLI or the last list known (see `SessionService.listCommands`); 404
 * `SESSION_NOT_FOUND`. The same list is the `/ws` command `session:commands`.
 */
export async function registerCommandRoutes(app: FastifyInstance, service: SessionService): Promise<void> {
  app.get<{ Params: { id: string } }>("/api/session/:id/commands", async (request) => {
    return { commands: await service.listCommands(request.params.id) } satisfies CommandsResponse;
  });
}
