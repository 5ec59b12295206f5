// Bounded reading of JSONL files: stream lines from an offset with a byte cap and early stop.
import { createReadStream } from "node:fs";

/** How a bounded line scan ended. */
export interface ScanResult {
  /** True when the scan reached the end of the file (not stopped by the callback or the byte cap). */
  reachedEnd: boolean;
  /** Bytes consumed from `start`. */
  bytesRead: number;
  /** Absolute offset just past the last newline-terminated line handed to `onLine` (where a later scan resumes). */
  endOffset: number;
}

/**
 * Calls `onLine` for each complete line from byte `start` on, until `onLine` returns `true`, `maxBytes` have been
 * read, or the file ends (a last line without a newline is passed too). When `skipFirstPartial` is set, the text
 * before the first newline is dropped (the scan started mid-line). Lines are decoded as UTF-8. A last line without a
 * newline does not advance `endOffset` (it may still be being written).
 */
export async function scanLines(
  filePath: string,
  options: { start?: number; maxBytes?: number; skipFirstPartial?: boolean },
  onLine: (line: string) => boolean | undefined,
): Promise<ScanResult> {
  const start = options.start ?? 0;
  const maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
  const stream = createReadStream(filePath, { start, highWaterMark: 64 * 1024 });
  let pending: Buffer[] = [];
  let bytesRead = 0;
  let skipping = options.skipFirstPartial === true;
  let endOffset = start;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytesRead += chunk.length;
      const chunkStart = start + bytesRead - chunk.length;
      let from = 0;
      for (let nl = chunk.indexOf(10, from); nl !== -1; nl = chunk.indexOf(10, from)) {
        pending.push(chunk.subarray(from, nl));
        from = nl + 1;
        const line = Buffer.concat(pending).toString("utf8");
        pending = [];
        endOffset = chunkStart + from;
        if (skipping) {
          skipping = false;
          continue;
        }
        if (onLine(line) === true) return { reachedEnd: false, bytesRead, endOffset };
      }
      if (from < chunk.length) pending.push(chunk.subarray(from));
      if (bytesRead >= maxBytes) return { reachedEnd: false, bytesRead, endOffset };
    }
    if (pending.length > 0 && !skipping) onLine(Buffer.concat(pending).toString("utf8"));
    return { reachedEnd: true, bytesRead, endOffset };
  } finally {
    stream.destroy();
  }
}
