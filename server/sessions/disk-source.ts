// The production SessionSource: SessionDiscovery over the CLIs' own folders (Claude transcripts, Codex rollouts).
import { SessionDiscovery, type SessionDiscoveryOptions } from "./discovery/index.js";
import type { SessionSource } from "./session-source.js";

/**
 * A `SessionSource` reading `claudeConfigDir/projects` and `codexHome/sessions` (see `SessionDiscovery`); pass it as
 * `discovery` to `DefaultSessionService`. `indexFile` (e.g. `<dataDir>/discovery-index.json`) keeps a warm cache.
 */
export function createDiskSessionSource(options: SessionDiscoveryOptions): SessionSource {
  return new SessionDiscovery(options);
}
