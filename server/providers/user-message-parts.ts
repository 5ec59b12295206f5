// A user message's blocks (text runs and images, in order) as the fields of a user `message` upsert, with the context
// a CLI or IDE injected taken out of the user's words (issue 13 §8 and §9). Each provider says which tags it knows.
import type { ImageRef, InjectedContext, MessagePart } from "../../shared/contracts/index.js";

/** One block of a user message in recorded order: a text run, or an image already made a reference. */
export type UserBlock = { text: string } | { image: ImageRef };

/**
 * What a CLI injects: `tags` maps a tag name (`ide_opened_file`) to its chip label ("Opened file"), found anywhere
 * in a text block as `<tag …>…</tag>`; `prefixes` maps the start of a whole text block that is context without a
 * tag (`# AGENTS.md instructions`) to its label.
 */
export interface ContextRules {
  tags: Readonly<Record<string, string>>;
  prefixes?: Readonly<Record<string, string>>;
}

/** The user-message fields of a `MessageUpsert` (`content` always; the others only when there is something). */
export interface UserMessageFields {
  content: string;
  images?: ImageRef[];
  parts?: MessagePart[];
  context?: InjectedContext[];
}

/**
 * Splits `text` into the injected context blocks `rules` name (in order) and what is left (trimmed, runs of three or
 * more newlines cut to two). A tag whose closing tag is missing is left in the text as it is.
 */
export function splitInjectedContext(text: string, rules: ContextRules): { rest: string; context: InjectedContext[] } {
  const trimmed = text.trim();
  for (const [prefix, label] of Object.entries(rules.prefixes ?? {})) {
    if (trimmed.startsWith(prefix)) return { rest: "", context: [{ label, text: trimmed }] };
  }
  const names = Object.keys(rules.tags);
  if (names.length === 0) return { rest: trimmed, context: [] };
  const pattern = new RegExp(`<(${names.map(escapeRegExp).join("|")})(?:\\s[^>]*)?>([\\s\\S]*?)</\\1>`, "g");
  const context: InjectedContext[] = [];
  const rest = text.replace(pattern, (_whole, tag: string, inner: string) => {
    context.push({ label: rules.tags[tag] ?? tag, text: inner.trim(), tag });
    return "";
  });
  return { rest: rest.replace(/\n{3,}/g, "\n\n").trim(), context };
}

/**
 * The fields of a user message made of `blocks` (in order): each text block loses its injected context (to
 * `context`); `content` is the remaining text runs joined by a blank line; `images` the images in order; `parts` the
 * text runs and images in order, present only when the message has both and some text comes after an image (when
 * every image comes first, `images` then `content` already shows the order). `extraContext` goes before the blocks'
 * own context (e.g. Codex context items written before the message).
 */
export function userMessageFields(
  blocks: readonly UserBlock[],
  rules: ContextRules,
  extraContext: readonly InjectedContext[] = [],
): UserMessageFields {
  const context: InjectedContext[] = [...extraContext];
  const images: ImageRef[] = [];
  const parts: MessagePart[] = [];
  for (const block of blocks) {
    if ("image" in block) {
      parts.push({ type: "image", index: images.length });
      images.push(block.image);
      continue;
    }
    const split = splitInjectedContext(block.text, rules);
    context.push(...split.context);
    if (split.rest) parts.push({ type: "text", text: split.rest });
  }
  const texts = parts.flatMap((part) => (part.type === "text" ? [part.text] : []));
  const firstText = parts.findIndex((part) => part.type === "text");
  const lastImage = parts.map((part) => part.type).lastIndexOf("image");
  const ordered = images.length > 0 && texts.length > 0 && firstText < lastImage;
  return {
    content: texts.join("\n\n"),
    ...(images.length > 0 ? { images } : {}),
    ...(ordered ? { parts } : {}),
    ...(context.length > 0 ? { context } : {}),
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
