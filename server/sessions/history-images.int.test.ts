// Images and injected context in history read from disk (issue 13 §8, §9), through the session service of a real
// stack: a history page carries image references, never base64 (a 1.2 MB transcript with one screenshot gives a
// small page), and `GET /api/images/:imageId` serves each image's bytes.
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MessageUpsert, UpsertObject } from "../../shared/contracts/index.js";
import { cliProcesses, type LiminalStack, startLiminalStack } from "../../testing/app/index.js";
import { redPixelPng } from "../../testing/fixtures/images.js";
import { fixturesDir } from "../../testing/fixtures/index.js";
import { claudeTranscriptPath } from "../providers/claude/index.js";

let stack: LiminalStack;

beforeAll(async () => {
  stack = await startLiminalStack({ seedProject: false, claudeWarmStart: false });
});

afterAll(async () => {
  await stack?.close();
  expect(cliProcesses()).toEqual([]);
});

const CLAUDE_FIXTURE = path.join(
  fixturesDir(),
  "claude-jsonl",
  "session-share-images",
  "images-in-user-messages.jsonl",
);
const CODEX_FILE = "rollout-2026-12-03T18-40-03-01a23d34-d927-7100-b164-8c4c2c48d55c.jsonl";
const CODEX_FIXTURE = path.join(fixturesDir(), "codex-rollouts", "recorded-images", CODEX_FILE);
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
type Json = Record<string, unknown>;

/** `lines` with every record's `cwd` (and a Codex `session_meta`'s) set to the stack's project folder. */
function relocated(text: string): string {
  return text
    .split("\n")
    .map((line) => {
      if (!line.startsWith("{")) return line;
      const record = JSON.parse(line) as Json;
      if (typeof record.cwd === "string") record.cwd = stack.projectDir;
      const payload = record.payload as Json | undefined;
      if (record.type === "session_meta" && payload) payload.cwd = stack.projectDir;
      return JSON.stringify(record);
    })
    .join("\n");
}

async function placeClaude(providerSessionId: string, text: string): Promise<string> {
  const file = claudeTranscriptPath(stack.claudeConfigDir, stack.projectDir, providerSessionId);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, relocated(text));
  return `claude-code:${providerSessionId}`;
}

/** Opens `sessionId` as a browser would (listed first), returning the first history page and its JSON size. */
async function openPage(sessionId: string): Promise<{ entries: UpsertObject[]; bytes: number }> {
  const listed = await stack.service.listSessions(stack.project?.projectId ?? "");
  expect(listed.map((s) => s.sessionId)).toContain(sessionId);
  const opened = await stack.service.openSession(sessionId);
  if (opened.kind !== "history") throw new Error(`expected a history page, got ${opened.kind}`);
  return { entries: opened.entries, bytes: Buffer.byteLength(JSON.stringify(opened)) };
}

