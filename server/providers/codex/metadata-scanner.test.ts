// Unit tests: the Codex metadata scanner folds rollouts into the reader's id, cwd, title and times.
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixturesDir } from "../../../testing/fixtures/index.js";
import type { IndexEntry } from "../session-file-entry.js";
import { CodexMetadataScanner } from "./metadata-scanner.js";
import { readCodexRollout } from "./rollout.js";

const FIXTURES = path.join(fixturesDir(), "codex-rollouts");
const STAMP = { size: 1, mtimeMs: 0 };
const ID = "33333333-3333-4333-8333-333333333333";
const FILE = `/s/2026/01/02/rollout-2026-01-02T10-00-00-${ID}.jsonl`;
const record = (type: string, payload: object, timestamp = "2026-01-02T10:00:00Z") =>
  JSON.stringify({ timestamp, type, payload });
const userItem = (text: string) =>
  record("response_item", { type: "message", role: "user", content: [{ type: "input_text", text }] });

/** Every line of `lines` through a fresh scanner for `filePath`, as a head scan that ended as `reachedEnd` says. */
function scan(filePath: string, lines: string[], reachedEnd = true): IndexEntry {
  const scanner = new CodexMetadataScanner(filePath, STAMP);
  for (const text of lines) scanner.consume(text);
  scanner.finishHead(reachedEnd);
  return scanner.entry;
}

describe("every Codex rollout fixture, scanned whole, gives the reader's metadata", async () => {
  const files = (await readdir(FIXTURES, { recursive: true })).filter((f) => f.endsWith(".jsonl")).sort();
  for (const relative of files) {
    it(relative, async () => {
      const file = path.join(FIXTURES, relative);
      const entry = scan(file, (await readFile(file, "utf8")).split("\n"));
      const full = await readCodexRollout(file, { sessionId: "s" });
      const info = await stat(file);
      expect({
        cliType: entry.cliType,
        providerSessionId: entry.providerSessionId,
        cwd: entry.cwd,
        title: entry.userTitle,
        createdAt: entry.createdAt,
        lastActiveAt: entry.lastActiveAt ?? info.mtime.toISOString(),
      }).toEqual({
        cliType: "codex",
        providerSessionId: full.providerSessionId,
        cwd: full.cwd,
        title: full.title,
        createdAt: full.createdAt,
        lastActiveAt: full.lastActiveAt,
      });
    });
  }
});

describe("CodexMetadataScanner rules", () => {
  it("takes id, cwd and start time from session_meta, else the UUID at the end of the file name", () => {
    const meta = record("session_meta", { id: "meta-id", cwd: "/w", timestamp: "2026-01-02T09:59:00Z" });
    expect(scan(FILE, [meta])).toMatchObject({
      providerSessionId: "meta-id",
      cwd: "/w",
      createdAt: "2026-01-02T09:59:00.000Z",
    });
    expect(scan(FILE, []).providerSessionId).toBe(ID);
  });

  it("skips injected context for the title and is satisfied by meta plus the first real user message", () => {
    const scanner = new CodexMetadataScanner(FILE, STAMP);
    for (const text of [
      record("session_meta", { id: ID, cwd: "/w" }),
      userItem("<environment_context>x</environment_context>"),
      userItem("fix the build"),
      record("event_msg", { type: "user_message", message: "fix the build" }),
    ]) {
      scanner.consume(text);
    }
    expect(scanner.satisfied()).toBe(false); // the title is decided a few records after the typed event
    scanner.finishHead(true);
    expect(scanner.entry).toMatchObject({ userTitle: "fix the build", headComplete: true });
  });

  it("leaves the head incomplete when the file ended before its first user message", () => {
    const meta = record("session_meta", { id: ID, cwd: "/w" });
    expect(scan(FILE, [meta]).headComplete).toBe(false);
    expect(scan(FILE, [meta], false).headComplete).toBe(true); // the bounded head scan gave up: not re-read
  });
});
