// Test support: an isolated Claude Code environment (temporary config/home/tmp/project folders) and a process finder.
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { findProcessesByEnv, type ProcessEntry } from "../../../core/index.js";
import type { ClaudeProviderConfig } from "../environment.js";

/** A process found by `findProcessesByEnv` (pid and command line). */
export type { ProcessEntry } from "../../../core/index.js";

/** Temporary folders for one test file; `config` points the CLI at them and at a local model server. */
export interface ClaudeTestEnvironment {
  root: string;
  configDir: string;
  homeDir: string;
  tmpDir: string;
  /** An empty project folder (the session's cwd). */
  projectDir: string;
  /** Provider config for the local model server at `baseUrl`: temp dirs, a dummy key, no retries. */
  config: ClaudeProviderConfig;
  /** Removes every folder. */
  cleanup(): Promise<void>;
}

/**
 * Creates `CLAUDE_CONFIG_DIR`, `HOME`, `CLAUDE_CODE_TMPDIR` and a project folder under one `mkdtemp` folder in
 * `os.tmpdir()`, so a test never touches the real `~/.claude`.
 */
export async function createClaudeTestEnvironment(baseUrl: string): Promise<ClaudeTestEnvironment> {
  const root = await mkdtemp(path.join(os.tmpdir(), "lb-claude-"));
  const [configDir, homeDir, tmpDir, projectDir] = ["config", "home", "tmp", "project"].map((d) =>
    path.join(root, d),
  ) as [string, string, string, string];
  await Promise.all([configDir, homeDir, tmpDir, projectDir].map((dir) => mkdir(dir, { recursive: true })));
  return {
    root,
    configDir,
    homeDir,
    tmpDir,
    projectDir,
    config: { configDir, homeDir, tmpDir, baseUrl, apiKey: "sk-ant-test", maxRetries: 0 },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

/**
 * Every live process whose environment contains `CLAUDE_CONFIG_DIR=<configDir>`: the Claude Code processes of a test
 * environment and every tool child they started. Reads `/proc` (Linux).
 */
export function findProcessesWithConfigDir(configDir: string): Promise<ProcessEntry[]> {
  return findProcessesByEnv("CLAUDE_CONFIG_DIR", configDir);
}
