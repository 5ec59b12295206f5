// One CLI's isolated world for a check: a model stand-in (with the delta hook), temp folders and the CLI environment.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { startAnthropicServer } from "../../testing/anthropic/server.js";
import { writeCodexConfig } from "../../testing/openai/codex-config.js";
import { startOpenAIServer } from "../../testing/openai/server.js";
import type { CheckContext } from "./check.js";
import { claudeEnv, codexEnv, type IsolatedDirs, isolatedDirs } from "./cli-env.js";
import type { StandInDelta } from "./delta-recorder.js";

/** The CLIs the bench drives, by the short names used in check names. */
export type BenchCli = "claude" | "codex";

/** A stand-in plus isolated folders and the environment to run one CLI against it. */
export interface CliSandbox {
  cli: BenchCli;
  dirs: IsolatedDirs;
  /** The CLI's whole environment (PATH, stand-in URL / CODEX_HOME, isolated folders, the run marker). */
  env: Record<string, string>;
  /** The stand-in's base URL (Anthropic: ANTHROPIC_BASE_URL; OpenAI: the `/v1` base URL). */
  baseUrl: string;
}

/**
 * Starts the stand-in for `cli` (Anthropic Messages or OpenAI Responses; `onDelta` gets every written delta) and
 * makes isolated folders under the check's temp folder, a README.md in the project, and (Codex) a config.toml.
 * The stand-in is closed when the check ends (`ctx.defer`).
 */
export async function cliSandbox(
  ctx: CheckContext,
  cli: BenchCli,
  onDelta?: (event: StandInDelta) => void,
): Promise<CliSandbox> {
  const dirs = isolatedDirs(ctx.tmpDir(`${cli}-sandbox`));
  writeFileSync(path.join(dirs.project, "README.md"), "# Benchmark project\n");
  if (cli === "claude") {
    const server = await startAnthropicServer(onDelta ? { onDelta } : {});
    ctx.defer(() => server.close());
    return { cli, dirs, env: claudeEnv(server.url, dirs, ctx.markerEnv), baseUrl: server.url };
  }
  const server = await startOpenAIServer(onDelta ? { onDelta } : {});
  ctx.defer(() => server.close());
  writeCodexConfig(dirs.codexHome, { baseUrl: server.baseUrl });
  return { cli, dirs, env: codexEnv(dirs, ctx.markerEnv), baseUrl: server.baseUrl };
}

/** "Claude" / "Codex" for labels. */
export function cliLabel(cli: BenchCli): string {
  return cli === "claude" ? "Claude" : "Codex";
}
