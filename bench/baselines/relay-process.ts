// Starts the direct relay in its own process (like our server is), so it shares no event loop with the bench.
import path from "node:path";
import { createInterface } from "node:readline";
import { type GroupProcess, spawnGroup } from "../lib/spawn.js";

/** A relay child process. */
export interface RelayProcess {
  /** The relay page (`GET /`). */
  url: string;
  process: GroupProcess;
  /** Ends the relay and its CLI (SIGTERM to the group, SIGKILL after 5 s). */
  stop(): Promise<void>;
}

/**
 * Spawns `node --import tsx bench/baselines/direct-relay-main.ts` in its own process group with `env` (the CLI's
 * environment, marker included) and waits for its ready line. `batched` (default true): the relay batches text by
 * the providers' default rule (CONTRACTS.md section 4); false: it forwards every raw CLI event. `delayMs` is added
 * before every message it forwards.
 * @throws Error with the relay's stderr when it fails to start within `timeoutMs` (default 60 s).
 */
export async function startRelayProcess(options: {
  repoRoot: string;
  cli: "claude" | "codex";
  cwd: string;
  env: Record<string, string>;
  batched?: boolean;
  delayMs?: number;
  timeoutMs?: number;
}): Promise<RelayProcess> {
  const entry = path.join(options.repoRoot, "bench/baselines/direct-relay-main.ts");
  const proc = spawnGroup(process.execPath, ["--import", "tsx", entry], {
    cwd: options.repoRoot,
    env: {
      ...options.env,
      LIMINAL_RELAY_CLI: options.cli,
      LIMINAL_RELAY_CWD: options.cwd,
      LIMINAL_RELAY_REPO: options.repoRoot,
      LIMINAL_RELAY_DELAY_MS: String(options.delayMs ?? 0),
      LIMINAL_RELAY_BATCHED: options.batched === false ? "0" : "1",
    },
  });
  const stdout = proc.child.stdout;
  if (!stdout) throw new Error("relay has no stdout");
  const lines = createInterface({ input: stdout });
  let timer: NodeJS.Timeout | undefined;
  try {
    const ready = new Promise<string>((resolve, reject) => {
      lines.on("line", (line) => {
        try {
          const message = JSON.parse(line) as { url?: string; error?: string };
          if (message.url) resolve(message.url);
          else if (message.error) reject(new Error(`relay failed: ${message.error}`));
        } catch {
          // Not the ready line.
        }
      });
      proc.exited.then(({ code, signal }) =>
        reject(new Error(`relay exited (${code ?? signal}): ${proc.stderr().slice(-800)}`)),
      );
      timer = setTimeout(
        () =>
          reject(new Error(`relay not ready after ${options.timeoutMs ?? 60_000} ms: ${proc.stderr().slice(-800)}`)),
        options.timeoutMs ?? 60_000,
      );
    });
    const url = await ready;
    return { url, process: proc, stop: () => proc.stop("SIGTERM", 5000) };
  } catch (error) {
    await proc.stop("SIGKILL");
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
