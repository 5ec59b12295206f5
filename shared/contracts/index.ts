// The shared contract module: zod schemas and inferred types imported by server and browser alike (CONTRACTS.md).
export * from "./api.js";
export * from "./archive.js";
export * from "./attention.js";
export * from "./commands.js";
export * from "./entities.js";
export * from "./errors.js";
export * from "./files.js";
export * from "./ids.js";
export * from "./images.js";
export * from "./models.js";
export * from "./permissions.js";
export * from "./terminals.js";
export * from "./turns.js";
export * from "./upserts.js";
export * from "./workspaces.js";
export * from "./ws-client.js";
export * from "./ws-server.js";
