// Unit tests: the Claude metadata scanner folds transcripts into the reader's id, cwd, title and times.
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixturesDir } from "../../../testing/fixtures/index.js";
import type { IndexEntry, MetadataScanner } from "../session-file-entry.js";
import { ClaudeMetadataScanner } from "./metadata-scanner.js";
import { readClaudeTranscript } from "./transcript.js";

const FIXTURES = path.join(fixturesDir(), "claude-jsonl");
const STAMP = { size: 1, mtimeMs: 0 };
const line = (record: object) => JSON.stringify(record);

/** Every line of `lines` through a fresh scanner for `filePath`, as a head scan that reached the end. */
function scan(filePath: string, lines: string[]): { entry: IndexEntry; satisfiedAfter: number | undefined } {
  const scanner: MetadataScanner = new ClaudeMetadataScanner(filePath, STAMP);
  let satisfiedAfter: number | undefined;
  lines.forEach((text, index) => {
    scanner.consume(text);
    if (satisfiedAfter === undefined && scanner.satisfied()) satisfiedAfter = index;
  });
  scanner.finishHead(true);
  return { entry: scanner.entry, satisfiedAfter };
}

describe("every Claude transcript fixture, scanned whole, gives the reader's metadata", async () => {
  const files = (await readdir(FIXTURES, { recursive: true })).filter((f) => f.endsWith(".jsonl")).sort();
  for (const relative of files) {
    it(relative, async () => {
      const file = path.join(FIXTURES, relative);
      const { entry } = scan(file, (await readFile(file, "utf8")).split("\n"));
      const full = await readClaudeTranscript(file, { sessionId: "s" });
      const info = await stat(file);
      expect({
        cliType: entry.cliType,
        providerSessionId: entry.providerSessionId,
        cwd: entry.cwd,
        title: entry.namedTitle ?? entry.userTitle,
        createdAt: entry.createdAt,
        lastActiveAt: entry.lastActiveAt ?? info.mtime.toISOString(),
        headComplete: entry.headComplete,
      }).toEqual({
        cliType: "claude-code",
        providerSessionId: full.providerSessionId,
        cwd: full.cwd,
        title: full.title,
        createdAt: full.createdAt,
        lastActiveAt: full.lastActiveAt,
        headComplete: true,
      });
    });
  }
});

describe("ClaudeMetadataScanner rules", () => {
  const prompt = (text: string, extra: object = {}) =>
    line({ type: "user", cwd: "/w", sessionId: "rec-id", message: { content: text }, ...extra });

  it("takes the id from a UUID file name, else from the first main-chain record", () => {
    const uuid = "11111111-1111-4111-8111-111111111111";
    expect(scan(`/p/${uuid}.jsonl`, [prompt("hi")]).entry.providerSessionId).toBe(uuid);
    expect(scan("/p/renamed.jsonl", [prompt("hi")]).entry.providerSessionId).toBe("rec-id");
  });

  it("is satisfied once id, cwd and a typed prompt are known, not by a slash command alone", () => {
    const command = line({
      type: "user",
      cwd: "/w",
      message: { content: "<command-name>/clear</command-name><command-args></command-args>" },
    });
    const result = scan("/p/11111111-1111-4111-8111-111111111111.jsonl", [command, prompt("fix it")]);
    expect(result.satisfiedAfter).toBe(1);
    expect(result.entry).toMatchObject({ cwd: "/w", userTitle: "fix it", userTitleFromCommand: false });
  });

  it("counts sidechain records for times only, and keeps the highest-ranked title record", () => {
    const { entry } = scan("/p/x.jsonl", [
      prompt("sub-agent prompt", { isSidechain: true, cwd: "/elsewhere", timestamp: "2026-01-01T00:00:00Z" }),
      prompt("the real prompt", { timestamp: "2026-01-01T00:00:05Z" }),
      line({ type: "custom-title", customTitle: "Renamed" }),
      line({ type: "summary", summary: "A summary" }),
    ]);
    expect(entry).toMatchObject({
      cwd: "/w",
      userTitle: "the real prompt",
      namedTitle: "Renamed",
      createdAt: "2026-01-01T00:00:00.000Z",
      lastActiveAt: "2026-01-01T00:00:05.000Z",
    });
  });
});
