// Writes Codex `apply_patch` inputs (the `*** Begin Patch` format) for the scenario write and edit tools.

function linesOf(text: string): string[] {
  const lines = text.split("\n");
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/**
 * A patch that creates `filePath` holding `content`: `*** Add File: <path>` then every line prefixed with `+`.
 * Codex writes the lines joined with "\n" plus a final newline.
 */
export function applyPatchAdd(filePath: string, content: string): string {
  const body = linesOf(content).map((line) => `+${line}\n`);
  return `*** Begin Patch\n*** Add File: ${filePath}\n${body.join("")}*** End Patch\n`;
}

/**
 * A patch that replaces the first `oldText` in `filePath` with `newText`: `*** Update File: <path>`, `@@`, the whole
 * lines holding `oldText` as `-` lines and the same lines after the replacement as `+` lines (apply_patch works on
 * whole lines). `current` is the file's present content; when it is unknown or lacks `oldText`, `oldText` and
 * `newText` are taken as whole lines.
 */
export function applyPatchUpdate(filePath: string, oldText: string, newText: string, current?: string): string {
  let removed = linesOf(oldText);
  let added = linesOf(newText);
  const at = current !== undefined && oldText !== "" ? current.indexOf(oldText) : -1;
  if (current !== undefined && at >= 0) {
    const lineStart = current.lastIndexOf("\n", at - 1) + 1;
    const end = at + oldText.length;
    const nextBreak = current.indexOf("\n", Math.max(end - 1, lineStart));
    const lineEnd = nextBreak === -1 ? current.length : nextBreak;
    const before = current.slice(lineStart, lineEnd);
    const after = current.slice(lineStart, at) + newText + current.slice(end, lineEnd);
    removed = before.split("\n");
    added = after.split("\n");
  }
  const hunk = [...removed.map((line) => `-${line}\n`), ...added.map((line) => `+${line}\n`)].join("");
  return `*** Begin Patch\n*** Update File: ${filePath}\n@@\n${hunk}*** End Patch\n`;
}
