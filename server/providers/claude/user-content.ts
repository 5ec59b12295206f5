// The content blocks of a Claude Code user record (a prompt, or a tool's result) as upsert fields: text runs and
// images in order, images by reference, IDE and CLI context as chips (issue 13 §8 and §9).
import type { ImageRef } from "../../../shared/contracts/index.js";
import { isObject } from "../cli-json.js";
import { historyImageRef } from "../history-images.js";
import {
  type ContextRules,
  splitInjectedContext,
  type UserBlock,
  type UserMessageFields,
  userMessageFields,
} from "../user-message-parts.js";

/**
 * The context Claude Code and its IDE extensions put into a user message (tags seen in transcripts of Claude Code
 * 1.0–2.1: the VS Code / JetBrains extension's `<ide_opened_file>`, `<ide_selection>`, `<ide_diagnostics>`; the CLI's
 * `<system-reminder>` and hook output).
 */
export const CLAUDE_CONTEXT_RULES: ContextRules = {
  tags: {
    ide_opened_file: "Opened file",
    ide_selection: "Selection",
    ide_diagnostics: "Diagnostics",
    "system-reminder": "System reminder",
    "user-prompt-submit-hook": "Hook output",
  },
};

/** Text shown in place of an image block whose data cannot be read (a URL source, bad base64, an unknown type). */
const UNREADABLE_IMAGE = "[image]";

/**
 * The blocks of an Anthropic Messages API user `content` (a string, or `text` / `image` blocks; an `image` has
 * `source: { type: "base64", media_type, data }`), in order. Other block types are left out.
 */
export function claudeUserBlocks(content: unknown): UserBlock[] {
  if (typeof content === "string") return [{ text: content }];
  if (!Array.isArray(content)) return [];
  return content.flatMap((block): UserBlock[] => {
    if (!isObject(block)) return [];
    if (block.type === "text" && typeof block.text === "string") return [{ text: block.text }];
    if (block.type !== "image") return [];
    const image = imageOf(block);
    return [image ? { image } : { text: UNREADABLE_IMAGE }];
  });
}

/**
 * The fields of the user `message` upsert for a prompt record's `message` (see {@link userMessageFields}): its text
 * without IDE/CLI context, its images by reference in order, the context as chips. `fallback` (the classified
 * prompt's text) is the content when the blocks give nothing at all.
 */
export function claudeUserContent(message: unknown, fallback: string): UserMessageFields {
  const fields = userMessageFields(
    claudeUserBlocks(isObject(message) ? message.content : undefined),
    CLAUDE_CONTEXT_RULES,
  );
  return fields.content || fields.images || fields.context ? fields : { content: fallback };
}

/**
 * The typed text of a prompt record's `message` for titles and the session list: its text blocks without IDE/CLI
 * context, joined by a blank line ("" when it is all context); images are not decoded, a message of images only
 * gives "[2 images]". `fallback` when the message holds no blocks.
 */
export function claudeUserText(message: unknown, fallback: string): string {
  const content = isObject(message) ? message.content : undefined;
  if (typeof content !== "string" && !Array.isArray(content)) return fallback;
  const texts = (typeof content === "string" ? [content] : content).flatMap((block: unknown) =>
    typeof block === "string"
      ? [block]
      : isObject(block) && block.type === "text" && typeof block.text === "string"
        ? [block.text]
        : [],
  );
  const typed = texts.map((text) => splitInjectedContext(text, CLAUDE_CONTEXT_RULES).rest).filter(Boolean);
  const images = Array.isArray(content) ? content.filter((b: unknown) => isObject(b) && b.type === "image").length : 0;
  if (typed.length === 0 && images > 0) return `[${images} image${images > 1 ? "s" : ""}]`;
  return typed.join("\n\n");
}

/**
 * A `tool_result` block's `content` as the tool's output and images: a string as is; an array as its `text` blocks
 * joined by newlines, its `image` blocks as references (in order; an unreadable one as the text `[image]`).
 */
export function claudeToolResult(content: unknown): { output: string; images: ImageRef[] } {
  if (typeof content === "string") return { output: content, images: [] };
  if (!Array.isArray(content)) {
    return { output: content === undefined || content === null ? "" : JSON.stringify(content), images: [] };
  }
  const texts: string[] = [];
  const images: ImageRef[] = [];
  for (const block of content) {
    if (!isObject(block)) continue;
    if (block.type === "text" && typeof block.text === "string") texts.push(block.text);
    else if (block.type === "image") {
      const image = imageOf(block);
      if (image) images.push(image);
      else texts.push(UNREADABLE_IMAGE);
    }
  }
  return { output: texts.filter(Boolean).join("\n"), images };
}

function imageOf(block: Record<string, unknown>): ImageRef | undefined {
  const source = block.source;
  if (!isObject(source) || source.type !== "base64") return undefined;
  return historyImageRef(source.data);
}
