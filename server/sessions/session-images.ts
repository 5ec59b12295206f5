// The images of a message being sent (issue 16 §5): checked (count, type, base64, magic bytes, size) and decoded.
import {
  type CliType,
  cliLabel,
  IMAGE_MEDIA_TYPES,
  type ImageInput,
  type ImageMediaType,
  type ImageRef,
  isImageMediaType,
  MAX_IMAGE_BYTES,
  MAX_IMAGES_PER_MESSAGE,
  sniffImageType,
} from "../../shared/contracts/index.js";
import type { CliProvider } from "../providers/index.js";
import type { ImageStore } from "./image-store.js";
import { ServiceError } from "./types.js";

/** One checked image: its type, its bytes, and the base64 it came as (what the providers pass on). */
export interface CheckedImage {
  mediaType: ImageMediaType;
  bytes: Buffer;
  /** Standard padded base64 of `bytes` (the text the browser sent). */
  data: string;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const MIB = 1024 * 1024;

/**
 * Checks and decodes the images of one message, in order:
 * - more than `MAX_IMAGES_PER_MESSAGE` (10) → 400 `INVALID_IMAGE`;
 * - a `mediaType` not PNG, JPEG, GIF or WebP → 400 `INVALID_IMAGE`;
 * - decoded size over `MAX_IMAGE_BYTES` (5 MiB; computed from the base64 length, before decoding) → 413
 *   `IMAGE_TOO_LARGE`;
 * - `data` not standard padded base64 (RFC 4648 §4), or empty → 400 `INVALID_IMAGE`;
 * - bytes whose magic number is not the declared type's (see `sniffImageType`) → 400 `INVALID_IMAGE`.
 * Each message names the image by its position ("Image 2 …").
 * @throws ServiceError with those codes.
 */
export function checkImages(images: readonly ImageInput[] | undefined): CheckedImage[] {
  if (!images || images.length === 0) return [];
  if (images.length > MAX_IMAGES_PER_MESSAGE) {
    throw new ServiceError(
      "INVALID_IMAGE",
      `A message may carry at most ${MAX_IMAGES_PER_MESSAGE} images; this one has ${images.length}`,
    );
  }
  return images.map((image, index) => checkImage(image, index + 1));
}

function checkImage(image: ImageInput, position: number): CheckedImage {
  const name = `Image ${position}`;
  const { mediaType, data } = image;
  if (!isImageMediaType(mediaType)) {
    throw new ServiceError(
      "INVALID_IMAGE",
      `${name} has type "${mediaType}"; only ${IMAGE_MEDIA_TYPES.map(shortName).join(", ")} images are accepted`,
    );
  }
  const padding = data.endsWith("==") ? 2 : data.endsWith("=") ? 1 : 0;
  const byteLength = Math.floor((data.length * 3) / 4) - padding;
  if (byteLength > MAX_IMAGE_BYTES) {
    throw new ServiceError(
      "IMAGE_TOO_LARGE",
      `${name} is ${(byteLength / MIB).toFixed(1)} MB; an image may be at most ${MAX_IMAGE_BYTES / MIB} MB`,
    );
  }
  if (data.length === 0 || data.length % 4 !== 0 || !BASE64.test(data)) {
    throw new ServiceError("INVALID_IMAGE", `${name}: data is not base64 (standard alphabet, padded, no data: prefix)`);
  }
  const bytes = Buffer.from(data, "base64");
  const actual = sniffImageType(bytes);
  if (actual !== mediaType) {
    const found = actual ? `a ${shortName(actual)} image` : "no PNG, JPEG, GIF or WebP image";
    throw new ServiceError("INVALID_IMAGE", `${name} is declared ${shortName(mediaType)} but its bytes are ${found}`);
  }
  return { mediaType, bytes, data };
}

function shortName(mediaType: string): string {
  const sub = mediaType.replace(/^image\//, "");
  return sub === "webp" ? "WebP" : sub.toUpperCase();
}

/**
 * Before a message with `images` goes to the session's CLI: refuses it with 400 `IMAGES_UNSUPPORTED` when the CLI
 * cannot take images (`CliProvider.acceptsImages` false: a Codex agent whose `promptCapabilities.image` is not true),
 * then stores each image (`ImageStore.put`) for the user message to refer to. Nothing is sent or stored on a refusal.
 * @returns the references, in order ([] without images).
 * @throws ServiceError `IMAGES_UNSUPPORTED`, or `STORE_ERROR` when an image cannot be written.
 */
export async function storeMessageImages(
  provider: CliProvider,
  sessionId: string,
  cliType: CliType,
  images: readonly CheckedImage[],
  store: ImageStore,
): Promise<ImageRef[]> {
  if (images.length === 0) return [];
  if (provider.acceptsImages?.(sessionId) === false) {
    throw new ServiceError(
      "IMAGES_UNSUPPORTED",
      `${cliLabel(cliType)} in this session does not take images (its agent did not offer image input); send text only`,
    );
  }
  try {
    const refs: ImageRef[] = [];
    for (const image of images) refs.push(await store.put(image.bytes, image.mediaType));
    return refs;
  } catch (error) {
    throw new ServiceError("STORE_ERROR", `Could not store the message's images: ${String(error)}`, { cause: error });
  }
}
