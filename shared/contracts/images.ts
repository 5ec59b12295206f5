// Images in a user message (issue 16 §5): what the browser sends, the limits, and the references upserts carry.
import { z } from "zod";

/**
 * The image types a message may carry (what both CLIs' model APIs take). Anything else is refused with
 * `INVALID_IMAGE`.
 */
export const IMAGE_MEDIA_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"] as const;
/** One accepted image type. */
export type ImageMediaType = (typeof IMAGE_MEDIA_TYPES)[number];

/** Largest image, decoded, in bytes: 5 MiB. Over it: 413 `IMAGE_TOO_LARGE`. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/** Most images in one message: 10. More: 400 `INVALID_IMAGE`. */
export const MAX_IMAGES_PER_MESSAGE = 10;

/**
 * One image as sent (`POST /api/session/:id/send` and `session:send` `images`): `mediaType` one of
 * `IMAGE_MEDIA_TYPES`, `data` the file's bytes in standard base64 (no `data:` prefix). The shape is loose on purpose:
 * the server checks type, base64, magic bytes, size and count itself, so each failure gets its own code
 * (`INVALID_IMAGE`, `IMAGE_TOO_LARGE`) in words, not a generic `INVALID_REQUEST`.
 */
export const ImageInputSchema = z.object({ mediaType: z.string(), data: z.string() });
/** An image as sent by the browser (base64). */
export type ImageInput = z.infer<typeof ImageInputSchema>;
/** The `images` field of a send: any number here; more than `MAX_IMAGES_PER_MESSAGE` is refused `INVALID_IMAGE`. */
export const ImageInputsSchema = z.array(ImageInputSchema);

/** An image id: the lowercase hex sha256 of the image's bytes (content-addressed, so equal images share one file). */
export const ImageIdSchema = z.string().regex(/^[0-9a-f]{64}$/, "imageId must be 64 lowercase hex digits (sha256)");

/**
 * A reference to a stored image, carried by a user `MessageUpsert` (`images`) instead of the bytes: the browser
 * fetches `GET /api/images/:imageId` (see `imageUrl`) when it shows the item. The bytes live under
 * `<LIMINAL_DATA_DIR>/images/`; the same reference serves history read from a CLI's own files, so a history page never
 * carries base64. `byteLength` is the decoded size in bytes.
 */
export const ImageRefSchema = z.object({
  imageId: ImageIdSchema,
  mediaType: z.enum(IMAGE_MEDIA_TYPES),
  byteLength: z.number().int().min(0),
});
/** A stored image's reference. */
export type ImageRef = z.infer<typeof ImageRefSchema>;

/**
 * The route that serves a stored image's bytes: `GET /api/images/:imageId` → 200 with the image's `Content-Type` and
 * `Cache-Control: public, max-age=31536000, immutable` (the id is the content's hash), 404 `IMAGE_NOT_FOUND`; behind
 * the app's access control like every route (the browser's cookie). The same bytes over `/ws`: `image:get { imageId }`
 * → `image:data { imageId, mediaType, data }` (base64).
 */
export function imageUrl(imageId: string): string {
  return `/api/images/${imageId}`;
}

/**
 * Largest body of `POST /api/session/:id/send` and largest `/ws` frame, in bytes: ten images of 5 MiB as base64
 * (4/3 of their size, 70 MiB) plus room for the text and the JSON around them: 80 MiB. Every other route keeps the
 * app's 16 MiB body limit.
 */
export const MAX_SEND_BODY_BYTES = 80 * 1024 * 1024;

/** `/ws` `image:get { imageId }`: a stored image's bytes, as `GET /api/images/:imageId`; reply `image:data`. */
export const IMAGE_COMMAND_SCHEMAS = [
  z.object({ type: z.literal("image:get"), requestId: z.string().min(1).optional(), imageId: ImageIdSchema }),
] as const;

/** Reply to `image:get`: `data` the bytes in base64 (an unknown id answers `error { code: "IMAGE_NOT_FOUND" }`). */
export const IMAGE_SERVER_SCHEMAS = [
  z.object({
    type: z.literal("image:data"),
    requestId: z.string().min(1).optional(),
    imageId: ImageIdSchema,
    mediaType: z.enum(IMAGE_MEDIA_TYPES),
    data: z.string(),
  }),
] as const;

/** True when `value` is one of `IMAGE_MEDIA_TYPES`. */
export function isImageMediaType(value: string): value is ImageMediaType {
  return (IMAGE_MEDIA_TYPES as readonly string[]).includes(value);
}

/**
 * The image type the bytes' signature says (magic bytes): PNG `89 50 4E 47 0D 0A 1A 0A`, JPEG `FF D8 FF`, GIF
 * `GIF87a`/`GIF89a`, WebP `RIFF....WEBP`. Undefined for anything else.
 */
export function sniffImageType(bytes: Uint8Array): ImageMediaType | undefined {
  const starts = (offset: number, signature: number[]) => signature.every((byte, i) => bytes[offset + i] === byte);
  if (starts(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (starts(0, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (starts(0, [0x47, 0x49, 0x46, 0x38]) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61) {
    return "image/gif";
  }
  if (starts(0, [0x52, 0x49, 0x46, 0x46]) && starts(8, [0x57, 0x45, 0x42, 0x50])) return "image/webp";
  return undefined;
}

/** A short human name of an image type for messages ("PNG", "JPEG", …). */
export function imageTypeLabel(mediaType: string): string {
  return mediaType.startsWith("image/") ? mediaType.slice(6).toUpperCase() : mediaType || "(none)";
}
