// Locates the CLI entry points installed in node_modules and their versions.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

function packageJson(repoRoot: string, name: string): Record<string, unknown> | undefined {
  const file = path.join(repoRoot, "node_modules", name, "package.json");
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
}

/** The installed version of npm package `name`, or `undefined` when it is not installed. */
export function packageVersion(repoRoot: string, name: string): string | undefined {
  const version = packageJson(repoRoot, name)?.version;
  return typeof version === "string" ? version : undefined;
}

/** The codex-acp platform binary (spawn it directly: signalling the npm wrapper orphans it). */
export function codexAcpBinary(repoRoot: string): string {
  return path.join(repoRoot, "node_modules/@zed-industries/codex-acp-linux-x64/bin/codex-acp");
}

/**
 * The script of `@zed-industries/claude-agent-acp`'s `claude-agent-acp` bin (run it with `node`), or `undefined`
 * when the package is not installed.
 */
export function claudeAcpEntry(repoRoot: string): string | undefined {
  const pkg = packageJson(repoRoot, "@zed-industries/claude-agent-acp");
  const bin = pkg?.bin;
  const entry = typeof bin === "string" ? bin : (bin as Record<string, string> | undefined)?.["claude-agent-acp"];
  return entry ? path.join(repoRoot, "node_modules/@zed-industries/claude-agent-acp", entry) : undefined;
}

/** Why a CLI cannot run here, or `undefined` when its files exist. */
export function missingCli(repoRoot: string, cli: "claude-acp" | "codex-acp" | "claude-sdk"): string | undefined {
  if (cli === "codex-acp") {
    const binary = codexAcpBinary(repoRoot);
    return existsSync(binary) ? undefined : `codex-acp binary not installed (${binary})`;
  }
  if (cli === "claude-acp") {
    const entry = claudeAcpEntry(repoRoot);
    return entry && existsSync(entry)
      ? undefined
      : "@zed-industries/claude-agent-acp is not installed (dev dependency)";
  }
  return packageVersion(repoRoot, "@anthropic-ai/claude-agent-sdk-linux-x64")
    ? undefined
    : "Claude Code is not installed (@anthropic-ai/claude-agent-sdk-linux-x64, an optional dependency of the SDK)";
}

/** The Claude Code version bundled with the Claude Agent SDK (its manifest.json), or `undefined`. */
export function claudeCodeVersion(repoRoot: string): string | undefined {
  const file = path.join(repoRoot, "node_modules/@anthropic-ai/claude-agent-sdk/manifest.json");
  if (!existsSync(file)) return undefined;
  const version = (JSON.parse(readFileSync(file, "utf8")) as { version?: unknown }).version;
  return typeof version === "string" ? version : undefined;
}
