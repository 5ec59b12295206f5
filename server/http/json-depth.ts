// A guard run before JSON.parse: refuses a text nested deeper than any message of ours, at the cost of one scan.

/** No request or command of ours nests deeper than this (objects and arrays counted together). */
export const MAX_JSON_DEPTH = 64;

/**
 * The position at which `text` opens its `maxDepth + 1`-th nested object or array, or -1 when it never nests that
 * deep. Brackets inside JSON strings (escapes included) do not count. One pass, no allocation, and it stops at the
 * first offending bracket: a 16 MiB frame of `[` costs microseconds here, where `JSON.parse` and validation of it
 * block the event loop for seconds (issue 18 §4).
 */
export function tooDeepAt(text: string, maxDepth: number = MAX_JSON_DEPTH): number {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c)
        index++; // backslash: skip the escaped character
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x5b || code === 0x7b) {
      depth++;
      if (depth > maxDepth) return index;
    } else if (code === 0x5d || code === 0x7d) {
      depth--;
    }
  }
  return -1;
}

/** The words of the refusal for a text {@link tooDeepAt} refused at `position`. */
export function tooDeepMessage(position: number, maxDepth: number = MAX_JSON_DEPTH): string {
  return `JSON nested deeper than ${maxDepth} levels (at character ${position}): refused without parsing`;
}
