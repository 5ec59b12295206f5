// Pure helpers that read ACP tool-call fields (codex-acp's shapes) into tool-call upsert fields.
import type { ContentBlock, ToolCallContent } from "@agentclientprotocol/sdk";

/**
 * One file change of an edit tool call, from an ACP `ToolCallContent` of `type: "diff"`. `oldText` is absent for a
 * new file. Kept in the tool call's `toolArguments.diffs` so the client can show the change.
 */
export interface ToolDiff {
  path: string;
  oldText?: string;
  newText: string;
}

/** Codex tool names by ACP kind, so a live call (kind only) and its replay (title = tool name) agree. */
const TOOL_NAME_BY_KIND: Record<string, string> = { execute: "exec_command", edit: "apply_patch" };
/** ACP kinds of Codex tool names, for replayed calls that carry the name as title and no kind. */
const KIND_BY_TOOL_NAME: Record<string, string> = {
  exec_command: "execute",
  shell: "execute",
  shell_command: "execute",
  apply_patch: "edit",
};

/** The text of a content block (`text`; a `resource_link` as a markdown link); other blocks give "". */
export function contentBlockText(block: ContentBlock): string {
  if (block.type === "text") return block.text;
  if (block.type === "resource_link") return `[${block.title ?? block.name}](${block.uri})`;
  return "";
}

/** The diffs among a tool call's `content` (ACP `{ type: "diff", path, oldText?, newText }`). */
export function diffsOf(content: readonly ToolCallContent[]): ToolDiff[] {
  const diffs: ToolDiff[] = [];
  for (const item of content) {
    if (item.type !== "diff") continue;
    const diff: ToolDiff = { path: item.path, newText: item.newText };
    if (typeof item.oldText === "string") diff.oldText = item.oldText;
    diffs.push(diff);
  }
  return diffs;
}

/** Removes one code fence around the whole text (codex-acp fences command output in ```sh … ```). */
function unfence(text: string): string {
  const match = /^```[\w-]*\n([\s\S]*?)\n?```\s*$/.exec(text.trim());
  return match ? (match[1] ?? "") : text;
}

/** The text of a tool call's `content` items of `type: "content"`, joined by newlines; undefined when none. */
export function contentOutputText(content: readonly ToolCallContent[]): string | undefined {
  const texts = content.flatMap((item) => (item.type === "content" ? [contentBlockText(item.content)] : []));
  return texts.length > 0 ? unfence(texts.join("\n")) : undefined;
}

/** What a tool call's `rawOutput` says: the printable output and, for commands, the exit code. */
export interface RawOutputInfo {
  text?: string;
  exitCode?: number;
}

/**
 * Reads codex-acp's `rawOutput`:
 * - live command: `{ formatted_output?, aggregated_output?, stdout, stderr, exit_code }`;
 * - live edit: `{ stdout: "Success. Updated …", success }`;
 * - replay (from the rollout): the model-facing string `"Chunk ID: …\nProcess exited with code 0\n…\nOutput:\n<out>"`
 *   or `"Exit code: 0\nWall time: …\nOutput:\n<out>"`, whose header is dropped.
 * Anything else becomes JSON text.
 */
export function rawOutputInfo(raw: unknown): RawOutputInfo {
  if (raw === undefined || raw === null) return {};
  if (typeof raw === "string") {
    const header = /^([\s\S]*?)\bOutput:\n/.exec(raw);
    const code = /(?:Process exited with code|Exit code:)\s*(-?\d+)/.exec(header?.[1] ?? "");
    const info: RawOutputInfo = { text: header ? raw.slice(header[0].length) : raw };
    if (code?.[1] !== undefined) info.exitCode = Number(code[1]);
    return info;
  }
  if (typeof raw !== "object") return { text: String(raw) };
  const record = raw as Record<string, unknown>;
  const info: RawOutputInfo = {};
  if (typeof record.exit_code === "number") info.exitCode = record.exit_code;
  for (const key of ["formatted_output", "aggregated_output", "output"]) {
    const value = record[key];
    if (typeof value === "string") return { ...info, text: value };
  }
  const stdout = typeof record.stdout === "string" ? record.stdout : undefined;
  const stderr = typeof record.stderr === "string" ? record.stderr : undefined;
  if (stdout !== undefined || stderr !== undefined) return { ...info, text: (stdout ?? "") + (stderr ?? "") };
  return { ...info, text: JSON.stringify(raw, null, 2) };
}

/** `rawInput` as the tool call's arguments: an object as is, anything else under `input`. */
export function argumentsOf(rawInput: unknown): Record<string, unknown> {
  if (rawInput === undefined || rawInput === null) return {};
  if (typeof rawInput === "object" && !Array.isArray(rawInput)) return { ...(rawInput as Record<string, unknown>) };
  return { input: rawInput };
}

/**
 * The tool name: ACP `name` when the agent gives one; else the Codex tool behind the kind (`execute` →
 * `exec_command`, `edit` → `apply_patch`); else a replayed call's title when it is a bare identifier
 * (`exec_command`); else the kind, else "unknown".
 */
export function toolNameOf(fields: { name?: string | null; kind?: string | null; title?: string | null }): string {
  if (fields.name) return fields.name;
  if (fields.kind && TOOL_NAME_BY_KIND[fields.kind]) return TOOL_NAME_BY_KIND[fields.kind] as string;
  if (fields.title && /^[a-z][a-z0-9_.-]*$/.test(fields.title)) return fields.title;
  return fields.kind ?? "unknown";
}

/** The ACP kind of a Codex tool name (`exec_command` → `execute`, `apply_patch` → `edit`), when known. */
export function kindOfToolName(toolName: string): string | undefined {
  return KIND_BY_TOOL_NAME[toolName];
}

/**
 * A human label: the agent's title, except that a replayed command whose title is only the tool name gets its
 * command line (`rawInput.cmd`), as the live call's title has.
 */
export function titleOf(
  title: string | undefined,
  toolName: string,
  args: Record<string, unknown>,
): string | undefined {
  if (title === toolName && typeof args.cmd === "string") return args.cmd;
  return title;
}
