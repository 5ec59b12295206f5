// The Fastify app factory: access control, JSON error bodies, REST routes, the WebSocket endpoint, static client.
import { readFileSync } from "node:fs";
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from "fastify";
import type { ErrorBody } from "../../shared/contracts/index.js";
import type { ServerConfig } from "../core/index.js";
import type { SessionService } from "../sessions/index.js";
import { installAccessControl } from "./access-control.js";
import { loadOrCreateAccessToken } from "./access-token.js";
import { registerCommandRoutes } from "./command-routes.js";
import { HttpError, installErrorHandlers } from "./errors.js";
import { registerFileRoutes } from "./file-routes.js";
import { registerHealthRoute } from "./health-route.js";
import { registerImageRoutes } from "./image-routes.js";
import { tooDeepAt, tooDeepMessage } from "./json-depth.js";
import { registerModelRoutes } from "./model-routes.js";
import { registerProjectRoutes } from "./project-routes.js";
import { registerSessionRoutes } from "./session-routes.js";
import { registerStaticClient } from "./static.js";
import { registerTerminalSocket } from "./terminal-socket.js";
import { registerWorkspaceRoutes } from "./workspace-routes.js";
import { registerWebSocket, type WebSocketOptions } from "./ws-handler.js";

/** The body limit of every route but `POST /api/session/:id/send` (`MAX_SEND_BODY_BYTES`): 16 MiB. */
export const DEFAULT_BODY_LIMIT_BYTES = 16 * 1024 * 1024;

/** What `buildApp` needs. */
export interface BuildAppOptions {
  /** The session service every route and WebSocket command calls. */
  service: SessionService;
  /** Server configuration (`host` and `allowedHosts` feed the Host/Origin checks; `clientDir` the static files). */
  config: ServerConfig;
  /** Fastify logger option (`false` in tests; `loggerOptions()` in the server). Default: no logging. */
  logger?: FastifyServerOptions["logger"];
  /** The access token; default: read or create `<config.dataDir>/access-token`. */
  accessToken?: string;
  /** Version shown by `/api/health`; default package.json's. */
  version?: string;
  /** WebSocket tunables (outgoing bounds, max incoming payload). */
  webSocket?: WebSocketOptions;
}

/**
 * Builds the HTTP/WebSocket server (not listening yet): REST routes of CONTRACTS.md section 6 plus the project,
 * permission-mode, archive and health routes, `/ws` (section 7), each terminal's socket `/ws/terminal/:terminalId`,
 * and the client files at `/`. Every request passes
 * the access rules of access-control.ts first; every error answers `{ code, message }`. Closing the app closes every
 * WebSocket but does not shut the service down (the caller owns it).
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { service, config } = options;
  const token = options.accessToken ?? (await loadOrCreateAccessToken(config.dataDir));
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: DEFAULT_BODY_LIMIT_BYTES,
    frameworkErrors: answerFrameworkError,
  });
  installJsonParser(app);
  installErrorHandlers(app);
  installAccessControl(app, { token, host: config.host, allowedHosts: config.allowedHosts });
  await registerWebSocket(app, service, options.webSocket);
  registerTerminalSocket(app, service);
  await registerHealthRoute(app, {
    version: options.version ?? packageVersion(),
    startedAt: Date.now(),
    storeErrors: () => service.storeErrors(),
  });
  await registerSessionRoutes(app, service);
  await registerProjectRoutes(app, service);
  await registerWorkspaceRoutes(app, service);
  await registerImageRoutes(app, service);
  await registerModelRoutes(app, service);
  await registerFileRoutes(app, service);
  await registerCommandRoutes(app, service);
  await registerStaticClient(app, config.clientDir);
  return app;
}

/**
 * Fastify logger options for the server process: `level`, and a request serializer that masks the `token` query
 * parameter so the access token never reaches the log.
 */
export function loggerOptions(level = "info"): FastifyServerOptions["logger"] {
  return {
    level,
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: redactToken(request.url),
        remoteAddress: request.ip,
      }),
    },
  };
}

/**
 * `url` (a request URL: path and query) with the value of every `token` query parameter replaced by `***`. A
 * parameter's name is compared as the access check reads it (`URLSearchParams` decoding: `%6Ben` and `+` are decoded
 * first) and without regard to case, so no spelling of the name the server accepts lets the token reach the log.
 */
export function redactToken(url: string): string {
  const start = url.indexOf("?");
  if (start === -1) return url;
  const hash = url.indexOf("#", start);
  const end = hash === -1 ? url.length : hash;
  const query = url
    .slice(start + 1, end)
    .split("&")
    .map((part) => {
      const eq = part.indexOf("=");
      const rawName = eq === -1 ? part : part.slice(0, eq);
      const [name] = new URLSearchParams(`${rawName}=`).keys();
      return name?.toLowerCase() === "token" ? `${rawName}=***` : part;
    })
    .join("&");
  return `${url.slice(0, start + 1)}${query}${url.slice(end)}`;
}

/**
 * Fastify's router refusals (a malformed percent-encoding `FST_ERR_BAD_URL`, a path segment over the router's limit
 * `FST_ERR_MAX_PARAM_LENGTH`, a failed constraint) answered like every other error: `{ code: "INVALID_REQUEST",
 * message }` with Fastify's 4xx status, in words that do not echo the URL (it may carry the token).
 */
function answerFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const message =
    error.code === "FST_ERR_MAX_PARAM_LENGTH"
      ? "A part of the request path is too long"
      : error.code === "FST_ERR_BAD_URL"
        ? "The request path is not a valid URL (a malformed percent-encoding)"
        : "The request could not be routed";
  void reply.code(error.statusCode && error.statusCode >= 400 ? error.statusCode : 400).send({
    code: "INVALID_REQUEST",
    message,
  } satisfies ErrorBody);
}

/**
 * JSON bodies through Fastify's own safe parser, except that an empty body is no body (`POST …/cancel`) and a body nested
 * deeper than `MAX_JSON_DEPTH` is refused (400 `INVALID_REQUEST`) before parsing.
 */
function installJsonParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    const text = typeof body === "string" ? body : body.toString("utf8");
    if (text.trim() === "") return done(null, undefined);
    const deep = tooDeepAt(text);
    if (deep >= 0) return done(new HttpError("INVALID_REQUEST", tooDeepMessage(deep)), undefined);
    return parseJson(request, text, done);
  });
}

function packageVersion(): string {
  const file = new URL("../../package.json", import.meta.url);
  return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
}
