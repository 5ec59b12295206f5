// Writes answers to the HTTP response: JSON bodies, error bodies, and paced SSE streams that may fail on purpose.
import type { ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { ScenarioFailure } from "../scenarios/scenarios.js";
import { errorBodyForStatus, midStreamErrorBody } from "./errors.js";
import type { FrameToken, SseFrame } from "./render-sse.js";
import { encodeFrame } from "./render-sse.js";

/** Options of one streamed answer. */
export interface StreamOptions {
  /** Tokens per second; the writer waits 1000/tokensPerSecond ms between token deltas. Absent = no waiting. */
  tokensPerSecond?: number;
  /** A streaming failure to apply once `afterTokens` token deltas are written (`http` failures never get here). */
  failure?: Exclude<ScenarioFailure, { kind: "http" }>;
  /** Aborted when the client goes away or the server closes: the writer stops without writing more. */
  signal: AbortSignal;
  /** Called right after each token delta is written. */
  onToken?: (token: FrameToken) => void;
}

/** Sends a JSON body with `status` and the `request-id` header. */
export function sendJson(res: ServerResponse, status: number, body: unknown, requestId: string): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    "request-id": requestId,
  });
  res.end(text);
}

/** Sends Anthropic's JSON error body for `status` (e.g. 401 → authentication_error) with a `request-id` header. */
export function sendError(res: ServerResponse, status: number, requestId: string, message?: string): void {
  sendJson(res, status, errorBodyForStatus(status, message), requestId);
}

/** Starts an SSE answer (status 200, `text/event-stream`, `request-id`). */
export function startSse(res: ServerResponse, requestId: string): void {
  res.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
    connection: "keep-alive",
    "request-id": requestId,
  });
  res.flushHeaders();
}

/** Writes `data`; the promise resolves once it has been handed to the socket. */
function write(res: ServerResponse, data: string): Promise<void> {
  return new Promise((resolve) => {
    res.write(data, () => resolve());
  });
}

/** Ends the answer the way `failure` says: an `event: error`, a destroyed connection, or an early clean end. */
async function fail(
  res: ServerResponse,
  failure: NonNullable<StreamOptions["failure"]>,
  lastWrite: Promise<void>,
): Promise<void> {
  if (failure.kind === "midStreamError") {
    res.end(`event: error\ndata: ${JSON.stringify(midStreamErrorBody())}\n\n`);
  } else if (failure.kind === "drop") {
    await lastWrite;
    res.socket?.destroy();
  } else {
    res.end();
  }
}

/**
 * Writes `frames` as SSE after {@link startSse}, one frame at a time, pacing token deltas by `tokensPerSecond`.
 * A failure applies before the token delta (or message_delta) that would exceed `afterTokens`. Resolves when the
 * answer is finished, failed, or abandoned because `signal` was aborted. Never throws for a vanished client.
 */
export async function streamFrames(res: ServerResponse, frames: SseFrame[], options: StreamOptions): Promise<void> {
  const interval = options.tokensPerSecond ? 1000 / options.tokensPerSecond : 0;
  const { failure, signal } = options;
  let tokens = 0;
  let lastWrite = Promise.resolve();
  try {
    for (const frame of frames) {
      const boundary = frame.token !== undefined || frame.event === "message_delta";
      if (failure && boundary && tokens >= failure.afterTokens) return await fail(res, failure, lastWrite);
      if (frame.token && tokens > 0 && interval > 0) await sleep(interval, undefined, { signal });
      if (signal.aborted || res.destroyed) return;
      lastWrite = write(res, encodeFrame(frame));
      if (frame.token) {
        tokens++;
        options.onToken?.(frame.token);
      }
    }
    res.end();
  } catch (error) {
    if (!signal.aborted) throw error;
  }
}

/** Writes pre-rendered SSE bytes (a fixture replay) and ends the answer. */
export function sendSseBytes(res: ServerResponse, bytes: Buffer, requestId: string): void {
  startSse(res, requestId);
  res.end(bytes);
}
