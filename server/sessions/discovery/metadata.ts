// Reads just enough of a session file for the session list: a bounded head, the tail, or only what was appended.
import { scanLines } from "./line-reader.js";
import type { MetadataReader } from "./types.js";

/** Most bytes read from the start of a file looking for its id, cwd and first user message. */
export const HEAD_LIMIT = 1024 * 1024;
/** Bytes read from the end of a file (on a first read) for its latest time and title records. */
export const TAIL_BYTES = 64 * 1024;
/** Growth larger than this is not read in full: the file is read like a new one (head + tail). */
export const APPEND_LIMIT = 8 * 1024 * 1024;

/**
 * The default {@link MetadataReader}, driving the scanner of `source` (the provider's disk facet). A file that only
 * grew since `previous` (same path, larger size, head already read) is read from `previous.resumeOffset` on;
 * otherwise the head is read until the scanner is satisfied (at most {@link HEAD_LIMIT} bytes) and then the last
 * {@link TAIL_BYTES}. Never throws for content; rejects when the file cannot be read (e.g. it was deleted meanwhile).
 */
export const readSessionMetadata: MetadataReader = async (source, filePath, stamp, previous) => {
  const grown =
    previous !== undefined &&
    previous.cliType === source.cliType &&
    previous.headComplete &&
    previous.resumeOffset !== undefined &&
    stamp.size > previous.size &&
    stamp.size - previous.resumeOffset <= APPEND_LIMIT;
  const scanner = source.scanner(filePath, stamp, grown ? previous : undefined);
  const consume = (line: string): undefined => {
    scanner.consume(line);
  };
  if (grown) {
    const appended = await scanLines(filePath, { start: previous.resumeOffset }, consume);
    return { ...scanner.entry, resumeOffset: appended.endOffset };
  }
  const head = await scanLines(filePath, { maxBytes: HEAD_LIMIT }, (line) => {
    scanner.consume(line);
    return scanner.satisfied();
  });
  scanner.finishHead(head.reachedEnd);
  if (head.reachedEnd) return { ...scanner.entry, resumeOffset: head.endOffset };
  const tailStart = Math.max(head.endOffset, stamp.size - TAIL_BYTES);
  const tail = await scanLines(filePath, { start: tailStart, skipFirstPartial: tailStart > head.endOffset }, consume);
  return { ...scanner.entry, resumeOffset: tail.endOffset };
};
