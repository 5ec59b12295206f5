// Images read from a CLI's own files (issue 13 §8): their references for upserts, their bytes kept for the session
// layer to store, so a history page carries a reference and never base64.
import { createHash } from "node:crypto";
import { type ImageRef, MAX_IMAGE_BYTES, sniffImageType } from "../../shared/contracts/index.js";

/** The bytes behind each reference made here, until the session layer stores them (`takeHistoryImageBytes`). */
const pendingBytes = new WeakMap<ImageRef, Buffer>();

const BASE64 = /^[A-Za-z0-9+/\r\n]*={0,2}\s*$/;

/**
 * The reference of an image given as standard base64 (`data`, no `data:` prefix; Anthropic `image` block
 * `source.data`): `imageId` the sha256 hex of the decoded bytes (the id `ImageStore.put` gives them), `mediaType`
 * what the bytes' magic number says (a declared type that disagrees is ignored), `byteLength` the decoded size. The
 * bytes stay attached to the returned object for {@link takeHistoryImageBytes}. Undefined when `data` is not base64, is
 * empty, is over `MAX_IMAGE_BYTES` decoded, or holds no PNG, JPEG, GIF or WebP image.
 */
export function historyImageRef(data: unknown): ImageRef | undefined {
  if (typeof data !== "string" || data.length === 0 || !BASE64.test(data)) return undefined;
  if ((data.length * 3) / 4 > MAX_IMAGE_BYTES + 4) return undefined;
  const bytes = Buffer.from(data, "base64");
  const mediaType = sniffImageType(bytes);
  if (!mediaType) return undefined;
  const ref: ImageRef = {
    imageId: createHash("sha256").update(bytes).digest("hex"),
    mediaType,
    byteLength: bytes.length,
  };
  pendingBytes.set(ref, bytes);
  return ref;
}

/**
 * The reference of an image given as a `data:` URL (`data:image/png;base64,…`, RFC 2397; what Codex writes as an
 * `input_image`'s `image_url`), as {@link historyImageRef}. Undefined for any other URL (http, file) or a bad one.
 */
export function historyImageRefFromDataUrl(url: unknown): ImageRef | undefined {
  if (typeof url !== "string") return undefined;
  const match = /^data:[^,;]*(?:;[^,;]*)*;base64,/i.exec(url);
  return match ? historyImageRef(url.slice(match[0].length)) : undefined;
}

/**
 * The bytes of an image reference made by {@link historyImageRef} (a shallow copy of its upsert keeps the same
 * reference object), handed over once: they are forgotten here, so an event log holding the upsert does not hold
 * the image's bytes too. Undefined for any other reference, or one already taken. The session layer stores them
 * before the history is served (`server/sessions/history-image-source.ts`).
 */
export function takeHistoryImageBytes(ref: ImageRef): Buffer | undefined {
  const bytes = pendingBytes.get(ref);
  pendingBytes.delete(ref);
  return bytes;
}
