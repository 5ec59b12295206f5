// Demo mode (`npm run demo`): the app with local model stand-ins and isolated CLI folders under <data dir>/demo/.
// It lives in testing/ because it wires the stand-ins in; server/ never imports testing/.
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig } from "../../server/core/index.js";
import { startFailureMessage, stopOnSignals, warnIfExposed } from "../../server/lifecycle.js";
import { type LiminalStack, startLiminalStack } from "../app/index.js";

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
    idleMinutes: config.idleMinutes,
    claudeExtraEnv: process.getuid?.() === 0 ? { IS_SANDBOX: "1" } : {},
    echoLog: (line) => logStream.write(`${line}\n`),
    terminalShell: "user",
  });
  // Signal handlers before start-up finishes: a Ctrl+C right after the URL appears still ends every CLI process.
  stopOnSignals("the demo", async () => {
    try {
      await (await starting).close();
    } finally {
      await new Promise<void>((resolve) => logStream.end(resolve));
    }
  });
  const stack = await starting;
  warnIfExposed(config.host);
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

const isEntryPoint = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntryPoint) {
  runDemo().catch((error: unknown) => {
    console.error(`Demo mode could not start: ${startFailureMessage(error)}`);
    process.exit(1);
  });
}
