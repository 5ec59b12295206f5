// Where Codex keeps rollouts: `$CODEX_HOME/sessions/YYYY/MM/DD/rollout-<time>-<uuid>.jsonl`, grouped by day.
import os from "node:os";
import path from "node:path";
import { listDir } from "../disk-files.js";

const AT_END = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.jsonl$/i;

/** The UUID just before `.jsonl` at the end of `fileName` (a rollout's session id), or `undefined`. */
export function uuidBeforeJsonl(fileName: string): string | undefined {
  return AT_END.exec(fileName)?.[1];
}

/**
 * The `CODEX_HOME` codex-acp runs with, built like its environment in `launchPlan`: `env` (default `process.env`),
 * then the configured `codexHome` / `homeDir`, then `extraEnv`; its `CODEX_HOME`, else `.codex` in its `HOME`
 * (Codex's own default), else in `os.homedir()`. Absolute.
 */
export function resolveCodexHome(
  config: { codexHome?: string; homeDir?: string; extraEnv?: Record<string, string> },
  env: NodeJS.ProcessEnv = process.env,
): string {
  const merged: NodeJS.ProcessEnv = { ...env };
  if (config.codexHome) merged.CODEX_HOME = config.codexHome;
  if (config.homeDir) merged.HOME = config.homeDir;
  Object.assign(merged, config.extraEnv);
  if (merged.CODEX_HOME) return path.resolve(merged.CODEX_HOME);
  return path.resolve(merged.HOME || os.homedir(), ".codex");
}

/** Every `$codexHome/sessions/YYYY/MM/DD/rollout-*.jsonl`, newest day first (and by name, descending, within a day). */
export async function codexRolloutFiles(codexHome: string): Promise<string[]> {
  const sessionsDir = path.join(codexHome, "sessions");
  const files: string[] = [];
  for (const year of await numberedDirs(sessionsDir)) {
    for (const month of await numberedDirs(year)) {
      const days = await numberedDirs(month);
      const perDay = await Promise.all(
        days.map(async (day) =>
          (await listDir(day))
            .filter((d) => d.isFile() && d.name.startsWith("rollout-") && d.name.endsWith(".jsonl"))
            .map((d) => path.join(day, d.name))
            .sort()
            .reverse(),
        ),
      );
      files.push(...perDay.flat());
    }
  }
  return files;
}

/** The rollout whose file name ends with `-<id>.jsonl`, or undefined. */
export async function findCodexRollout(codexHome: string, providerSessionId: string): Promise<string | undefined> {
  const suffix = `-${providerSessionId}.jsonl`;
  return (await codexRolloutFiles(codexHome)).find((file) => path.basename(file).endsWith(suffix));
}

async function numberedDirs(dir: string): Promise<string[]> {
  return (await listDir(dir))
    .filter((d) => d.isDirectory() && /^\d+$/.test(d.name))
    .map((d) => d.name)
    .sort()
    .reverse()
    .map((name) => path.join(dir, name));
}
