// The logger every server and browser module takes by injection (console-compatible), and two ready-made ones.

/** Structured fields that travel with a log line (e.g. `{ error: String(error), sessionId }`). */
export type LogMeta = Record<string, unknown>;

/** The minimal logger modules take by injection; `console` itself fits (`info` / `warn` / `error`). */
export interface Logger {
  info(message: string, meta?: LogMeta): void;
  warn(message: string, meta?: LogMeta): void;
  error(message: string, meta?: LogMeta): void;
}

/** A logger that writes to the console with a `[liminal]` prefix. */
export const consoleLogger: Logger = {
  info: (message, meta) => console.info(`[liminal] ${message}`, meta ?? ""),
  warn: (message, meta) => console.warn(`[liminal] ${message}`, meta ?? ""),
  error: (message, meta) => console.error(`[liminal] ${message}`, meta ?? ""),
};

/** A logger that drops everything (tests and tools that report errors some other way). */
export const silentLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
