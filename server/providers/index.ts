// Entry point of the provider seam: the interface, its disk facet, its error, the registry and the batching rule.
// (The catalog of concrete providers is `./catalog.ts`, imported by the composition roots only.)
export * from "./batching.js";
export * from "./disk-sessions.js";
export * from "./history-images.js";
export * from "./provider.js";
export * from "./provider-error.js";
export * from "./registry.js";
export * from "./session-file-entry.js";
