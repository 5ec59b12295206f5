// Turns the assistant content blocks of one Claude turn, streamed or whole, into text, thinking and tool-call items.
import type { SDKAssistantMessage, SDKPartialAssistantMessage } from "@anthropic-ai/claude-agent-sdk";
import type { ItemBatcher } from "../batching.js";
import type { ToolItem } from "./items.js";
import { asRecord, parseArguments } from "./sdk-content.js";
import { serverToolResult, TOOL_USE_BLOCKS } from "./server-tools.js";
import type { TurnItems } from "./turn-items.js";

type Block =
  | { kind: "text" | "thinking"; index: number; item: ItemBatcher; stopped: boolean }
  | { kind: "tool"; index: number; item: ToolItem; json: string; stopped: boolean };

interface StreamedMessage {
  id: string;
  ordinal: number;
  blocks: Map<number, Block>;
}

type AssistantContent = SDKAssistantMessage["message"]["content"][number];

/**
 * The content blocks of one turn's assistant API messages as items of {@link TurnItems}, with ids
 * `${turnId}:${messageOrdinal}:${blockIndex}` (CONTRACTS.md section 1). `messageOrdinal` counts the turn's assistant
 * API messages from 1: every `message_start`, sub-agent ones included, and every `assistant` message whose id was
 * never streamed. Blocks handled: `text`, `thinking`, and `tool_use` / `server_tool_use` / `mcp_tool_use`. A server
 * tool's result block (`web_search_tool_result`, `mcp_tool_result`, … see `serverToolResult`) makes no item of its
 * own: it ends the call it answers through {@link TurnItems.finishTool}. Other block types make no item.
 *
 * It follows the order the CLI sends (CLI-NOTES.md): the Anthropic Messages API streaming events of a block as SDK
 * `stream_event`s (`content_block_start`, `content_block_delta`…), then the SDK `assistant` message carrying that
 * whole block, then its `content_block_stop`. Streams are told apart by `parent_tool_use_id` (one per sub-agent).
 */
export class AssistantBlocks {
  private ordinal = 0;
  private readonly streams = new Map<string, StreamedMessage>();
  private readonly standalone = new Map<string, { ordinal: number; next: number }>();

  /** `cancelRequested` says whether the turn is being cancelled (ended blocks then stay open for `CANCELLED`). */
  constructor(
    private readonly items: TurnItems,
    private readonly cancelRequested: () => boolean,
  ) {}

  /**
   * Applies one SDK `stream_event` (an Anthropic Messages API streaming event; `at` = arrival, epoch ms):
   * - `message_start` opens a message with the next ordinal, `message_stop` closes it, `message_delta` is ignored;
   * - `content_block_start` of text/thinking creates a batched item (with any initial text), of a tool creates its
   *   tool call (`create`), of a server tool's result (sent whole in the start event) ends the call it answers;
   * - `text_delta` / `thinking_delta` append to their item, `input_json_delta` gathers the tool input;
   * - `content_block_stop` completes a text/thinking item (unless the turn is being cancelled) and gives a tool call
   *   its arguments parsed from the gathered JSON when the `assistant` message did not already.
   * A block event without a `message_start` before it opens a message of its own; events of unknown blocks are ignored.
   */
  onStreamEvent(message: SDKPartialAssistantMessage, at: number): void {
    const key = message.parent_tool_use_id ?? "";
    const parent = message.parent_tool_use_id ?? undefined;
    const event = message.event;
    if (event.type === "message_start") {
      const ordinal = ++this.ordinal;
      this.streams.set(key, { id: event.message.id, ordinal, blocks: new Map() });
      this.standalone.set(event.message.id, { ordinal, next: 0 });
      return;
    }
    if (event.type === "message_stop") {
      this.streams.delete(key);
      return;
    }
    if (event.type === "message_delta") return;
    let stream = this.streams.get(key);
    if (!stream) {
      stream = { id: `unknown-${this.ordinal + 1}`, ordinal: ++this.ordinal, blocks: new Map() };
      this.streams.set(key, stream);
    }
    const seen = this.standalone.get(stream.id);
    if (event.type === "content_block_start") {
      const block = event.content_block;
      const itemId = this.items.itemId(stream.ordinal, event.index);
      if (seen) seen.next = Math.max(seen.next, event.index + 1);
      if (block.type === "text" || block.type === "thinking") {
        const item = this.items.addContent(block.type, itemId, parent);
        stream.blocks.set(event.index, { kind: block.type, index: event.index, item, stopped: false });
        const initial = block.type === "text" ? block.text : block.thinking;
        if (initial) item.append(initial, at);
      } else if (TOOL_USE_BLOCKS.has(block.type) && "id" in block && "name" in block) {
        const tool = this.items.addTool(itemId, block.id, block.name, parent);
        stream.blocks.set(event.index, { kind: "tool", index: event.index, item: tool, json: "", stopped: false });
        tool.create(at);
      } else {
        this.finishServerTool(block, parent, at);
      }
      return;
    }
    const block = stream.blocks.get(event.index);
    if (!block) return;
    if (event.type === "content_block_delta") {
      const delta = event.delta;
      if (block.kind === "text" && delta.type === "text_delta") block.item.append(delta.text, at);
      else if (block.kind === "thinking" && delta.type === "thinking_delta") block.item.append(delta.thinking, at);
      else if (block.kind === "tool" && delta.type === "input_json_delta") block.json += delta.partial_json;
      return;
    }
    if (event.type === "content_block_stop") {
      block.stopped = true;
      if (block.kind === "tool") {
        if (!block.item.hasFinalArguments) block.item.setArguments(parseArguments(block.json), at);
      } else if (!this.cancelRequested()) {
        block.item.complete(undefined, at);
      }
    }
  }

