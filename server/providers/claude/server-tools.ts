// Anthropic Messages API tool blocks: which blocks call a tool, and what a result block in assistant content says.
import { isObject } from "../cli-json.js";

/**
 * Content block types that invoke a tool (Anthropic Messages API): `tool_use` (run by Claude Code, answered by a
 * `tool_result` in the next user message), `server_tool_use` (web search, web fetch, code execution, run by the API)
 * and `mcp_tool_use` (MCP connector). The last two are answered inside the assistant content, see
 * {@link serverToolResult}.
 */
export const TOOL_USE_BLOCKS: ReadonlySet<string> = new Set(["tool_use", "server_tool_use", "mcp_tool_use"]);

/** The outcome of a tool call: the `callId` it answers, its output as text, and whether it failed. */
export interface ToolResult {
  /** The result's `tool_use_id`: the `id` of the `tool_use` / `server_tool_use` / `mcp_tool_use` it answers. */
  callId: string;
  /** The result as readable text. */
  output: string;
  /** True for `is_error: true` or an error object (`{ type: "…_error", error_code }`) as content. */
  isError: boolean;
}

/**
 * Reads a server-side tool's result block from assistant content (Anthropic Messages API): any block whose `type`
 * ends in `_tool_result` (`web_search_tool_result`, `web_fetch_tool_result`, `code_execution_tool_result`,
 * `bash_code_execution_tool_result`, `mcp_tool_result`, …) and carries a non-empty `tool_use_id`; `undefined` for
 * anything else (the client `tool_result` included). The output is:
 * - for an error object as `content` (`{ type: "web_search_tool_result_error", error_code: "max_uses_exceeded" }`):
 *   `Error: <error_code>`, failed;
 * - a string as is; text blocks joined by newlines; images as `[image]`;
 * - search results and fetched pages as `<title> — <url>` lines, a fetched plain-text document's text after it;
 * - code execution as its stdout, stderr and `Exit code N` when not 0; a viewed file as its text;
 * - anything else as compact JSON without `encrypted_*` fields.
 * Failed also when the block says `is_error: true` (MCP connector). Never throws.
 */
export function serverToolResult(block: unknown): ToolResult | undefined {
  if (!isObject(block) || typeof block.type !== "string" || !block.type.endsWith("_tool_result")) return undefined;
  if (typeof block.tool_use_id !== "string" || block.tool_use_id === "") return undefined;
  const callId = block.tool_use_id;
  const content = block.content;
  if (isObject(content) && typeof content.type === "string" && content.type.endsWith("_error")) {
    const code = typeof content.error_code === "string" ? content.error_code : undefined;
    return { callId, output: code ? `Error: ${code}` : compactJson(content), isError: true };
  }
  return { callId, output: contentText(content), isError: block.is_error === true };
}

function contentText(content: unknown): string {
  if (content === undefined || content === null) return "";
  const parts = Array.isArray(content) ? content : [content];
  return parts
    .map(partText)
    .filter((text) => text !== "")
    .join("\n");
}

function partText(part: unknown): string {
  if (typeof part === "string") return part;
  if (!isObject(part)) return part === undefined || part === null ? "" : compactJson(part);
  if (part.type === "text" && typeof part.text === "string") return part.text;
  if (part.type === "image") return "[image]";
  if (typeof part.url === "string") return linkText(part.url, part);
  if (typeof part.stdout === "string" || typeof part.stderr === "string" || typeof part.return_code === "number") {
    const exit = typeof part.return_code === "number" && part.return_code !== 0 ? `Exit code ${part.return_code}` : "";
    return [part.stdout, part.stderr, exit].filter((s) => typeof s === "string" && s !== "").join("\n");
  }
  if (typeof part.content === "string") return part.content;
  return compactJson(part);
}

/** A search result (`title`, `url`) or fetched page (`url`, `content`: a `document` block) as text. */
function linkText(url: string, part: Record<string, unknown>): string {
  const doc = isObject(part.content) ? part.content : undefined;
  const title = typeof part.title === "string" ? part.title : typeof doc?.title === "string" ? doc.title : "";
  const source = isObject(doc?.source) ? doc.source : undefined;
  const body = typeof source?.data === "string" && source.type === "text" ? source.data : "";
  return [title ? `${title} — ${url}` : url, body].filter(Boolean).join("\n");
}

function compactJson(value: unknown): string {
  return JSON.stringify(value, (key, v) => (key.startsWith("encrypted_") ? undefined : v)) ?? "";
}
