// The images attached to the message being written, per session (issue 16 §5): what is accepted, what is refused and
// why (type, size, count, bytes), before anything is sent. Pure state; the composer's DOM is ui/composer-images.ts.
import {
  type ImageInput,
  type ImageMediaType,
  imageTypeLabel,
  isImageMediaType,
  MAX_IMAGE_BYTES,
  MAX_IMAGES_PER_MESSAGE,
  sniffImageType,
} from "../../shared/contracts/index.js";

/** One attached image: `data` its bytes in base64 (what `session:send` carries), `byteLength` their number. */
export interface Attachment {
  /** Unique within the page (for removal and test ids). */
  id: string;
  /** The file's name ("image.png" for a pasted screenshot without one). */
  name: string;
  mediaType: ImageMediaType;
  byteLength: number;
  data: string;
}

/** A file offered to the composer (a `File` as far as the checks read it). */
export interface Candidate {
  name: string;
  /** The browser's idea of its type (`File.type`, "" when unknown). */
  type: string;
  /** Bytes. */
  size: number;
}

const MB = 1024 * 1024;

/**
 * Why `file` cannot be attached next to `count` images already there, in words a user reads, or null when its type,
 * size and the count allow it (its bytes are checked once read, see `checkBytes`).
 */
export function refusalOf(file: Candidate, count: number): string | null {
  if (count >= MAX_IMAGES_PER_MESSAGE) {
    return `${file.name} was not added: a message may carry at most ${MAX_IMAGES_PER_MESSAGE} images.`;
  }
  if (!isImageMediaType(file.type)) {
    const what = file.type ? `a ${file.type} file` : "not an image";
    return `${file.name} is ${what}: only PNG, JPEG, GIF and WebP images can be sent.`;
  }
  if (file.size > MAX_IMAGE_BYTES) {
    return `${file.name} is ${(file.size / MB).toFixed(1)} MB: an image may be at most ${MAX_IMAGE_BYTES / MB} MB.`;
  }
  return null;
}

/**
 * The type `bytes` really are (magic number), or the refusal in words when they are no PNG / JPEG / GIF / WebP or not
 * the type the file claims (`declared`), the way the server would refuse it (`INVALID_IMAGE`).
 */
export function checkBytes(
  name: string,
  declared: string,
  bytes: Uint8Array,
): { mediaType: ImageMediaType } | { refusal: string } {
  const actual = sniffImageType(bytes);
  if (!actual) return { refusal: `${name} is not a PNG, JPEG, GIF or WebP image (its contents say otherwise).` };
  if (actual !== declared) {
    return { refusal: `${name} claims to be ${imageTypeLabel(declared)} but is ${imageTypeLabel(actual)}.` };
  }
  return { mediaType: actual };
}

/** Standard padded base64 of `bytes` (in 32 KiB slices, so a 5 MB image does not overflow the call stack). */
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/**
 * The attachments of each session's draft, and the last refusals to show. Listeners hear every change of a session's
 * list or refusals. Kept per session like the text drafts, so switching tabs keeps each message's images.
 */
export class Attachments {
  private readonly lists = new Map<string, Attachment[]>();
  private readonly refusals = new Map<string, string[]>();
  private readonly listeners = new Set<(key: string) => void>();
  private counter = 0;

  /** The images attached for `key` (a session id), in order. */
  list(key: string): readonly Attachment[] {
    return this.lists.get(key) ?? [];
  }

  /** The refusals of the last add for `key`, in words ([] when none). */
  refused(key: string): readonly string[] {
    return this.refusals.get(key) ?? [];
  }

  /**
   * Adds files for `key` in order: each is read (`read`, its bytes) only when `refusalOf` allows it, then its bytes
   * checked (`checkBytes`); refused ones are listed in `refused(key)` (replacing the previous refusals).
   * @returns the attachments added.
   */
  async add<F extends Candidate>(key: string, files: readonly F[], read: (file: F) => Promise<Uint8Array>) {
    const added: Attachment[] = [];
    const refused: string[] = [];
    for (const file of files) {
      const refusal = refusalOf(file, this.list(key).length + added.length);
      if (refusal) {
        refused.push(refusal);
        continue;
      }
      const bytes = await read(file);
      const checked = checkBytes(file.name, file.type, bytes);
      if ("refusal" in checked) {
        refused.push(checked.refusal);
        continue;
      }
      this.counter += 1;
      const id = `attachment-${this.counter}`;
      added.push({
        id,
        name: file.name,
        mediaType: checked.mediaType,
        byteLength: bytes.length,
        data: toBase64(bytes),
      });
    }
    this.lists.set(key, [...this.list(key), ...added]);
    this.refusals.set(key, refused);
    this.emit(key);
    return added;
  }

  /** Removes one attachment of `key` (and clears the refusals shown). */
  remove(key: string, id: string): void {
    this.lists.set(
      key,
      this.list(key).filter((a) => a.id !== id),
    );
    this.refusals.delete(key);
    this.emit(key);
  }

  /** Says why something cannot go (e.g. the session's CLI takes no images), shown with the refusals. */
  refuse(key: string, reason: string): void {
    this.refusals.set(key, [reason]);
    this.emit(key);
  }

  /** Empties `key`'s list and refusals (after a sent message). */
  clear(key: string): void {
    this.lists.delete(key);
    this.refusals.delete(key);
    this.emit(key);
  }

  /** Moves `from`'s attachments to `to` (a new session's draft, typed while it started). */
  move(from: string, to: string): void {
    const list = this.list(from);
    this.lists.delete(from);
    this.refusals.delete(from);
    if (list.length > 0) this.lists.set(to, [...this.list(to), ...list]);
    this.emit(to);
  }

  /** The images of `key` as `session:send` takes them. */
  inputs(key: string): ImageInput[] {
    return this.list(key).map(({ mediaType, data }) => ({ mediaType, data }));
  }

  /** Calls `listener(key)` on every change; returns the unsubscribe function. */
  subscribe(listener: (key: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(key: string): void {
    for (const listener of this.listeners) listener(key);
  }
}
