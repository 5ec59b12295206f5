// Access control for every request: Host check (DNS rebinding), Origin check, access token (header, cookie, query).
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { isLoopbackAddress } from "../core/index.js";
import { tokensMatch } from "./access-token.js";
import { sendError } from "./errors.js";
import { unauthorizedPage } from "./pages.js";

/** Name of the cookie that carries the access token once the browser opened the printed URL. */
export const TOKEN_COOKIE = "liminal_token";

/** What the access rules need to know. */
export interface AccessControlOptions {
  /** The access token (64 hex characters). */
  token: string;
  /** The configured bind address; accepted as a `Host` name unless it is a wildcard (`0.0.0.0`, `::`). */
  host: string;
  /** Extra accepted `Host` names (`LIMINAL_ALLOWED_HOSTS`). */
  allowedHosts: readonly string[];
}

/** One refusal: the error code, the HTTP status it travels with, and why. */
export interface Refusal {
  code: "UNAUTHORIZED" | "FORBIDDEN";
  message: string;
}

/**
 * Installs the access rules as an `onRequest` hook, in this order:
 * 1. `Host` must be a loopback name (`localhost`, `127.x.x.x`, `[::1]`), the configured host or an allowed host, any
 *    port; else 403 `FORBIDDEN` (a DNS-rebinding page reaches us under its own name).
 * 2. An `Origin` header, when present (browsers; WebSocket upgrades always carry it), must name an accepted host with
 *    this server's port; else 403 `FORBIDDEN`. Non-browser clients send none and pass.
 * 3. The token — `Authorization: Bearer <token>`, the `liminal_token` cookie or `?token=` — must match; else 401
 *    `UNAUTHORIZED` (JSON for `/api`, `/ws` and `/ws/…`, a small HTML page for `/` and static files).
 * A `GET /` with a valid `?token=` sets the HttpOnly SameSite=Strict cookie and redirects to `/` without the token.
 */
export function installAccessControl(app: FastifyInstance, options: AccessControlOptions): void {
  app.addHook("onRequest", async (request, reply) => {
    if (request.headers.upgrade !== undefined) closeAfterPlainResponse(request, reply);
    const refusal = checkRequest(request, options);
    if (refusal) return refuse(request, reply, refusal);
    const url = new URL(request.url, "http://localhost");
    if (request.method === "GET" && url.pathname === "/" && url.searchParams.has("token")) {
      url.searchParams.delete("token");
      return reply
        .header("set-cookie", tokenCookie(options.token))
        .header("cache-control", "no-store")
        .redirect(`${url.pathname}${url.search}`, 302);
    }
    return undefined;
  });
}

/** Applies the three rules to one request; `undefined` means it may pass. */
export function checkRequest(request: FastifyRequest, options: AccessControlOptions): Refusal | undefined {
  const hostHeader = request.headers.host;
  const host = hostHeader === undefined ? undefined : parseHost(hostHeader);
  if (!host || !isAcceptedHostName(host.hostname, options)) {
    return {
      code: "FORBIDDEN",
      message: `Host "${hostHeader ?? ""}" is not allowed: open Liminal Builder through 127.0.0.1 or localhost`,
    };
  }
  const origin = request.headers.origin;
  if (origin !== undefined) {
    const serverPort = request.socket?.localPort ?? host.port ?? 80;
    if (!isAcceptedOrigin(origin, serverPort, options)) {
      return { code: "FORBIDDEN", message: `Origin "${origin}" is not allowed to use this server` };
    }
  }
  const presented = presentedToken(request);
  if (presented === undefined) {
    return { code: "UNAUTHORIZED", message: "Access token missing: open the URL the server printed at start-up" };
  }
  if (!tokensMatch(presented, options.token)) {
    return { code: "UNAUTHORIZED", message: "Access token is wrong: open the URL the server printed at start-up" };
  }
  return undefined;
}

/** The token a request presents: bearer header first, then the cookie, then `?token=`. */
export function presentedToken(request: FastifyRequest): string | undefined {
  const authorization = request.headers.authorization;
  const bearer = authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  if (bearer) return bearer;
  const cookie = readCookie(request.headers.cookie, TOKEN_COOKIE);
  if (cookie) return cookie;
  const query = new URL(request.url, "http://localhost").searchParams.get("token");
  return query || undefined;
}

/** Splits a `Host` header (`name`, `name:port`, `[v6]:port`) into a lower-case name and an optional port. */
export function parseHost(value: string): { hostname: string; port?: number } | undefined {
  const match = value.trim().match(/^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/);
  if (!match?.[1]) return undefined;
  const hostname = match[1].toLowerCase();
  return match[2] === undefined ? { hostname } : { hostname, port: Number(match[2]) };
}

/** True for loopback names, the configured bind host (unless a wildcard) and the allowed hosts. */
export function isAcceptedHostName(hostname: string, options: Pick<AccessControlOptions, "host" | "allowedHosts">) {
  const name = hostname.toLowerCase();
  const bare = name.replace(/^\[|\]$/g, "");
  if (isLoopbackAddress(bare)) return true;
  const configured = options.host.toLowerCase().replace(/^\[|\]$/g, "");
  if (configured !== "0.0.0.0" && configured !== "::" && bare === configured) return true;
  return options.allowedHosts.some((allowed) => allowed.replace(/^\[|\]$/g, "") === bare);
}

/** True when `origin` is `http(s)://<accepted host>:<serverPort>`. */
export function isAcceptedOrigin(
  origin: string,
  serverPort: number,
  options: Pick<AccessControlOptions, "host" | "allowedHosts">,
): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  const port = url.port === "" ? (url.protocol === "https:" ? 443 : 80) : Number(url.port);
  return port === serverPort && isAcceptedHostName(url.hostname, options);
}

function refuse(request: FastifyRequest, reply: FastifyReply, refusal: Refusal): FastifyReply {
  const path = request.url.split("?")[0] ?? "/";
  const isApi = path === "/ws" || path.startsWith("/ws/") || path === "/api" || path.startsWith("/api/");
  if (isApi || refusal.code === "FORBIDDEN") return sendError(reply, refusal.code, refusal.message);
  return reply.code(401).type("text/html; charset=utf-8").send(unauthorizedPage(refusal.message));
}

/**
 * An upgrade request answered with a plain HTTP response (refused, unknown route) would leave its raw socket open:
 * Node hands upgrade sockets over untouched. Close it once the response is written.
 */
function closeAfterPlainResponse(request: FastifyRequest, reply: FastifyReply): void {
  reply.header("connection", "close");
  reply.raw.once("finish", () => request.raw.socket?.destroySoon());
}

function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=31536000`;
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim() || undefined;
  }
  return undefined;
}
