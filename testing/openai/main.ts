// Starts the OpenAI Responses API stand-in on its own (`npm run model-server:openai [-- --port N]`).
import { codexConfigToml } from "./codex-config.js";
import { startOpenAIServer } from "./server.js";

function portFromArgs(argv: string[]): number {
  const flag = argv.findIndex((arg) => arg === "--port" || arg.startsWith("--port="));
  const raw = flag >= 0 ? (argv[flag]?.includes("=") ? argv[flag]?.split("=")[1] : argv[flag + 1]) : undefined;
  const value = Number(raw ?? process.env.OPENAI_STANDIN_PORT ?? 0);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`Invalid port: ${raw}`);
  return value;
}

const server = await startOpenAIServer({
  port: portFromArgs(process.argv.slice(2)),
  defaultScenario: process.env.OPENAI_STANDIN_SCENARIO || undefined,
});
process.stdout.write(
  `OpenAI Responses stand-in listening on ${server.url} (POST ${server.baseUrl}/responses)\n\n` +
    `Point Codex at it with CODEX_HOME/config.toml:\n\n${codexConfigToml({ baseUrl: server.baseUrl })}\n` +
    "and LOCAL_MODEL_API_KEY=<anything> in Codex's environment. Put scenario:<name> in a message to pick a script.\n",
);

let stopping = false;
function stop(): void {
  if (stopping) return;
  stopping = true;
  server.close().then(() => process.exit(0));
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
