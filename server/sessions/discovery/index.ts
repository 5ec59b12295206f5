// Sessions found on disk: the SessionDiscovery class (generic over the providers' disk facets) and its shapes.
export { HEAD_LIMIT, readSessionMetadata, TAIL_BYTES } from "./metadata.js";
export { SessionDiscovery, type SessionDiscoveryOptions, SessionFileNotFoundError } from "./session-discovery.js";
export type { DiscoveredSession, MetadataReader } from "./types.js";
