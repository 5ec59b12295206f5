// Demo mode (`npm run demo`): the app with local model stand-ins and isolated CLI folders under <data dir>/demo/.
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type LiminalStack, startLiminalStack } from "../testing/app/index.js";
import { ConfigError, isLoopbackAddress, loadConfig } from "./config.js";

/** The demo's folder inside the data folder: app data, the CLIs' config dirs, HOME, temp files, the demo project. */
export const DEMO_FOLDER = "demo";

/** What to try, printed under the URL. */
export const DEMO_HINT =
  'Try: ask it to think, run a command, read/write/edit a file, or give a code example (or add "scenario:<name>", e.g. scenario:slow).';

/**
 * Starts demo mode: `startLiminalStack` with everything under `<LIMINAL_DATA_DIR or ~/.liminal-builder>/demo/`
 * (`data/` app data, `claude/` CLAUDE_CONFIG_DIR, `codex/` CODEX_HOME, `home/`, `tmp/`, `project/` the demo project,
 * `server.log`), on `LIMINAL_HOST`:`LIMINAL_PORT` (default 127.0.0.1:3000). The demo project is seeded with a few
 * files on first run and added to the project list (idempotent). As root, Claude Code gets `IS_SANDBOX=1` so the
 * `bypassPermissions` mode a user picks can run. Ctrl+C (SIGINT) or SIGTERM ends every CLI process and the server.
 */
export async function runDemo(env: NodeJS.ProcessEnv = process.env): Promise<LiminalStack> {
  const config = loadConfig(env);
  const root = path.join(config.dataDir, DEMO_FOLDER);
  const logFile = path.join(root, "server.log");
  await mkdir(root, { recursive: true, mode: 0o700 });
  const logStream = createWriteStream(logFile, { flags: "a" });
  const starting = startLiminalStack({
    rootDir: root,
    port: config.port,
    host: config.host,
    clientDir: config.clientDir,
    claudeExtraEnv: process.getuid?.() === 0 ? { IS_SANDBOX: "1" } : {},
    echoLog: (line) => logStream.write(`${line}\n`),
  });
  // Signal handlers before start-up finishes: a Ctrl+C right after the URL appears still ends every CLI process.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      console.log("Stopping immediately.");
      process.exit(1);
    }
    stopping = true;
    console.log(`\n${signal}: stopping the demo (ending every CLI process)…`);
    starting
      .then((stack) => stack.close())
      .catch((error: unknown) => console.error(`Error while stopping: ${(error as Error).message}`))
      .finally(() => {
        logStream.end(() => process.exit(0));
      });
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  const stack = await starting;
  if (!isLoopbackAddress(config.host)) {
    console.warn(`Warning: listening on ${config.host}, reachable from other machines; the agents can run commands.`);
  }
  console.log(
    [
      "",
      "Liminal Builder demo mode: local model stand-ins, no account needed.",
      "",
      `  Open:  ${stack.urlWithToken}`,
      "",
      `  ${DEMO_HINT}`,
      "",
      `  Demo project: ${stack.projectDir}`,
      `  Demo data:    ${root}   (delete it to reset the demo)`,
      `  Server log:   ${logFile}`,
      "",
      "Press Ctrl+C to stop.",
      "",
    ].join("\n"),
  );
  return stack;
}

/** One line saying why demo mode could not start and what to do. */
export function startFailureMessage(error: unknown, env: NodeJS.ProcessEnv = process.env): string {
  if (error instanceof ConfigError) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EADDRINUSE") {
    return `port ${env.LIMINAL_PORT ?? "3000"} is in use: stop what uses it or pick another with LIMINAL_PORT=<port>`;
  }
  return (error as Error).stack ?? String(error);
}

const isEntryPoint = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntryPoint) {
  runDemo().catch((error: unknown) => {
    console.error(`Demo mode could not start: ${startFailureMessage(error)}`);
    process.exit(1);
  });
}
