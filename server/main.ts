// `npm start`: reads the configuration, starts the server against the user's real CLIs, prints the URL, stops cleanly.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type LiminalServer, startServer } from "./app.js";
import { loadConfig } from "./core/index.js";
import { loggerOptions } from "./http/index.js";
import { startFailureMessage, stopOnSignals, warnIfExposed } from "./lifecycle.js";

/** How long shutdown may take before the process exits anyway, in milliseconds. */
export const SHUTDOWN_TIMEOUT_MS = 5000;

/**
 * Starts Liminal Builder: `loadConfig(env)`, `startServer`, then prints `http://127.0.0.1:<port>/?token=<token>`.
 * A non-loopback `LIMINAL_HOST` logs a warning. SIGINT / SIGTERM close the app and end every CLI process within
 * `SHUTDOWN_TIMEOUT_MS`, then exit 0; a second signal exits 1 at once. `LIMINAL_LOG_LEVEL` sets the HTTP log level
 * (default `warn`).
 * @throws ConfigError for unusable settings, or the start-up error (e.g. `EADDRINUSE`).
 */
export async function main(env: NodeJS.ProcessEnv = process.env): Promise<LiminalServer> {
  const config = loadConfig(env);
  warnIfExposed(config.host);
  // Signal handlers first: a Ctrl+C during start-up or right after the URL is printed still ends every CLI process.
  const starting = startServer(config, { logger: loggerOptions(env.LIMINAL_LOG_LEVEL || "warn") });
  stopOnSignals("", () => starting.then((server) => server.close(SHUTDOWN_TIMEOUT_MS)));
  const server = await starting;
  console.log(
    [
      "",
      "Liminal Builder is running.",
      "",
      `  Open:  ${server.urlWithToken}`,
      "",
      `  Data:  ${config.dataDir}`,
      "",
      "Press Ctrl+C to stop.",
      "",
    ].join("\n"),
  );
  return server;
}

const isEntryPoint = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntryPoint) {
  main().catch((error: unknown) => {
    console.error(`Liminal Builder could not start: ${startFailureMessage(error)}`);
    process.exit(1);
  });
}
