// Session titles: taken from the user's first message unless the session already has one.

/** Longest title kept, in characters (a longer first line is cut and ends with "…"). */
export const TITLE_MAX_CHARS = 80;

/** What a session without a title is called in lists. */
export const UNTITLED = "New session";

/**
 * A title from a user message: its first non-empty line, whitespace collapsed, trimmed, at most `TITLE_MAX_CHARS`
 * characters (cut at a word boundary when one is near, then "…"). Returns "" for a message with no visible text.
 */
export function titleFromMessage(message: string): string {
  const line = message
    .split(/\r?\n/)
    .map((l) => l.replace(/\s+/g, " ").trim())
    .find((l) => l !== "");
  if (!line) return "";
  const chars = [...line];
  if (chars.length <= TITLE_MAX_CHARS) return line;
  const cut = chars.slice(0, TITLE_MAX_CHARS - 1).join("");
  const space = cut.lastIndexOf(" ");
  return `${(space >= TITLE_MAX_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
