// The images a Messages API request carries (issue 16 §5): what tests check reached the model API.

/** One image block of a request: `source.media_type` and `source.data` (base64) of a `{ type: "image" }` block. */
export interface RequestImage {
  mediaType: string;
  /** The base64 text exactly as sent. */
  data: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Every base64 image block in the request's `messages` (user content and tool results alike), in order:
 * `{ type: "image", source: { type: "base64", media_type, data } }` (Anthropic Messages API). URL or file sources are
 * left out. The stand-in answers such requests like any other (the blocks do not change the scenario choice).
 */
export function requestImages(body: unknown): RequestImage[] {
  const messages = isRecord(body) && Array.isArray(body.messages) ? body.messages : [];
  const found: RequestImage[] = [];
  const visit = (blocks: unknown): void => {
    if (!Array.isArray(blocks)) return;
    for (const block of blocks) {
      if (!isRecord(block)) continue;
      const source = block.source;
      if (block.type === "image" && isRecord(source) && source.type === "base64") {
        if (typeof source.media_type === "string" && typeof source.data === "string") {
          found.push({ mediaType: source.media_type, data: source.data });
        }
      }
      if (block.type === "tool_result") visit(block.content);
    }
  };
  for (const message of messages) if (isRecord(message)) visit(message.content);
  return found;
}
