// Entry point of the provider seam: the interface, its error, the registry and the batching rule.
export * from "./batching.js";
export * from "./provider.js";
export * from "./provider-error.js";
export * from "./registry.js";
export * from "./unreachable.js";
