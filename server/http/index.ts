// Entry point of the HTTP layer (used by the server's composition root, server/app.ts and server/main.ts).

export { ACCESS_TOKEN_FILE, loadOrCreateAccessToken } from "./access-token.js";
export { type BuildAppOptions, buildApp, loggerOptions, redactToken } from "./app.js";
