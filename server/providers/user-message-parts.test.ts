// Unit tests of the user-message splitter (issue 13 §8, §9): injected context out of the user's words, text and
// images in order, and what a browser gets when a message is only context or only images.
import { describe, expect, it } from "vitest";
import { MessageUpsertSchema } from "../../shared/contracts/index.js";
import type { ImageRef } from "../../shared/contracts/index.js";
import { type ContextRules, splitInjectedContext, userMessageFields } from "./user-message-parts.js";

const RULES: ContextRules = {
  tags: { ide_selection: "Selection", "system-reminder": "System reminder" },
  prefixes: { "# AGENTS.md": "AGENTS.md" },
};
const image = (n: number): ImageRef => ({
  imageId: String(n).repeat(64).slice(0, 64),
  mediaType: "image/png",
  byteLength: n,
});

describe("user message fields", () => {
  it("takes known tags (with attributes, anywhere) out of the text, in order, and keeps unknown or unclosed ones", () => {
    const text =
      'fix this\n<ide_selection path="a.ts">line 1</ide_selection>\n\n\n\nplease<system-reminder>be brief</system-reminder> <other>x</other> <ide_selection>open';
    expect(splitInjectedContext(text, RULES)).toEqual({
      rest: "fix this\n\nplease <other>x</other> <ide_selection>open",
      context: [
        { label: "Selection", text: "line 1", tag: "ide_selection" },
        { label: "System reminder", text: "be brief", tag: "system-reminder" },
      ],
    });
    expect(splitInjectedContext("# AGENTS.md instructions for /w\n\nbe nice", RULES)).toEqual({
      rest: "",
      context: [{ label: "AGENTS.md", text: "# AGENTS.md instructions for /w\n\nbe nice" }],
    });
  });

  it("gives parts only when text follows an image; images alone or first show as images then text", () => {
    expect(userMessageFields([{ image: image(1) }, { text: "what is this?" }], RULES)).toEqual({
      content: "what is this?",
      images: [image(1)],
    });
    expect(userMessageFields([{ image: image(1) }, { image: image(2) }], RULES)).toEqual({
      content: "",
      images: [image(1), image(2)],
    });
    const mixed = userMessageFields(
      [{ text: "a" }, { image: image(1) }, { text: "<ide_selection>s</ide_selection>" }, { text: "b" }],
      RULES,
    );
    expect(mixed).toEqual({
      content: "a\n\nb",
      images: [image(1)],
      parts: [
        { type: "text", text: "a" },
        { type: "image", index: 0 },
        { type: "text", text: "b" },
      ],
      context: [{ label: "Selection", text: "s", tag: "ide_selection" }],
    });
    // What the readers put on a user message is a valid upsert.
    const upsert = {
      type: "message",
      origin: "user",
      turnId: "t",
      sessionId: "s",
      itemId: "t:user",
      status: "complete",
      sourceTimestamp: "2026-01-01T00:00:00.000Z",
      emittedAt: "2026-01-01T00:00:00.000Z",
      ...mixed,
    };
    expect(MessageUpsertSchema.safeParse(upsert).success).toBe(true);
    expect(MessageUpsertSchema.safeParse({ ...upsert, parts: [{ type: "image", index: -1 }] }).success).toBe(false);
  });

  it("puts context given from earlier items first, and a message of context only has no words", () => {
    const earlier = [{ label: "Environment", text: "<cwd>/w</cwd>", tag: "environment_context" }];
    expect(userMessageFields([{ text: "<system-reminder>r</system-reminder>" }], RULES, earlier)).toEqual({
      content: "",
      context: [...earlier, { label: "System reminder", text: "r", tag: "system-reminder" }],
    });
  });
});
