// The default branch of an exhaustive switch over message types: log an unknown type once, never throw, go on.
import type { Logger } from "../../shared/util/index.js";

/** Unknown types already logged, per logger (so each logger hears of each unknown type once). */
const reported = new WeakMap<Logger, Set<string>>();

/**
 * Called in the `default` of a `switch (message.type)` that handles every known type, so `message` is `never` at
 * compile time (a new type in the contract fails the type check until it gets its case). At run time a message of
 * a type this page does not know (a newer server) is logged with `logger.warn("Ignored a server message of unknown
 * type", { type })` the first time its type is seen by that logger, and ignored afterwards; it never throws.
 * Follows claude-agent-acp's `unreachable(value, logger)`.
 */
export function unreachable(message: never, logger: Logger): void {
  const raw: unknown = message;
  const type = typeof raw === "object" && raw !== null ? String((raw as { type?: unknown }).type) : typeof raw;
  let seen = reported.get(logger);
  if (!seen) {
    seen = new Set();
    reported.set(logger, seen);
  }
  if (seen.has(type)) return;
  seen.add(type);
  logger.warn("Ignored a server message of unknown type", { type });
}
