// Child-process entry of the direct relay: `node --import tsx bench/baselines/direct-relay-main.ts` (see relay-process.ts).
import { startDirectRelay } from "./direct-relay.js";

/**
 * Reads `LIMINAL_RELAY_CLI` (claude | codex), `LIMINAL_RELAY_CWD`, `LIMINAL_RELAY_REPO`, `LIMINAL_RELAY_DELAY_MS`,
 * `LIMINAL_RELAY_BATCHED` (`0` = unbatched; anything else or unset = batched by the default rule); the rest of the
 * environment is the CLI's. Prints one JSON line `{ "url": … }` when ready (or `{ "error": … }` and
 * exits 1), and closes the relay (ending the CLI) on SIGTERM / SIGINT or when stdin closes.
 */
async function main(): Promise<void> {
  const { LIMINAL_RELAY_CLI: cli, LIMINAL_RELAY_CWD: cwd, LIMINAL_RELAY_REPO: repoRoot } = process.env;
  if ((cli !== "claude" && cli !== "codex") || !cwd || !repoRoot) {
    throw new Error("LIMINAL_RELAY_CLI (claude|codex), LIMINAL_RELAY_CWD and LIMINAL_RELAY_REPO are required");
  }
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !name.startsWith("LIMINAL_RELAY_")) env[name] = value;
  }
  const relay = await startDirectRelay({
    cli,
    cwd,
    repoRoot,
    env,
    delayMs: Number(process.env.LIMINAL_RELAY_DELAY_MS ?? 0),
    batching: process.env.LIMINAL_RELAY_BATCHED === "0" ? false : {},
  });
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    relay.close().finally(() => process.exit(0));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  process.stdin.on("end", stop);
  process.stdin.resume();
  process.stdout.write(`${JSON.stringify({ url: relay.url })}\n`);
}

main().catch((error: unknown) => {
  process.stdout.write(`${JSON.stringify({ error: String(error) })}\n`);
  process.exit(1);
});
