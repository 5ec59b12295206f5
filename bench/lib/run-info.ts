// Collects where a bench run happens (machine, Node, git commit) and writes latest.json / latest.md.
import { execFileSync } from "node:child_process";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { CheckResult } from "./check.js";
import { type RunInfo, renderReport } from "./table.js";

function git(repoRoot: string, args: string[]): string | undefined {
  try {
    return execFileSync("git", args, { cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
}

/** The {@link RunInfo} of this machine and checkout now. */
export function collectRunInfo(repoRoot: string, flags: string[]): RunInfo {
  const commit = git(repoRoot, ["rev-parse", "HEAD"]);
  const dirty = git(repoRoot, ["status", "--porcelain", "--untracked-files=no"]);
  return {
    date: new Date().toISOString(),
    hostname: os.hostname(),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpuModel: os.cpus()[0]?.model.trim() ?? "unknown CPU",
    cpuCount: os.cpus().length,
    memoryMiB: Math.round(os.totalmem() / 2 ** 20),
    node: process.version,
    commit: commit ? `${commit.slice(0, 12)}${dirty ? "-dirty" : ""}` : "unknown",
    flags,
  };
}

/** The content of `bench/results/latest.json`. */
export interface ResultsFile {
  run: RunInfo;
  checks: CheckResult[];
}

function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/**
 * Writes `<dir>/latest.json` ({@link ResultsFile}: run info, every check's samples and stats) and `<dir>/latest.md`
 * (the Markdown report), each atomically. Returns the Markdown.
 */
export function writeResults(dir: string, info: RunInfo, results: CheckResult[]): string {
  mkdirSync(dir, { recursive: true });
  const file: ResultsFile = { run: info, checks: results };
  writeAtomic(path.join(dir, "latest.json"), `${JSON.stringify(file, null, 2)}\n`);
  const markdown = renderReport(info, results);
  writeAtomic(path.join(dir, "latest.md"), markdown);
  return markdown;
}