  /**
   * Applies one SDK `assistant` message (`at` = arrival, epoch ms). Each content block finishes the latest unstopped
   * streamed block of the same kind in the open message with the same id: text/thinking complete with the final
   * text, a tool call gets its final `input` as arguments. A block with no such streamed block becomes a finished
   * item of its own: text/thinking `complete`, a tool call `create` + `update` with its `input`, awaiting its result,
   * and a server tool's result block ends the call it answers (a no-op when its streamed start already did).
   * The caller filters out synthetic API-error messages first.
   */
  onAssistant(message: SDKAssistantMessage, at: number): void {
    const key = message.parent_tool_use_id ?? "";
    const parent = message.parent_tool_use_id ?? undefined;
    const stream = this.streams.get(key);
    for (const content of message.message.content) {
      const open =
        stream?.id === message.message.id
          ? [...stream.blocks.values()].reverse().find((b) => !b.stopped && b.kind === blockKind(content.type))
          : undefined;
      if (open) {
        this.finalizeStreamed(open, content, at);
        continue;
      }
      let seen = this.standalone.get(message.message.id);
      if (!seen) {
        seen = { ordinal: ++this.ordinal, next: 0 };
        this.standalone.set(message.message.id, seen);
      }
      const itemId = this.items.itemId(seen.ordinal, seen.next++);
      if (content.type === "text" || content.type === "thinking") {
        const item = this.items.addContent(content.type, itemId, parent);
        item.complete(content.type === "text" ? content.text : content.thinking, at);
      } else if (TOOL_USE_BLOCKS.has(content.type) && "id" in content && "name" in content) {
        const tool = this.items.addTool(itemId, content.id, content.name, parent);
        tool.setArguments(asRecord("input" in content ? content.input : undefined), at);
      } else {
        this.finishServerTool(content, parent, at);
      }
    }
  }

  /** Ends the call a server tool's result block answers (`complete`, or `error` when it failed); else nothing. */
  private finishServerTool(block: unknown, parent: string | undefined, at: number): void {
    const result = serverToolResult(block);
    if (result) this.items.finishTool(result.callId, result.output, result.isError, parent, at);
  }

  /**
   * Gives a streamed block its final content from the `assistant` message. While the turn is being cancelled, a
   * text/thinking item is not completed; it only gets the rest of the final text when that extends what streamed.
   */
  private finalizeStreamed(block: Block, content: AssistantContent, at: number): void {
    if (block.kind === "tool") {
      if ("input" in content) block.item.setArguments(asRecord(content.input), at);
      return;
    }
    const final = content.type === "text" ? content.text : content.type === "thinking" ? content.thinking : "";
    if (!this.cancelRequested()) {
      block.item.complete(final, at);
    } else if (final.startsWith(block.item.content)) {
      block.item.append(final.slice(block.item.content.length), at);
    }
  }
}

function blockKind(type: string): Block["kind"] | undefined {
  if (type === "text" || type === "thinking") return type;
  return TOOL_USE_BLOCKS.has(type) ? "tool" : undefined;
}
