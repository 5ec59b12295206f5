// Images of sent messages, stored content-addressed under the data folder (issue 16 §5, `GET /api/images/:imageId`).
import { createHash, randomUUID } from "node:crypto";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ImageIdSchema, type ImageMediaType, type ImageRef, sniffImageType } from "../../shared/contracts/index.js";

/** A stored image's bytes and type. */
export interface StoredImage {
  mediaType: ImageMediaType;
  bytes: Buffer;
}

/**
 * Image bytes in `<dir>` (the server uses `<LIMINAL_DATA_DIR>/images`), one file per image named by the SHA-256 hex
 * of its bytes: the same image sent twice is stored once, and a stored file never changes (so it may be cached as
 * immutable). The type is not stored: it is read back from the bytes' magic number (only checked images are stored).
 */
export class ImageStore {
  constructor(private readonly dir: string) {}

  /**
   * Stores `bytes` (already checked to be a `mediaType` image) unless an image with the same hash is there; written
   * to a temporary name and renamed, so a reader never sees half a file. @returns its reference.
   * @throws the file system's error when it cannot be written.
   */
  async put(bytes: Buffer, mediaType: ImageMediaType): Promise<ImageRef> {
    const imageId = createHash("sha256").update(bytes).digest("hex");
    const file = join(this.dir, imageId);
    const present = await stat(file).then(
      (s) => s.size === bytes.length,
      () => false,
    );
    if (!present) {
      await mkdir(this.dir, { recursive: true });
      const temporary = `${file}.${randomUUID()}.tmp`;
      try {
        await writeFile(temporary, bytes);
        await rename(temporary, file);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    }
    return { imageId, mediaType, byteLength: bytes.length };
  }

  /** The image stored as `imageId`, or undefined when there is none (or `imageId` is no SHA-256 hex). */
  async get(imageId: string): Promise<StoredImage | undefined> {
    if (!ImageIdSchema.safeParse(imageId).success) return undefined;
    let bytes: Buffer;
    try {
      bytes = await readFile(join(this.dir, imageId));
    } catch {
      return undefined;
    }
    const mediaType = sniffImageType(bytes);
    return mediaType ? { mediaType, bytes } : undefined;
  }
}
