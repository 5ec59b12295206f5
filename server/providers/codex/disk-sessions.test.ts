// Unit tests: CodexDiskSessions lists every rollout newest day first, finds one by id, and resolves CODEX_HOME.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { CodexDiskSessions } from "./disk-sessions.js";
import { resolveCodexHome } from "./session-files.js";

const ID = "44444444-4444-4444-8444-444444444444";
let root: string;
let sessions: string;

async function touch(...parts: string[]): Promise<string> {
  const file = path.join(sessions, ...parts);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, "{}\n");
  return file;
}

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "lb-codex-disk-"));
  sessions = path.join(root, "codex", "sessions");
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

it("offers every rollout, newest day first, and covers all of them", async () => {
  const older = await touch("2025", "12", "31", "rollout-2025-12-31T10-00-00-a.jsonl");
  const newer = await touch("2026", "01", "02", `rollout-2026-01-02T10-00-00-${ID}.jsonl`);
  await touch("2026", "01", "02", "notes.jsonl");
  const disk = new CodexDiskSessions(path.join(root, "codex"));
  expect(disk.roots).toEqual([sessions]);
  const set = await disk.projectFiles();
  expect(set.files).toEqual([newer, older]);
  expect(set.covers("/anything")).toBe(true);
  expect(await disk.findFile(ID)).toBe(newer);
  expect(await disk.findFile("55555555-5555-4555-8555-555555555555")).toBeUndefined();
  expect((await disk.unnamedFiles()).files).toEqual([newer, older]);
});

it("resolves CODEX_HOME like codex-acp's environment: config, then env, then HOME/.codex", () => {
  expect(resolveCodexHome({ codexHome: "/c" }, { CODEX_HOME: "/env" })).toBe("/c");
  expect(resolveCodexHome({}, { CODEX_HOME: "/env", HOME: "/h" })).toBe("/env");
  expect(resolveCodexHome({ homeDir: "/home2" }, { HOME: "/h" })).toBe("/home2/.codex");
  expect(resolveCodexHome({ codexHome: "/c", extraEnv: { CODEX_HOME: "/x" } }, {})).toBe("/x");
});
