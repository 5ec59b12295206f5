// `npm start`: reads the configuration, starts the server against the user's real CLIs, prints the URL, stops cleanly.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type LiminalServer, startServer } from "./app.js";
import { ConfigError, isLoopbackAddress, loadConfig } from "./config.js";
import { loggerOptions } from "./http/app.js";

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
  if (!isLoopbackAddress(config.host)) {
    console.warn(
      `Warning: LIMINAL_HOST=${config.host} is not a loopback address: other machines can reach this server, ` +
        "which runs agents that execute shell commands. Anyone with the access token controls them.",
    );
  }
  // Signal handlers first: a Ctrl+C during start-up or right after the URL is printed still ends every CLI process.
  const starting = startServer(config, { logger: loggerOptions(env.LIMINAL_LOG_LEVEL || "warn") });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.log("Stopping immediately.");
      process.exit(1);
    }
    stopping = true;
    console.log(`\n${signal}: stopping (ending every CLI process)…`);
    starting
      .then((server) => server.close(SHUTDOWN_TIMEOUT_MS))
      .catch(() => undefined)
      .finally(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
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

/** One line saying why the server could not start and what to do. */
export function startFailureMessage(error: unknown, env: NodeJS.ProcessEnv = process.env): string {
  if (error instanceof ConfigError) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EADDRINUSE") {
    return `port ${env.LIMINAL_PORT || "3000"} is in use: stop what uses it or pick another with LIMINAL_PORT=<port>`;
  }
  if (code === "EACCES" || code === "EPERM") return `${(error as Error).message}: check LIMINAL_DATA_DIR and the port`;
  return (error as Error).stack ?? String(error);
}

const isEntryPoint = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntryPoint) {
  main().catch((error: unknown) => {
    console.error(`Liminal Builder could not start: ${startFailureMessage(error)}`);
    process.exit(1);
  });
}
