// Starts the Anthropic Messages API stand-in on its own (`npm run model-server:anthropic [-- --port N]`).
import { startAnthropicServer } from "./server.js";

/** The port from `--port N` / `--port=N`, else `$ANTHROPIC_STANDIN_PORT`, else 0 (a free port). */
function chosenPort(argv: string[]): number {
  const index = argv.findIndex((arg) => arg === "--port" || arg.startsWith("--port="));
  const raw = index < 0 ? process.env.ANTHROPIC_STANDIN_PORT : (argv[index]?.split("=")[1] ?? argv[index + 1]);
  const port = Number(raw ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port: ${raw}`);
  return port;
}

const server = await startAnthropicServer({
  port: chosenPort(process.argv.slice(2)),
  defaultScenario: process.env.ANTHROPIC_STANDIN_SCENARIO,
});
console.log(`Local Anthropic Messages API stand-in listening on ${server.url}`);
console.log("Point Claude Code at it:");
console.log(
  `  ANTHROPIC_BASE_URL=${server.url} ANTHROPIC_API_KEY=test CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 claude`,
);
console.log(
  "Pick a script by writing scenario:<name> in a message (e.g. scenario:tool-shell); pace:<n> sets tokens/s.",
);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.close().then(() => process.exit(0));
  });
}
