// Unit tests: bounded metadata reads agree with the full readers, and growth is read from where the last read stopped.
import { appendFile, copyFile, mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixturesDir } from "../../../testing/fixtures/index.js";
import { ClaudeDiskSessions, readClaudeTranscript } from "../../providers/claude/index.js";
import { CodexDiskSessions, readCodexRollout } from "../../providers/codex/index.js";
import type { IndexEntry } from "../../providers/index.js";
import { HEAD_LIMIT, readSessionMetadata, TAIL_BYTES } from "./metadata.js";
import { entryTitle } from "./types.js";

const FIXTURES = fixturesDir();

async function stampOf(file: string) {
  const info = await stat(file);
  return { size: info.size, mtimeMs: info.mtimeMs };
}
/** The providers' disk facets (only their scanners are used here, so the folders do not matter). */
const FACETS = { "claude-code": new ClaudeDiskSessions(os.tmpdir()), codex: new CodexDiskSessions(os.tmpdir()) };
async function readMeta(cliType: "claude-code" | "codex", file: string, previous?: IndexEntry) {
  return readSessionMetadata(FACETS[cliType], file, await stampOf(file), previous);
}
const line = (record: object) => `${JSON.stringify(record)}\n`;

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "lb-meta-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("metadata of every fixture matches the full reader", async () => {
  const all = (await readdir(FIXTURES, { recursive: true })).filter((f) => f.endsWith(".jsonl")).sort();
  const files = all.filter((f) => f.startsWith("claude-jsonl") || f.startsWith("codex-rollouts"));
  for (const relative of files) {
    it(relative, async () => {
      const file = path.join(FIXTURES, relative);
      const cliType = relative.startsWith("codex") ? "codex" : "claude-code";
      const full =
        cliType === "codex"
          ? await readCodexRollout(file, { sessionId: "s" })
          : await readClaudeTranscript(file, { sessionId: "s" });
      const meta = await readMeta(cliType, file);
      expect({
        providerSessionId: meta.providerSessionId,
        cwd: meta.cwd,
        title: entryTitle(meta),
        createdAt: meta.createdAt,
        lastActiveAt: meta.lastActiveAt,
      }).toEqual({
        providerSessionId: full.providerSessionId,
        cwd: full.cwd,
        title: full.title,
        createdAt: full.createdAt,
        lastActiveAt: full.lastActiveAt,
      });
    });
  }
});

describe("readSessionMetadata on files that change", () => {
  it("reads only what was appended, including a line that was half written at the last read", async () => {
    const file = path.join(tmp, "11111111-1111-4111-8111-111111111111.jsonl");
    await copyFile(path.join(FIXTURES, "claude-jsonl/agtrace/claude_session.jsonl"), file);
    const first = await readMeta("claude-code", file);
    const title = line({ type: "custom-title", customTitle: "Renamed by the user", sessionId: "x" });
    await appendFile(file, title.slice(0, 20));
    const half = await readMeta("claude-code", file, first);
    expect(entryTitle(half)).toBe(first.userTitle);
    await appendFile(file, title.slice(20));
    await appendFile(file, line({ type: "system", uuid: "z1", timestamp: "2030-01-01T00:00:00Z", subtype: "x" }));
    const grown = await readMeta("claude-code", file, half);
    expect(entryTitle(grown)).toBe("Renamed by the user");
    expect(grown.lastActiveAt).toBe("2030-01-01T00:00:00.000Z");
    expect(grown.resumeOffset).toBe((await stat(file)).size);
    // The incremental result is what a fresh read of the whole file gives.
    const cold = await readMeta("claude-code", file);
    expect({ ...grown, mtimeMs: 0 }).toEqual({ ...cold, mtimeMs: 0 });
  });

  it("takes title records and the latest time from the tail of a file too big to read whole", async () => {
    const file = path.join(tmp, "22222222-2222-4222-8222-222222222222.jsonl");
    const filler = line({
      type: "assistant",
      uuid: "f",
      timestamp: "2026-01-01T00:00:01Z",
      message: { id: "m", content: [{ type: "text", text: "x".repeat(4000) }] },
    });
    const body = [
      line({
        type: "user",
        uuid: "u",
        cwd: "/big",
        sessionId: "s",
        timestamp: "2026-01-01T00:00:00Z",
        message: { content: "first prompt" },
      }),
      filler.repeat(Math.ceil((HEAD_LIMIT + 2 * TAIL_BYTES) / filler.length)),
      line({ type: "custom-title", customTitle: "Named at the end" }),
      line({ type: "system", uuid: "e", timestamp: "2026-01-02T00:00:00Z" }),
    ].join("");
    await writeFile(file, body);
    const meta = await readMeta("claude-code", file);
    expect(meta).toMatchObject({ cwd: "/big", userTitle: "first prompt", namedTitle: "Named at the end" });
    expect(meta.lastActiveAt).toBe("2026-01-02T00:00:00.000Z");
  });

  it("re-reads a rollout from the start until its first user message is written", async () => {
    const file = path.join(tmp, "rollout-2026-01-02T10-00-00-33333333-3333-4333-8333-333333333333.jsonl");
    await writeFile(
      file,
      line({
        timestamp: "2026-01-02T10:00:00Z",
        type: "session_meta",
        payload: { id: "33333333-3333-4333-8333-333333333333", cwd: "/w" },
      }) +
        line({
          timestamp: "2026-01-02T10:00:00Z",
          type: "response_item",
          payload: {
            type: "message",
            role: "user",
            content: [{ type: "input_text", text: "<environment_context>x</environment_context>" }],
          },
        }),
    );
    const early = await readMeta("codex", file);
    expect(early.userTitle).toBeUndefined();
    expect(early.headComplete).toBe(false);
    await appendFile(
      file,
      line({
        timestamp: "2026-01-02T10:00:05Z",
        type: "response_item",
        payload: { type: "message", role: "user", content: [{ type: "input_text", text: "fix the build" }] },
      }) +
        line({
          timestamp: "2026-01-02T10:00:05Z",
          type: "event_msg",
          payload: { type: "user_message", message: "fix the build" },
        }),
    );
    const later = await readMeta("codex", file, early);
    expect(later).toMatchObject({
      userTitle: "fix the build",
      headComplete: true,
      lastActiveAt: "2026-01-02T10:00:05.000Z",
    });
  });
});
