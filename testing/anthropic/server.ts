// The local Anthropic Messages API stand-in: a node:http server that answers Claude Code from scenario scripts.
import { randomBytes } from "node:crypto";
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fixturesDir as defaultFixturesDir } from "../fixtures/index.js";
import { answerMessages } from "./messages.js";
import type { MessagesRequestBody } from "./request.js";
import { estimateInputTokens, isRequestBody } from "./request.js";
import { sendError, sendJson } from "./respond.js";
import type { RequestKind } from "./side-requests.js";

/** Options of {@link startAnthropicServer}. */
export interface AnthropicServerOptions {
  /** TCP port; 0 (default) picks a free port. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1 (loopback only). */
  host?: string;
  /** Scenario name used when a message names none (default: the conversational demo script). */
  defaultScenario?: string;
  /** The fixtures folder holding `anthropic-sse/` (default `fixturesDir()` of testing/fixtures: the repository's copy). */
  fixturesDir?: string;
  /**
   * Called right after each content delta of a scenario turn is written (text, thinking and tool-input pieces;
   * not for side requests or fixture replays). `writtenAt` is epoch milliseconds as
   * `performance.timeOrigin + performance.now()`.
   */
  onDelta?: (event: DeltaEvent) => void;
}

/** One written content delta (see {@link AnthropicServerOptions.onDelta}). */
export interface DeltaEvent {
  /** The `request-id` of the answer the delta belongs to (matches {@link RecordedRequest.id}). */
  requestId: string;
  /** The delta's text: a text or thinking token, or a piece of a tool's input JSON. */
  text: string;
  kind: "text" | "thinking" | "tool_input";
  /** Epoch milliseconds (`performance.timeOrigin + performance.now()`). */
  writtenAt: number;
}

/** One request the server received, in arrival order. */
export interface RecordedRequest {
  /** The `request-id` header sent back (`req_…`). */
  id: string;
  method: string;
  /** The URL path without the query string, e.g. `/v1/messages`. */
  path: string;
  /** The query string without `?` (Claude Code sends `beta=true`), "" when none. */
  query: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body; the raw text when it is not JSON; null when empty. */
  body: unknown;
  /**
   * `turn` | `title` | `structured` | `compact` for `POST /v1/messages` (see side-requests.ts), `count_tokens`,
   * `probe` (`/api/hello`, `/`), `invalid` (unparseable body), or `not_found`.
   */
  kind: RequestKind | "count_tokens" | "probe" | "invalid" | "not_found";
  /** Epoch milliseconds when the body had arrived. */
  receivedAt: number;
}

/** A running stand-in server. */
export interface AnthropicServer {
  /** Base URL for ANTHROPIC_BASE_URL: `http://127.0.0.1:PORT` (no trailing slash, no `/v1`). */
  url: string;
  port: number;
  /** Every request received, in order (live array). */
  requests: RecordedRequest[];
  /** Ends open streams and connections and stops listening. Resolves when closed; safe to call twice. */
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function parseJson(text: string): unknown {
  if (text === "") return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Starts the Anthropic Messages API stand-in. Routes: `POST /v1/messages` (query ignored; SSE when `stream: true`,
 * JSON otherwise), `POST /v1/messages/count_tokens` (`{ input_tokens }` estimate), `GET|HEAD /` and `/api/hello`
 * (200, Claude Code's connectivity probe); anything else 404 with an Anthropic `not_found_error` body.
 * Every answer carries a `request-id` header. Rejects if the port cannot be bound.
 */
export async function startAnthropicServer(options: AnthropicServerOptions = {}): Promise<AnthropicServer> {
  const requests: RecordedRequest[] = [];
  const active = new Set<{ res: ServerResponse; controller: AbortController }>();
  const fixturesDir = path.resolve(options.fixturesDir ?? defaultFixturesDir());
  let closing: Promise<void> | undefined;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const id = `req_${randomBytes(12).toString("hex")}`;
    const url = new URL(req.url ?? "/", "http://localhost");
    const text = await readBody(req);
    const record: RecordedRequest = {
      id,
      method: req.method ?? "GET",
      path: url.pathname,
      query: url.search.replace(/^\?/, ""),
      headers: req.headers,
      body: parseJson(text),
      kind: "not_found",
      receivedAt: performance.timeOrigin + performance.now(),
    };
    requests.push(record);
    const path = url.pathname.replace(/\/+$/, "") || "/";
    if ((path === "/" || path === "/api/hello") && (record.method === "GET" || record.method === "HEAD")) {
      record.kind = "probe";
      return sendJson(res, 200, { ok: true }, id);
    }
    if (record.method !== "POST" || (path !== "/v1/messages" && path !== "/v1/messages/count_tokens")) {
      return sendError(res, 404, id, `No route for ${record.method} ${url.pathname} on the local Anthropic stand-in.`);
    }
    if (!isRequestBody(record.body)) {
      record.kind = "invalid";
      return sendError(res, 400, id, "The request body must be a JSON object with a messages array.");
    }
    const body: MessagesRequestBody = record.body;
    if (path === "/v1/messages/count_tokens") {
      record.kind = "count_tokens";
      return sendJson(res, 200, { input_tokens: estimateInputTokens(body) }, id);
    }
    const entry = { res, controller: new AbortController() };
    active.add(entry);
    res.on("close", () => {
      entry.controller.abort();
      active.delete(entry);
    });
    await answerMessages(req, res, body, {
      requestId: id,
      fixturesDir,
      defaultScenario: options.defaultScenario,
      signal: entry.controller.signal,
      setKind: (kind) => {
        record.kind = kind;
      },
      onDelta: options.onDelta
        ? (token) =>
            options.onDelta?.({ requestId: id, ...token, writtenAt: performance.timeOrigin + performance.now() })
        : undefined,
    });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else sendError(res, 500, "req_internal", `Stand-in failure: ${String(error)}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host && options.host !== "0.0.0.0" && options.host !== "::" ? options.host : "127.0.0.1";
  const urlHost = host.includes(":") ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    requests,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const entry of active) {
          entry.controller.abort();
          entry.res.end();
        }
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
