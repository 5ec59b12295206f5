// Unit tests: ClaudeDiskSessions lists a project's transcripts from its own folders and finds one by id.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import type { DiskSessions } from "../disk-sessions.js";
import { ClaudeDiskSessions } from "./disk-sessions.js";
import { claudeProjectFolderName } from "./transcript-path.js";

let root: string;
let projects: string;

async function touch(file: string): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, "{}\n");
  return file;
}

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "lb-claude-disk-"));
  projects = path.join(root, "claude", "projects");
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

it("offers the top-level transcripts of the project's folders only, and covers just those folders", async () => {
  const mine = path.join(projects, claudeProjectFolderName("/work/app"));
  const theirs = path.join(projects, claudeProjectFolderName("/work/other"));
  const session = await touch(path.join(mine, "a.jsonl"));
  await touch(path.join(mine, "agent-1.jsonl"));
  await touch(path.join(mine, "a", "subagents", "agent-2.jsonl"));
  await touch(path.join(theirs, "b.jsonl"));
  const disk: DiskSessions = new ClaudeDiskSessions(path.join(root, "claude"));
  expect(disk.roots).toEqual([projects]);
  const set = await disk.projectFiles(new Set(["/work/app"]));
  expect(set.files).toEqual([session]);
  expect(set.covers(path.join(mine, "gone.jsonl"))).toBe(true);
  expect(set.covers(path.join(theirs, "b.jsonl"))).toBe(false);
  expect(disk.unnamedFiles).toBeUndefined();
});

it("finds a transcript by id in any project folder, and nothing in a missing config dir", async () => {
  const file = await touch(path.join(projects, claudeProjectFolderName("/x"), "id-1.jsonl"));
  expect(await new ClaudeDiskSessions(path.join(root, "claude")).findFile("id-1")).toBe(file);
  expect(await new ClaudeDiskSessions(path.join(root, "claude")).findFile("id-2")).toBeUndefined();
  const missing = new ClaudeDiskSessions(path.join(root, "none"));
  expect((await missing.projectFiles(new Set(["/x"]))).files).toEqual([]);
});
