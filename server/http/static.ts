// Serves the built browser app (`dist/client/`) at `/`, or a "run npm run build:client" page when it is missing.
import { existsSync } from "node:fs";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import { clientMissingPage } from "./pages.js";

/**
 * Registers the client files under `/` (`index.html` for `/`). When `clientDir` does not exist, `GET /` answers a
 * short HTML page (status 503) saying to run `npm run build:client`. Access control runs before both (see
 * access-control.ts), so neither is reachable without the token.
 */
export async function registerStaticClient(app: FastifyInstance, clientDir: string): Promise<void> {
  if (!existsSync(clientDir)) {
    app.get("/", async (_request, reply) =>
      reply.code(503).type("text/html; charset=utf-8").send(clientMissingPage(clientDir)),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root: clientDir,
    prefix: "/",
    index: "index.html",
    wildcard: true,
    decorateReply: false,
    cacheControl: true,
    maxAge: 0,
  });
}
