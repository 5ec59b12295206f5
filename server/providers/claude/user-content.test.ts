// Unit tests of the Claude user-content parser (issue 13 §8, §9): a real transcript's images and IDE context, read
// record by record, and a tool result with an image, each compared with a simple reading done here.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { MessageUpsert, ToolCallUpsert } from "../../../shared/contracts/index.js";
import { RED_PIXEL_PNG_BASE64 } from "../../../testing/fixtures/images.js";
import { fixturesDir } from "../../../testing/fixtures/index.js";
import { takeHistoryImageBytes } from "../history-images.js";
import { parseClaudeTranscript } from "./transcript.js";
import { claudeToolResult, claudeUserContent } from "./user-content.js";

/** A real Claude Code 2.1 transcript with base64 images and `<ide_opened_file>` context (testing/fixtures/SOURCES.md). */
const FIXTURE = path.join(fixturesDir(), "claude-jsonl", "session-share-images", "images-in-user-messages.jsonl");
type Json = Record<string, unknown>;
type Block = { type?: string; text?: string; source?: { data?: string } };

/** The fixture's user records whose content is a list of blocks (read here, independently of the code under test). */
function userBlockRecords(): { record: Json; blocks: Block[] }[] {
  return readFileSync(FIXTURE, "utf8")
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Json)
    .filter((r) => r.type === "user" && Array.isArray((r.message as Json | undefined)?.content))
    .map((record) => ({ record, blocks: (record.message as { content: Block[] }).content }))
    .filter(({ blocks }) => !blocks.some((b) => b.type === "tool_result"));
}

const sha256 = (base64: string) => createHash("sha256").update(Buffer.from(base64, "base64")).digest("hex");
const IDE_TAG = /<ide_opened_file>([\s\S]*?)<\/ide_opened_file>/g;

describe("Claude user messages: images and IDE context", () => {
  it("gives every image of a record as a reference to its bytes, in order, and the IDE context as chips", () => {
    const records = userBlockRecords();
    const imageBlocks = records.flatMap(({ blocks }) => blocks.filter((b) => b.type === "image"));
    expect(imageBlocks.length).toBe(2);
    for (const { record, blocks } of records) {
      const fields = claudeUserContent(record.message, "");
      const images = blocks.filter((b) => b.type === "image").map((b) => b.source?.data ?? "");
      expect(fields.images?.map((i) => i.imageId) ?? []).toEqual(images.map(sha256));
      for (const [i, ref] of (fields.images ?? []).entries()) {
        expect(takeHistoryImageBytes(ref)).toEqual(Buffer.from(images[i] ?? "", "base64"));
        expect(ref.mediaType).toBe("image/png");
      }
      const text = blocks.flatMap((b) => (b.type === "text" ? [b.text ?? ""] : [])).join("\n");
      const opened = [...text.matchAll(IDE_TAG)].map((m) => m[1]?.trim());
      expect(fields.context?.map((c) => c.text) ?? []).toEqual(opened);
      expect(fields.context?.every((c) => c.label === "Opened file" && c.tag === "ide_opened_file") ?? true).toBe(true);
      const typed = text.replace(IDE_TAG, "").trim();
      expect(fields.content).toBe(typed);
      expect(fields.content).not.toContain("<ide_opened_file>");
      expect(fields.content).not.toContain("image]");
    }
  });

  it("keeps text, image, text in the order of the blocks", () => {
    const [first] = userBlockRecords();
    const order = (first?.blocks ?? []).map((b) => b.type);
    expect(order).toEqual(["text", "image", "text"]); // <ide_opened_file>, the screenshot, the question
    const fields = claudeUserContent(first?.record.message, "");
    // The first text block is all context, so the message shows the image, then the question.
    expect(fields.parts).toBeUndefined();
    expect(fields.content).toBe(first?.blocks[2]?.text);

    const mixed = claudeUserContent(
      {
        content: [
          { type: "text", text: "before" },
          { type: "image", source: { type: "base64", media_type: "image/png", data: RED_PIXEL_PNG_BASE64 } },
          { type: "text", text: "after" },
        ],
      },
      "",
    );
    expect(mixed.parts).toEqual([
      { type: "text", text: "before" },
      { type: "image", index: 0 },
      { type: "text", text: "after" },
    ]);
    expect(mixed.content).toBe("before\n\nafter");
  });

  it("reads the transcript with references only: no base64, no [image] text, no raw IDE tags", () => {
    const text = readFileSync(FIXTURE, "utf8");
    const { history } = parseClaudeTranscript(text, { sessionId: "s", fileName: "x.jsonl", fallbackTime: "" });
    const users = history.filter((i): i is MessageUpsert => i.type === "message" && i.origin === "user");
    const shownImages = users.flatMap((u) => u.images ?? []);
    const fileImages = new Set(userBlockRecords().flatMap(({ blocks }) => blocks.filter((b) => b.type === "image")));
    expect(shownImages.length).toBeGreaterThan(0);
    expect(shownImages.length).toBeLessThanOrEqual(fileImages.size);
    const json = JSON.stringify(history);
    expect(json.length).toBeLessThan(text.length / 4);
    expect(json).not.toContain("iVBORw0KGgo"); // the PNG signature in base64
    expect(users.some((u) => /<ide_opened_file>|\[\d+ images?\]/.test(u.content))).toBe(false);
    expect(users.some((u) => u.context?.some((c) => c.label === "Opened file"))).toBe(true);
  });

  it("takes the image of a tool result (a Read of a PNG) out of its text, as a reference", () => {
    const content = [
      { type: "image", source: { type: "base64", media_type: "image/png", data: RED_PIXEL_PNG_BASE64 } },
    ];
    expect(claudeToolResult(content)).toEqual({
      output: "",
      images: [{ imageId: sha256(RED_PIXEL_PNG_BASE64), mediaType: "image/png", byteLength: 70 }],
    });
    expect(claudeToolResult([{ type: "image", source: { type: "url", url: "https://x/y.png" } }]).output).toBe(
      "[image]",
    );

    const records = [
      { type: "user", uuid: "u1", message: { role: "user", content: "read the picture" } },
      {
        type: "assistant",
        uuid: "a1",
        message: { id: "m1", role: "assistant", content: [{ type: "tool_use", id: "t1", name: "Read", input: {} }] },
      },
      {
        type: "user",
        uuid: "u2",
        message: { role: "user", content: [{ type: "tool_result", tool_use_id: "t1", content }] },
      },
    ];
    const { history } = parseClaudeTranscript(records.map((r) => JSON.stringify(r)).join("\n"), {
      sessionId: "s",
      fileName: "x.jsonl",
      fallbackTime: "2026-01-01T00:00:00.000Z",
    });
    const tool = history.find((i): i is ToolCallUpsert => i.type === "tool_call");
    expect(tool).toMatchObject({ status: "complete", toolOutput: "" });
    expect(tool?.images?.map((i) => i.imageId)).toEqual([sha256(RED_PIXEL_PNG_BASE64)]);
  });

  it("treats bad image data as unreadable, never throwing", () => {
    const bad = [
      { type: "image", source: { type: "base64", media_type: "image/png", data: "not base64!" } },
      {
        type: "image",
        source: { type: "base64", media_type: "image/png", data: Buffer.from("hello").toString("base64") },
      },
      { type: "image" },
      null,
    ];
    expect(claudeUserContent({ content: bad }, "")).toEqual({ content: "[image]\n\n[image]\n\n[image]" });
    expect(claudeUserContent({ content: 42 }, "fallback")).toEqual({ content: "fallback" });
  });
});
