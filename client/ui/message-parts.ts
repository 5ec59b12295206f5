// A user message whose text and images are interleaved (issue 13 §8, `MessageUpsert.parts`): each text run as
// markdown and each image as a thumbnail, in the order its CLI recorded them.
import type { MessageUpsert } from "../../shared/contracts/index.js";
import { h } from "./dom.js";
import { imageThumbnail } from "./message-images.js";

/**
 * The body of a user message with `parts`: text runs rendered by `markdown` (the chat's renderer, line breaks kept),
 * images as thumbnails that open larger on click. An image part whose index is outside `images` is left out.
 */
export function messageParts(item: MessageUpsert, markdown: (text: string) => HTMLElement): HTMLElement | null {
  if (!item.parts || item.parts.length === 0) return null;
  const images = item.images ?? [];
  return h(
    "div",
    { class: "msg-parts", "data-testid": "message-parts" },
    item.parts.map((part) => {
      if (part.type === "text") return markdown(part.text);
      const image = images[part.index];
      return image ? h("div", { class: "msg-images" }, imageThumbnail(image, part.index, images.length)) : null;
    }),
  );
}
