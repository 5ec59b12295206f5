// A terminal's recent output: a byte ring numbered by absolute offset, so a browser that comes back resumes exactly.

/** The default server-side scrollback of one terminal: 1 MiB of output. */
export const DEFAULT_SCROLLBACK_BYTES = 1024 * 1024;

/** Small reads are copied into blocks of this size, so a program writing a byte at a time costs no more per byte. */
const BLOCK_BYTES = 16 * 1024;

/** What a reattaching browser gets: the kept bytes from `offset` on (`offset` ≥ what it asked for only when cut). */
export interface ScrollbackSlice {
  /** Absolute offset of `data`'s first byte in the terminal's output since it was opened. */
  offset: number;
  data: Buffer;
}

interface Block {
  buffer: Buffer;
  /** Bytes used from `start`. */
  start: number;
  end: number;
}

/**
 * The last `limitBytes` of a terminal's output. Every byte the shell ever wrote has an absolute offset (0 = the first
 * byte); `end` is the offset after the last one. Output is kept in blocks of at least 16 KiB (small reads are copied
 * into the newest block), oldest dropped first; when a cut falls inside a block, the kept part starts after the next
 * line break where there is one, so a replay does not begin in the middle of an escape sequence or a UTF-8 character
 * of that line. Memory: at most `limitBytes` plus one block; appending is O(bytes), whatever the read sizes.
 */
export class Scrollback {
  private blocks: Block[] = [];
  /** Index of the oldest live block in `blocks` (dropped ones are compacted away now and then). */
  private head = 0;
  private keptBytes = 0;
  private startOffset = 0;

  constructor(private readonly limitBytes: number = DEFAULT_SCROLLBACK_BYTES) {
    if (!Number.isInteger(limitBytes) || limitBytes <= 0) throw new RangeError(`scrollback limit ${limitBytes}`);
  }

  /** Offset after the last byte written so far. */
  get end(): number {
    return this.startOffset + this.keptBytes;
  }

  /** Offset of the oldest byte still kept. */
  get start(): number {
    return this.startOffset;
  }

  /** Appends output (copied when small; a large chunk is kept as it is, so callers must not change it afterwards). */
  append(chunk: Buffer): void {
    if (chunk.length === 0) return;
    const last = this.blocks.length > this.head ? this.blocks[this.blocks.length - 1] : undefined;
    if (last && last.buffer.length - last.end >= chunk.length) {
      chunk.copy(last.buffer, last.end);
      last.end += chunk.length;
    } else if (chunk.length >= BLOCK_BYTES) {
      this.blocks.push({ buffer: chunk, start: 0, end: chunk.length });
    } else {
      const buffer = Buffer.allocUnsafe(BLOCK_BYTES);
      chunk.copy(buffer, 0);
      this.blocks.push({ buffer, start: 0, end: chunk.length });
    }
    this.keptBytes += chunk.length;
    this.trim();
  }

  /**
   * The kept output from `since` on. A `since` older than what is kept (or past `end`, or missing) gives everything
   * kept, from `start`; the caller tells the browser to reset its screen when `offset !== since`.
   */
  since(since: number | undefined): ScrollbackSlice {
    const from = since !== undefined && since >= this.startOffset && since <= this.end ? since : this.startOffset;
    let skip = from - this.startOffset;
    const parts: Buffer[] = [];
    for (let index = this.head; index < this.blocks.length; index++) {
      const block = this.blocks[index] as Block;
      const length = block.end - block.start;
      if (skip >= length) {
        skip -= length;
        continue;
      }
      parts.push(block.buffer.subarray(block.start + skip, block.end));
      skip = 0;
    }
    return { offset: from, data: Buffer.concat(parts) };
  }

  private trim(): void {
    while (this.keptBytes > this.limitBytes && this.head < this.blocks.length) {
      const oldest = this.blocks[this.head] as Block;
      const length = oldest.end - oldest.start;
      const excess = this.keptBytes - this.limitBytes;
      if (length <= excess) {
        this.head += 1;
        this.drop(length);
        continue;
      }
      const newline = oldest.buffer.indexOf(0x0a, oldest.start + excess);
      const cut = newline >= 0 && newline < oldest.end - 1 ? newline + 1 - oldest.start : excess;
      oldest.start += cut;
      this.drop(cut);
    }
    if (this.head > 64 && this.head * 2 > this.blocks.length) {
      this.blocks = this.blocks.slice(this.head);
      this.head = 0;
    }
  }

  private drop(bytes: number): void {
    this.keptBytes -= bytes;
    this.startOffset += bytes;
  }
}
