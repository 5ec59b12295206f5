// Which of the server's environment variables are the app's own, never passed on to a user's shell or command.

/**
 * Variables a terminal or setup command never inherits from the server: the app's own configuration and marks (`LIMINAL_*`: data
 * folder, host, the CLIs' process marks), npm's per-script variables (`npm_*`, `INIT_CWD`: `npm start` sets them and
 * a user's shell has none) and `NODE_OPTIONS` (tsx's loader hooks). The API keys and endpoints the app configures for
 * a CLI are never in the server's own environment: they go only to that CLI's process.
 */
export function isAppVariable(name: string): boolean {
  return name.startsWith("LIMINAL_") || name.startsWith("npm_") || name === "INIT_CWD" || name === "NODE_OPTIONS";
}
