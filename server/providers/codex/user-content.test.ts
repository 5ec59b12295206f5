// Unit tests of the Codex user-content parser (issue 13 §8, §9): `input_image` data URLs as references in order,
// and injected context (`<environment_context>` items of real rollouts) as chips on the next user message.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { MessageUpsert } from "../../../shared/contracts/index.js";
import { PIXEL_GIF_BASE64, RED_PIXEL_PNG_BASE64 } from "../../../testing/fixtures/images.js";
import { fixturesDir } from "../../../testing/fixtures/index.js";
import { takeHistoryImageBytes } from "../history-images.js";
import { parseCodexRollout } from "./rollout.js";
import { codexUserContent } from "./user-content.js";

/** Real rollouts with an `<environment_context>` user item before the first prompt (testing/fixtures/SOURCES.md). */
const ROLLOUTS = [
  path.join("agtrace", "codex_session.jsonl"),
  path.join("codex-session-view", "rollout-2025-11-17T15-30-28-019a93b9-f380-7600-98ff-940e6b99603c.jsonl"),
].map((file) => path.join(fixturesDir(), "codex-rollouts", file));

const sha256 = (base64: string) => createHash("sha256").update(Buffer.from(base64, "base64")).digest("hex");
type Json = Record<string, unknown>;

describe("Codex user messages: images and injected context", () => {
  it("gives input_image data URLs as references in the order of the parts, without Codex's image markers", () => {
    const payload = {
      type: "message",
      role: "user",
      content: [
        { type: "input_text", text: "compare" },
        { type: "input_text", text: "<image name=[Image #1]>" },
        { type: "input_image", image_url: `data:image/png;base64,${RED_PIXEL_PNG_BASE64}` },
        { type: "input_text", text: "</image>" },
        { type: "input_text", text: "with" },
        { type: "input_image", image_url: `data:image/gif;base64,${PIXEL_GIF_BASE64}` },
        { type: "input_image", image_url: "https://example.com/remote.png" },
      ],
    };
    const fields = codexUserContent(payload);
    expect(fields.images?.map((i) => [i.imageId, i.mediaType])).toEqual([
      [sha256(RED_PIXEL_PNG_BASE64), "image/png"],
      [sha256(PIXEL_GIF_BASE64), "image/gif"],
    ]);
    expect(fields.images?.[1] && takeHistoryImageBytes(fields.images[1])).toEqual(
      Buffer.from(PIXEL_GIF_BASE64, "base64"),
    );
    expect(fields.parts).toEqual([
      { type: "text", text: "compare" },
      { type: "image", index: 0 },
      { type: "text", text: "with" },
      { type: "image", index: 1 },
      { type: "text", text: "[image]" },
    ]);
    expect(fields.content).toBe("compare\n\nwith\n\n[image]");
  });

  it.each(ROLLOUTS)("shows the environment context of %s as a chip on the first prompt, not as a message", (file) => {
    const text = readFileSync(file, "utf8");
    const records = text
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as Json);
    const envTexts = records.flatMap((r) => {
      const p = r.payload as Json | undefined;
      if (r.type !== "response_item" || p?.type !== "message" || p.role !== "user") return [];
      const joined = (p.content as { text?: string }[]).map((c) => c.text ?? "").join("\n");
      const m = /<environment_context>([\s\S]*?)<\/environment_context>/.exec(joined);
      return m?.[1] ? [m[1].trim()] : [];
    });
    expect(envTexts.length).toBeGreaterThan(0);

    const { history } = parseCodexRollout(text, { sessionId: "s", fileName: path.basename(file), fallbackTime: "" });
    const users = history.filter((i): i is MessageUpsert => i.type === "message" && i.origin === "user");
    const chips = users.flatMap((u) => u.context ?? []).filter((c) => c.tag === "environment_context");
    expect(chips.map((c) => c.text)).toEqual(envTexts);
    expect(chips.every((c) => c.label === "Environment")).toBe(true);
    expect(users[0]?.context?.[0]?.tag).toBe("environment_context");
    expect(users.some((u) => u.content.includes("<environment_context>"))).toBe(false);
  });
});

describe("a rollout Codex wrote for a message with an image", () => {
  it("shows the user's text and the image by reference, the environment as a chip", () => {
    const file = path.join(
      fixturesDir(),
      "codex-rollouts",
      "recorded-images",
      "rollout-2026-12-03T18-40-03-01a23d34-d927-7100-b164-8c4c2c48d55c.jsonl",
    );
    const text = readFileSync(file, "utf8");
    const urls = text
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as Json)
      .flatMap((r) => {
        const p = r.payload as Json | undefined;
        if (r.type !== "response_item" || p?.type !== "message") return [];
        return (p.content as { type?: string; image_url?: string }[]).flatMap((c) =>
          c.type === "input_image" && c.image_url ? [c.image_url] : [],
        );
      });
    expect(urls.length).toBe(1);
    const base64 = urls[0]?.split(",")[1] ?? "";

    const { history } = parseCodexRollout(text, { sessionId: "s", fileName: path.basename(file), fallbackTime: "" });
    const users = history.filter((i): i is MessageUpsert => i.type === "message" && i.origin === "user");
    expect(users.length).toBe(1);
    expect(users[0]?.content).toBe("What is in this picture?");
    expect(users[0]?.images?.map((i) => i.imageId)).toEqual([sha256(base64)]);
    expect(users[0]?.parts).toBeUndefined(); // the image comes first: images, then the text
    expect(users[0]?.context?.map((c) => c.label)).toEqual(["Environment"]);
    expect(JSON.stringify(history)).not.toContain("base64,");
  });
});
