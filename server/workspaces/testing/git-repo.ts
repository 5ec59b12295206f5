// Test helper: a real git repository in a temporary folder, made and inspected with the git command.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

const IDENTITY = ["-c", "user.name=Test User", "-c", "user.email=test@example.com"];

/** Runs `git <args>` in `cwd` with a test identity and returns its stdout, trimmed. Throws on a non-zero exit. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", [...IDENTITY, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" },
  }).trim();
}

/** Writes `files` (path relative to `root` → text) under `root`, creating folders. */
export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** `git init -b main` in `root` (which must exist), then one commit of `files`. */
export function initRepo(root: string, files: Record<string, string> = { "README.md": "# test\n" }): void {
  git(root, "init", "-q", "-b", "main");
  writeFiles(root, files);
  git(root, "add", "-A");
  git(root, "commit", "-q", "-m", "initial");
}

/** Writes `files` in `root` and commits them with `message`; returns the new commit. */
export function commitFiles(root: string, files: Record<string, string>, message: string): string {
  writeFiles(root, files);
  git(root, "add", "-A");
  git(root, "commit", "-q", "-m", message);
  return git(root, "rev-parse", "HEAD");
}
