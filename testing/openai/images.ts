// The images a Responses API request carries (issue 16 §5): what tests check reached the model API.

/** One `input_image` of a request, its data URL taken apart. */
export interface RequestImage {
  /** The media type of the data URL (`data:<mediaType>;base64,…`). */
  mediaType: string;
  /** The base64 text exactly as sent. */
  data: string;
}

const DATA_URL = /^data:([^;,]+);base64,(.*)$/s;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Every `input_image` part with a base64 data URL in the request's `input` messages, in order (OpenAI Responses API:
 * `{ type: "input_image", image_url: "data:image/png;base64,…" }`, as Codex sends an image the user attached).
 * Images given by a remote URL or a file id are left out. The stand-in answers such requests like any other.
 */
export function requestImages(body: unknown): RequestImage[] {
  const input = isRecord(body) && Array.isArray(body.input) ? body.input : [];
  const found: RequestImage[] = [];
  for (const item of input) {
    if (!isRecord(item) || !Array.isArray(item.content)) continue;
    for (const part of item.content) {
      if (!isRecord(part) || part.type !== "input_image" || typeof part.image_url !== "string") continue;
      const match = DATA_URL.exec(part.image_url);
      if (match?.[1] && match[2] !== undefined) found.push({ mediaType: match[1], data: match[2] });
    }
  }
  return found;
}
