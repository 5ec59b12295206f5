// Reading the CLIs' untyped JSON (transcripts, rollouts, SDK messages): the plain-object guard, one JSONL line, and the
// one-line title.

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

/**
 * Parses one line of a CLI's JSONL file (a Claude transcript, a Codex rollout): the JSON object on it, or `undefined`
 * for a blank line, a `//` comment, a cut-off or malformed line, or JSON that is not an object. Never throws.
 */
export function parseJsonObjectLine(line: string): Record<string, unknown> | undefined {
  const trimmed = line.trim();
  if (!trimmed.startsWith("{")) return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
