// A terminal's recent output: a byte ring numbered by absolute offset, so a browser that comes back resumes exactly.

/** The default server-side scrollback of one terminal: 1 MiB of output. */
export const DEFAULT_SCROLLBACK_BYTES = 1024 * 1024;

/** What a reattaching browser gets: the kept bytes from `offset` on (`offset` ≥ what it asked for only when cut). */
export interface ScrollbackSlice {
  /** Absolute offset of `data`'s first byte in the terminal's output since it was opened. */
  offset: number;
  data: Buffer;
}

/**
 * The last `limitBytes` of a terminal's output. Every byte the shell ever wrote has an absolute offset (0 = the first
 * byte); `end` is the offset after the last one. The ring keeps whole chunks and drops the oldest once over the limit;
 * when a cut falls inside a chunk, the kept part starts after the next line break where there is one, so a replay does
 * not begin in the middle of an escape sequence or a UTF-8 character of that line.
 */
export class Scrollback {
  private chunks: Buffer[] = [];
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

  /** Appends output (the buffer is kept, not copied: callers pass a chunk they no longer change). */
  append(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
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
    for (const chunk of this.chunks) {
      if (skip >= chunk.length) {
        skip -= chunk.length;
        continue;
      }
      parts.push(skip > 0 ? chunk.subarray(skip) : chunk);
      skip = 0;
    }
    return { offset: from, data: Buffer.concat(parts) };
  }

  private trim(): void {
    while (this.keptBytes > this.limitBytes && this.chunks.length > 0) {
      const oldest = this.chunks[0] as Buffer;
      const excess = this.keptBytes - this.limitBytes;
      if (oldest.length <= excess) {
        this.chunks.shift();
        this.drop(oldest.length);
        continue;
      }
      const newline = oldest.indexOf(0x0a, excess);
      const cut = newline >= 0 && newline < oldest.length - 1 ? newline + 1 : excess;
      this.chunks[0] = oldest.subarray(cut);
      this.drop(cut);
    }
  }

  private drop(bytes: number): void {
    this.keptBytes -= bytes;
    this.startOffset += bytes;
  }
}
