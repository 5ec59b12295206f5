// The production SessionSource: SessionDiscovery over the registered providers' disk facets.
import { SessionDiscovery, type SessionDiscoveryOptions } from "./discovery/index.js";
import type { SessionSource } from "./session-source.js";

/**
 * A `SessionSource` over `options.diskSessions` (e.g. `registry.diskSessions()`; see `SessionDiscovery`); pass it as
 * `discovery` to `DefaultSessionService`. `indexFile` (e.g. `<dataDir>/discovery-index.json`) keeps a warm cache.
 */
export function createDiskSessionSource(options: SessionDiscoveryOptions): SessionSource {
  return new SessionDiscovery(options);
}
