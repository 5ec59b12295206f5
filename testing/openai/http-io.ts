// Small HTTP helpers of the OpenAI stand-in: request body decoding, JSON answers, paced SSE writes.
import type http from "node:http";
import zlib from "node:zlib";
import type { OpenAIHttpError } from "./errors.js";

/** The body text, undoing a gzip / deflate / br `content-encoding` (raw text when it cannot be decoded). */
export function decodeBody(raw: Buffer, encoding: string | undefined): string {
  try {
    if (encoding === "gzip") return zlib.gunzipSync(raw).toString("utf8");
    if (encoding === "deflate") return zlib.inflateSync(raw).toString("utf8");
    if (encoding === "br") return zlib.brotliDecompressSync(raw).toString("utf8");
  } catch {
    // Fall through: keep the raw text.
  }
  return raw.toString("utf8");
}

/** The body parsed as JSON; the text itself when it is not JSON; `undefined` when empty. */
export function parseBody(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Answers with a JSON body and an `x-request-id` header (no-op once headers went out). */
export function sendJson(res: http.ServerResponse, status: number, body: unknown, requestId: string): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { "content-type": "application/json", "x-request-id": requestId });
  res.end(JSON.stringify(body));
}

/** Answers with an OpenAI error status and body. */
export function sendError(res: http.ServerResponse, error: OpenAIHttpError, requestId: string): void {
  sendJson(res, error.status, error.body, requestId);
}

/** Waits `ms`, or less when the response closes first. */
export function pause(ms: number, res: http.ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    res.once("close", done);
    function done(): void {
      clearTimeout(timer);
      res.off("close", done);
      resolve();
    }
  });
}

/** Writes a chunk and resolves once it is flushed (at once when the response is already closed). */
export function write(res: http.ServerResponse, chunk: string): Promise<void> {
  return new Promise((resolve) => {
    if (res.destroyed || res.writableEnded) return resolve();
    res.write(chunk, () => resolve());
  });
}

/** Sends the 200 headers of an SSE stream (`text/event-stream`) right away. */
export function startStream(res: http.ServerResponse, requestId: string): void {
  res.writeHead(200, {
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
    connection: "keep-alive",
    "x-request-id": requestId,
  });
  res.flushHeaders();
}
