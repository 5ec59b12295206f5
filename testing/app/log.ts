// The stack's server log: every line the app, the session service and the CLIs' stderr write, kept in memory.
import type { FastifyServerOptions } from "fastify";
import { redactToken } from "../../server/http/index.js";
import type { Logger } from "../../shared/util/index.js";

/** Most lines kept; older lines are dropped first (a long demo run must not grow without bound). */
export const STACK_LOG_LIMIT = 20_000;

/**
 * An in-memory log. `write(source, text)` records one line per line of `text` as `<ISO time> [source] text`;
 * `echo` (demo mode) also prints each line to stderr.
 */
export class StackLog {
  private readonly lines: string[] = [];

  constructor(private readonly echo: (line: string) => void = () => undefined) {}

  /** Records `text` (split into lines, empty lines dropped) under `source` (e.g. `http`, `service`, `claude`). */
  write(source: string, text: string): void {
    const at = new Date().toISOString();
    for (const part of text.split(/\r?\n/)) {
      if (part.trim() === "") continue;
      const line = `${at} [${source}] ${part}`;
      this.lines.push(line);
      this.echo(line);
    }
    if (this.lines.length > STACK_LOG_LIMIT) this.lines.splice(0, this.lines.length - STACK_LOG_LIMIT);
  }

  /** Everything recorded so far, one line each, oldest first. */
  text(): string {
    return this.lines.length === 0 ? "" : `${this.lines.join("\n")}\n`;
  }

  /** A session-service `Logger` writing under `source`, `meta` appended as JSON. */
  logger(source: string): Logger {
    const line = (level: string, message: string, meta?: Record<string, unknown>) =>
      this.write(source, `${level} ${message}${meta === undefined ? "" : ` ${safeJson(meta)}`}`);
    return {
      info: (message, meta) => line("info", message, meta),
      warn: (message, meta) => line("warn", message, meta),
      error: (message, meta) => line("error", message, meta),
    };
  }

  /**
   * Fastify logger options writing pino's JSON lines into this log under `http`, with the `token` query parameter
   * masked (as `loggerOptions()` of server/http/app.ts does).
   */
  fastifyLogger(level = "info"): FastifyServerOptions["logger"] {
    return {
      level,
      stream: { write: (chunk: string) => this.write("http", chunk) },
      serializers: {
        req: (request: { method: string; url: string; ip?: string }) => ({
          method: request.method,
          url: redactToken(request.url),
          remoteAddress: request.ip,
        }),
      },
    };
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, inner: unknown) =>
      inner instanceof Error ? { name: inner.name, message: inner.message } : inner,
    );
  } catch {
    return String(value);
  }
}
