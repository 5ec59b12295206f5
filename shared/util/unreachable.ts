// The default branch of an exhaustive switch over event types: a type this code does not know is logged once, never fatal.
import type { Logger } from "./logger.js";

/** The `what:type` pairs already logged, per logger (so each injected logger hears of each unknown type once). */
const reported = new WeakMap<Logger, Set<string>>();

/**
 * Ends an exhaustive `switch` over event types (a CLI's events in a provider's translator, server messages in the
 * browser). The compiler proves the branch unreachable (`value` is
 * `never`); at run time a newer CLI or server can still send a type this code does not know. Then the event is ignored and
 * logged as a warning through `logger`, once per `what` and type for that logger:
 * `Ignored an unknown <what> type "<type>"` with meta `{ what, type }`. Never throws.
 *
 * @param value the event (typed `never`: every known type has its own `case`)
 * @param logger the caller's injected logger
 * @param what names the event family, e.g. `"Claude SDK message"`, `"ACP session/update"`, `"server message"`
 * @param key the discriminating field, `"type"` by default (ACP updates: `"sessionUpdate"`)
 */
export function unreachable(value: never, logger: Logger, what: string, key = "type"): void {
  const raw: unknown = value;
  const type = typeof raw === "object" && raw !== null ? String((raw as Record<string, unknown>)[key]) : typeof raw;
  let seen = reported.get(logger);
  if (!seen) {
    seen = new Set();
    reported.set(logger, seen);
  }
  const entry = `${what}\u0000${type}`;
  if (seen.has(entry)) return;
  seen.add(entry);
  logger.warn(`Ignored an unknown ${what} type "${type}"`, { what, type });
}