async function served(imageId: string): Promise<{ status: number; type: string | null; bytes: Buffer }> {
  const response = await fetch(`${stack.url}/api/images/${imageId}`, {
    headers: { authorization: `Bearer ${stack.token}` },
  });
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

const users = (entries: UpsertObject[]) =>
  entries.filter((i): i is MessageUpsert => i.type === "message" && i.origin === "user");

describe("history from disk with images and injected context", () => {
  it("a 1.2 MB Claude transcript with one screenshot gives a small first page, and the image is served", async () => {
    // A real PNG (the 1×1 pixel) followed by 940 KB of data after its IEND chunk, which decoders ignore.
    const screenshot = Buffer.concat([redPixelPng(), randomBytes(940 * 1024)]);
    const id = "5e1f0c2a-1b2c-4d3e-8f40-123456789abc";
    const at = "2026-12-01T10:00:00.000Z";
    const record = (type: string, uuid: string, parentUuid: string | null, message: Json) => ({
      type,
      uuid,
      parentUuid,
      sessionId: id,
      cwd: "/x",
      timestamp: at,
      message,
    });
    const records = [
      record("user", "u0", null, { role: "user", content: "Help me fix the layout" }),
      record("assistant", "a0", "u0", {
        id: "m0",
        role: "assistant",
        content: [{ type: "text", text: "Send me a screenshot." }],
      }),
      {
        type: "user",
        uuid: "u1",
        parentUuid: "a0",
        sessionId: id,
        cwd: "/x",
        timestamp: at,
        message: {
          role: "user",
          content: [
            { type: "text", text: "<ide_selection>The user selected lines 1-3 of a.ts</ide_selection>" },
            { type: "text", text: "Look at this screenshot" },
            { type: "image", source: { type: "base64", media_type: "image/png", data: screenshot.toString("base64") } },
            { type: "text", text: "What is wrong?" },
          ],
        },
      },
      {
        type: "assistant",
        uuid: "a1",
        parentUuid: "u1",
        sessionId: id,
        cwd: "/x",
        timestamp: at,
        message: { id: "m1", role: "assistant", content: [{ type: "text", text: "Nothing is wrong." }] },
      },
    ];
    const text = records.map((r) => JSON.stringify(r)).join("\n");
    expect(text.length).toBeGreaterThan(1.2 * 1024 * 1024);
    const sessionId = await placeClaude(id, text);

    const page = await openPage(sessionId);
    expect(page.bytes).toBeLessThan(8 * 1024);
    const [first, user] = users(page.entries);
    expect(first?.content).toBe("Help me fix the layout");
    expect(user?.content).toBe("Look at this screenshot\n\nWhat is wrong?");
    expect(user?.parts).toEqual([
      { type: "text", text: "Look at this screenshot" },
      { type: "image", index: 0 },
      { type: "text", text: "What is wrong?" },
    ]);
    expect(user?.context).toEqual([
      { label: "Selection", text: "The user selected lines 1-3 of a.ts", tag: "ide_selection" },
    ]);
    expect(user?.images).toEqual([
      { imageId: sha256(screenshot), mediaType: "image/png", byteLength: screenshot.length },
    ]);
    const image = await served(user?.images?.[0]?.imageId ?? "");
    expect({ status: image.status, type: image.type }).toEqual({ status: 200, type: "image/png" });
    expect(image.bytes.equals(screenshot)).toBe(true);
  });

  it("a real Claude transcript with screenshots and IDE context: each image served, the context as chips", async () => {
    const text = await readFile(CLAUDE_FIXTURE, "utf8");
    const imageData = text
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .flatMap((l) => {
        const content = ((JSON.parse(l) as Json).message as Json | undefined)?.content;
        return Array.isArray(content)
          ? content.flatMap((b: Json) => (b.type === "image" ? [String((b.source as Json).data)] : []))
          : [];
      });
    const fileIds = new Set(imageData.map((d) => sha256(Buffer.from(d, "base64"))));
    const sessionId = await placeClaude("47bf5f5c-9e11-4f51-8a29-7ad38ecdf17c", text);

    const page = await openPage(sessionId);
    expect(page.bytes).toBeLessThan(text.length / 2);
    const shown = users(page.entries).flatMap((u) => u.images ?? []);
    expect(shown.length).toBeGreaterThan(0);
    for (const ref of shown) {
      expect(fileIds.has(ref.imageId)).toBe(true);
      const image = await served(ref.imageId);
      expect(image.status).toBe(200);
      expect(sha256(image.bytes)).toBe(ref.imageId);
    }
    const chips = users(page.entries).flatMap((u) => u.context ?? []);
    expect(chips.some((c) => c.label === "Opened file" && c.text.includes("BRANCH_PLAN.md"))).toBe(true);
    expect(users(page.entries).some((u) => u.content.includes("<ide_opened_file>"))).toBe(false);
  });

  it("a Codex rollout with an input_image: the image by reference and served, the environment as a chip", async () => {
    const dir = path.join(stack.codexHome, "sessions", "2026", "12", "03");
    await mkdir(dir, { recursive: true });
    const text = await readFile(CODEX_FIXTURE, "utf8");
    await writeFile(path.join(dir, CODEX_FILE), relocated(text));
    const url = /"image_url":"data:image\/png;base64,([^"]+)"/.exec(text)?.[1] ?? "";
    const bytes = Buffer.from(url, "base64");

    const page = await openPage("codex:01a23d34-d927-7100-b164-8c4c2c48d55c");
    expect(JSON.stringify(page.entries)).not.toContain(url);
    const [user] = users(page.entries);
    expect(user?.content).toBe("What is in this picture?");
    expect(user?.images?.map((i) => i.imageId)).toEqual([sha256(bytes)]);
    expect(user?.context?.map((c) => c.label)).toEqual(["Environment"]);
    expect(await served(sha256(bytes))).toEqual({ status: 200, type: "image/png", bytes });
  });
});
