// Reading the CLIs' untyped JSON (transcripts, rollouts, SDK messages): the plain-object guard and the one-line title.

/**
 * True for a plain JSON object (not `null`, not an array): a record, payload, message or content block whose fields
 * can be read. Both providers read every CLI record defensively through this guard.
 */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The first non-empty line of `text`, whitespace collapsed, cut to 80 characters (79 and `…` when longer): a
 * session title from a first prompt or a title record (CONTRACTS.md section 6 `title`), or a one-line error message.
 */
export function shortTitle(text: string): string {
  const line = (text.split("\n").find((l) => l.trim() !== "") ?? "").replace(/\s+/g, " ").trim();
  return line.length > 80 ? `${line.slice(0, 79).trimEnd()}…` : line;
}
