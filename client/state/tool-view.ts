// What a tool call shows: its label, the shell command, the file diffs, and its arguments as pretty JSON.
import { type DiffLine, diffLines, looksLikePatch, parsePatch } from "./diff.js";

/** The parts of a tool call (or a permission request) the view reads. */
export interface ToolLike {
  toolName: string;
  toolArguments: Record<string, unknown>;
  title?: string;
  kind?: string;
}

/** One file's diff. `path` may be empty when the arguments name no file. */
export interface FileDiff {
  path: string;
  lines: DiffLine[];
}

const SHELL_TOOLS = /^(bash|shell|shell_command|exec_command|local_shell|execute|run_terminal_cmd)$/i;

const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function quoteArg(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * The shell command of a shell tool call (Claude `Bash { command }`, Codex `exec_command { cmd }`, ACP `execute`
 * tools with `rawInput { command }` as a string or an argv array), else undefined. `bash -lc "<cmd>"` shows `<cmd>`.
 */
export function shellCommand(tool: ToolLike): string | undefined {
  const args = tool.toolArguments;
  if (!SHELL_TOOLS.test(tool.toolName) && tool.kind !== "execute" && str(args.cmd) === undefined) return undefined;
  const command = args.command ?? args.cmd;
  if (typeof command === "string") return command;
  if (Array.isArray(command) && command.every((part) => typeof part === "string")) {
    const argv = command as string[];
    if (argv.length === 3 && /(^|\/)(ba|z)?sh$/.test(argv[0] ?? "") && /^-l?c$/.test(argv[1] ?? "")) return argv[2];
    return argv.map(quoteArg).join(" ");
  }
  return undefined;
}

function addAll(text: string): DiffLine[] {
  return diffLines("", text);
}

/** Codex `FileChange` values: `{ type: "add", content }`, `{ type: "update", unified_diff }`, or `{ add: {…} }`. */
function fileChangeDiff(path: string, change: unknown): FileDiff | undefined {
  if (!isRecord(change)) return undefined;
  const inner = isRecord(change.add)
    ? { type: "add", ...change.add }
    : isRecord(change.update)
      ? { type: "update", ...change.update }
      : isRecord(change.delete)
        ? { type: "delete", ...change.delete }
        : change;
  const type = str(inner.type);
  const patch = str(inner.unified_diff) ?? str(inner.diff) ?? str(inner.patch);
  if (patch !== undefined) return { path, lines: parsePatch(patch) };
  const content = str(inner.content);
  if (type === "add" && content !== undefined) return { path, lines: addAll(content) };
  if (type === "delete")
    return { path, lines: content ? diffLines(content, "") : [{ kind: "hunk", text: "file deleted" }] };
  const oldText = str(inner.oldText) ?? str(inner.old_text);
  const newText = str(inner.newText) ?? str(inner.new_text);
  if (newText !== undefined) return { path, lines: diffLines(oldText ?? "", newText) };
  return undefined;
}

/**
 * The file diffs a tool call's arguments describe, else `[]`:
 * Claude `Edit { file_path, old_string, new_string }`, `MultiEdit { edits: [...] }`, `Write { file_path, content }`;
 * ACP-style `{ path, oldText?, newText }` (also under `diff`); Codex `changes: { <path>: FileChange }`;
 * a patch text (`patch`, `input`, `diff` holding a unified diff or an `apply_patch` body).
 */
export function toolDiffs(tool: ToolLike): FileDiff[] {
  const args = tool.toolArguments;
  const path = str(args.file_path) ?? str(args.path) ?? str(args.filePath) ?? "";
  const oldString = str(args.old_string);
  const newString = str(args.new_string);
  if (newString !== undefined) return [{ path, lines: diffLines(oldString ?? "", newString) }];
  if (Array.isArray(args.edits)) {
    const diffs = args.edits.flatMap((edit): FileDiff[] => {
      if (!isRecord(edit) || str(edit.new_string) === undefined) return [];
      return [{ path, lines: diffLines(str(edit.old_string) ?? "", str(edit.new_string) ?? "") }];
    });
    if (diffs.length > 0) return diffs;
  }
  if (isRecord(args.diff)) {
    const diff = fileChangeDiff(str(args.diff.path) ?? path, args.diff);
    if (diff) return [diff];
  }
  const newText = str(args.newText) ?? str(args.new_text);
  if (newText !== undefined)
    return [{ path, lines: diffLines(str(args.oldText) ?? str(args.old_text) ?? "", newText) }];
  if (isRecord(args.changes)) {
    const diffs = Object.entries(args.changes).flatMap(([file, change]) => {
      const diff = fileChangeDiff(file, change);
      return diff ? [diff] : [];
    });
    if (diffs.length > 0) return diffs;
  }
  const content = str(args.content);
  if (content !== undefined && path && (/write/i.test(tool.toolName) || tool.kind === "edit")) {
    return [{ path, lines: addAll(content) }];
  }
  for (const key of ["patch", "input", "diff"]) {
    const text = str(args[key]);
    if (text !== undefined && looksLikePatch(text)) return [{ path, lines: parsePatch(text) }];
  }
  return [];
}

/** A short hint shown next to the tool name: the file path, search pattern or URL the call is about. */
export function toolSubject(tool: ToolLike): string | undefined {
  const args = tool.toolArguments;
  return (
    str(args.file_path) ??
    str(args.path) ??
    str(args.notebook_path) ??
    str(args.pattern) ??
    str(args.url) ??
    str(args.query) ??
    str(args.description)
  );
}

/** The heading of a tool call: its `title` when the CLI gave one, else the tool name. */
export function toolLabel(tool: ToolLike): string {
  return tool.title?.trim() || tool.toolName;
}

/** The arguments as indented JSON (`"{}"` when empty). */
export function prettyArguments(args: Record<string, unknown>): string {
  try {
    return JSON.stringify(args, null, 2) ?? "{}";
  } catch {
    return String(args);
  }
}
