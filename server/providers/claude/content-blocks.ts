// What a Claude turn makes of each Anthropic content block type: text, thinking, a tool call, a tool's result, nothing.
import type { SDKAssistantMessage } from "@anthropic-ai/claude-agent-sdk";
import type { Logger } from "../../../shared/util/index.js";
import { unreachable } from "../../../shared/util/index.js";
import { serverToolResult, TOOL_USE_BLOCKS } from "./server-tools.js";

/** One content block of an assistant API message (Anthropic Messages API `BetaContentBlock`), streamed or whole. */
export type AssistantContent = SDKAssistantMessage["message"]["content"][number];

/**
 * What a content block becomes: a `text` or `thinking` item, a `tool_use` (a tool call item), a `tool_result` (it
 * ends the call it answers: a server tool's or MCP connector's result in the assistant content), or `no_item`.
 */
export type BlockRole = "text" | "thinking" | "tool_use" | "tool_result" | "no_item";

/**
 * The role of `block`, by its `type` (Anthropic Messages API content blocks, SDK 0.3): an exhaustive switch. A type
 * this code does not know is a `tool_result` when it reads as one (`…_tool_result` with a `tool_use_id`, see
 * `serverToolResult`), else `no_item`, logged once through `logger` (see `unreachable`).
 */
export function blockRole(block: AssistantContent, logger: Logger): BlockRole {
  switch (block.type) {
    case "text":
      return "text";
    case "thinking":
      return "thinking";
    case "tool_use":
    case "server_tool_use":
    case "mcp_tool_use":
      return "tool_use";
    case "web_search_tool_result":
    case "web_fetch_tool_result":
    case "code_execution_tool_result":
    case "bash_code_execution_tool_result":
    case "text_editor_code_execution_tool_result":
    case "tool_search_tool_result":
    case "mcp_tool_result":
    case "advisor_tool_result":
      return "tool_result";
    case "redacted_thinking":
    case "compaction":
    case "container_upload":
    case "mcp_tool_listing":
    case "fallback":
      return "no_item";
    default:
      return unknownBlockRole(block, logger);
  }
}

function unknownBlockRole(block: never, logger: Logger): BlockRole {
  if (serverToolResult(block)) return "tool_result";
  unreachable(block, logger, "Claude content block");
  return "no_item";
}

/** The text of a `text` block, the thinking of a `thinking` block, else `""`. */
export function blockText(block: AssistantContent): string {
  if (block.type === "text") return block.text;
  return block.type === "thinking" ? block.thinking : "";
}

/** The call a `tool_use` / `server_tool_use` / `mcp_tool_use` block makes (`id`, `name`, `input`), else undefined. */
export function toolCallOf(block: AssistantContent): { id: string; name: string; input: unknown } | undefined {
  if (!TOOL_USE_BLOCKS.has(block.type)) return undefined;
  const call = block as Extract<AssistantContent, { type: "tool_use" | "server_tool_use" | "mcp_tool_use" }>;
  return { id: call.id, name: call.name, input: call.input };
}
