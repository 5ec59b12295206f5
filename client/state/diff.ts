// Line diffs for edit tool calls: old/new text compared line by line (LCS), or a unified / apply_patch text read as is.

/** One diff line: added, deleted, unchanged context, or a hunk / header line (`@@ …`, `*** Update File: …`, a gap). */
export interface DiffLine {
  kind: "add" | "del" | "ctx" | "hunk";
  text: string;
}

/** Above this many cells (old lines × new lines) the middle is shown as all-deleted then all-added. */
const MAX_LCS_CELLS = 2_000_000;

function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Longest-common-subsequence diff of two line arrays. */
function lcsDiff(a: string[], b: string[]): DiffLine[] {
  const n = a.length;
  const m = b.length;
  if (n * m > MAX_LCS_CELLS) {
    return [...a.map((text) => ({ kind: "del" as const, text })), ...b.map((text) => ({ kind: "add" as const, text }))];
  }
  const width = m + 1;
  const table = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * width + j] =
        a[i] === b[j]
          ? (table[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(table[(i + 1) * width + j] ?? 0, table[i * width + j + 1] ?? 0);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ kind: "ctx", text: a[i] ?? "" });
      i++;
      j++;
    } else if ((table[(i + 1) * width + j] ?? 0) >= (table[i * width + j + 1] ?? 0)) {
      out.push({ kind: "del", text: a[i++] ?? "" });
    } else {
      out.push({ kind: "add", text: b[j++] ?? "" });
    }
  }
  while (i < n) out.push({ kind: "del", text: a[i++] ?? "" });
  while (j < m) out.push({ kind: "add", text: b[j++] ?? "" });
  return out;
}

/**
 * Shortens runs of unchanged lines longer than `2 × context` to `context` lines on each side of a change, with a
 * `hunk` line saying how many were hidden.
 */
export function collapseContext(lines: DiffLine[], context = 3): DiffLine[] {
  const out: DiffLine[] = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i]?.kind !== "ctx") {
      out.push(lines[i] as DiffLine);
      i++;
      continue;
    }
    let end = i;
    while (end < lines.length && lines[end]?.kind === "ctx") end++;
    const run = lines.slice(i, end);
    const keepBefore = i === 0 ? 0 : context;
    const keepAfter = end === lines.length ? 0 : context;
    if (run.length > keepBefore + keepAfter + 1) {
      out.push(...run.slice(0, keepBefore));
      out.push({ kind: "hunk", text: `… ${run.length - keepBefore - keepAfter} unchanged lines` });
      out.push(...run.slice(run.length - keepAfter));
    } else {
      out.push(...run);
    }
    i = end;
  }
  return out;
}

/** The line diff from `oldText` to `newText`, unchanged runs collapsed to 3 lines of context. */
export function diffLines(oldText: string, newText: string): DiffLine[] {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const lines: DiffLine[] = [
    ...a.slice(0, start).map((text) => ({ kind: "ctx" as const, text })),
    ...lcsDiff(a.slice(start, endA), b.slice(start, endB)),
    ...a.slice(endA).map((text) => ({ kind: "ctx" as const, text })),
  ];
  return collapseContext(lines);
}

/**
 * Reads a unified diff or a Codex `apply_patch` text (`*** Begin Patch` … `*** End Patch`): `+`/`-` lines become
 * added/deleted (`+++`/`---` file headers, `@@` hunks and `*** …` lines become `hunk` lines), the rest context.
 */
export function parsePatch(patch: string): DiffLine[] {
  return splitLines(patch).map((line): DiffLine => {
    if (line.startsWith("+++") || line.startsWith("---") || line.startsWith("@@") || line.startsWith("***")) {
      return { kind: "hunk", text: line };
    }
    if (line.startsWith("diff --git") || line.startsWith("index ")) return { kind: "hunk", text: line };
    if (line.startsWith("+")) return { kind: "add", text: line.slice(1) };
    if (line.startsWith("-")) return { kind: "del", text: line.slice(1) };
    return { kind: "ctx", text: line.startsWith(" ") ? line.slice(1) : line };
  });
}

/** True when `text` looks like a unified diff or an apply_patch body. */
export function looksLikePatch(text: string): boolean {
  return /^\*\*\* Begin Patch/m.test(text) || (/^@@ /m.test(text) && /^[+-]/m.test(text)) || /^diff --git /m.test(text);
}
