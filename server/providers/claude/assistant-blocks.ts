// Turns the assistant content blocks of one Claude turn, streamed or whole, into text, thinking and tool-call items.
import type { SDKAssistantMessage, SDKPartialAssistantMessage } from "@anthropic-ai/claude-agent-sdk";
import type { Logger } from "../../../shared/util/index.js";
import { unreachable } from "../../../shared/util/index.js";
import type { ItemBatcher } from "../batching.js";
import { type AssistantContent, type BlockRole, blockRole, blockText, toolCallOf } from "./content-blocks.js";
import { asRecord, parseArguments } from "./sdk-content.js";
import { serverToolResult } from "./server-tools.js";
import type { ToolItem } from "./tool-item.js";
import type { TurnItems } from "./turn-items.js";

type Block =
  | { kind: "text" | "thinking"; index: number; item: ItemBatcher; stopped: boolean }
  | { kind: "tool"; index: number; item: ToolItem; json: string; stopped: boolean };

interface StreamedMessage {
  id: string;
  ordinal: number;
  blocks: Map<number, Block>;
}

type StreamEvent = SDKPartialAssistantMessage["event"];
type Delta = Extract<StreamEvent, { type: "content_block_delta" }>["delta"];

/**
 * The content blocks of one turn's assistant API messages as items of {@link TurnItems}, with ids
 * `${turnId}:${messageOrdinal}:${blockIndex}` (CONTRACTS.md section 1). `messageOrdinal` counts the turn's assistant
 * API messages from 1: every `message_start`, sub-agent ones included, and every `assistant` message whose id was
 * never streamed. What each block type becomes is {@link blockRole}: `text` and `thinking` items, tool calls
 * (`tool_use` / `server_tool_use` / `mcp_tool_use`), and a server tool's result block (`web_search_tool_result`,
 * `mcp_tool_result`, … see `serverToolResult`), which makes no item of its own: it ends the call it answers through
 * {@link TurnItems.finishTool}.
 *
 * It follows the order the CLI sends (CLI-NOTES.md): the Anthropic Messages API streaming events of a block as SDK
 * `stream_event`s (`content_block_start`, `content_block_delta`…), then the SDK `assistant` message carrying that
 * whole block, then its `content_block_stop`. Streams are told apart by `parent_tool_use_id` (one per sub-agent).
 * An event, block or delta type this code does not know is logged once through `logger` and skipped.
 */
export class AssistantBlocks {
  private ordinal = 0;
  private readonly streams = new Map<string, StreamedMessage>();
  private readonly standalone = new Map<string, { ordinal: number; next: number }>();

  /** `cancelRequested` says whether the turn is being cancelled (ended blocks then stay open for `CANCELLED`). */
  constructor(
    private readonly items: TurnItems,
    private readonly cancelRequested: () => boolean,
    private readonly logger: Logger,
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
    const event = message.event;
    switch (event.type) {
      case "message_start":
        this.openMessage(message, event.message.id);
        break;
      case "message_stop":
        this.closeMessage(message);
        break;
      case "message_delta":
        break; // the stop reason and usage: the turn's `result` carries what the turn needs
      case "content_block_start":
        this.startBlock(message, event.index, event.content_block, at);
        break;
      case "content_block_delta":
        this.applyDelta(this.streamOf(message).blocks.get(event.index), event.delta, at);
        break;
      case "content_block_stop":
        this.stopBlock(this.streamOf(message).blocks.get(event.index), at);
        break;
      default:
        unreachable(event, this.logger, "Claude stream event");
        break;
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
    const parent = message.parent_tool_use_id ?? undefined;
    const stream = this.streams.get(message.parent_tool_use_id ?? "");
    for (const content of message.message.content) {
      const role = blockRole(content, this.logger);
      const kind = kindOf(role);
      const open =
        stream?.id === message.message.id
          ? [...stream.blocks.values()].reverse().find((b) => !b.stopped && b.kind === kind)
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
      switch (role) {
        case "text":
        case "thinking":
          this.items.addContent(role, itemId, parent).complete(blockText(content), at);
          break;
        case "tool_use":
          this.addWholeTool(itemId, content, parent, at);
          break;
        case "tool_result":
          this.finishServerTool(content, parent, at);
          break;
        case "no_item":
          break;
      }
    }
  }

  private openMessage(message: SDKPartialAssistantMessage, id: string): void {
    const ordinal = ++this.ordinal;
    this.streams.set(message.parent_tool_use_id ?? "", { id, ordinal, blocks: new Map() });
    this.standalone.set(id, { ordinal, next: 0 });
  }

  private closeMessage(message: SDKPartialAssistantMessage): void {
    this.streams.delete(message.parent_tool_use_id ?? "");
  }

  /** The open message of the event's stream; a block event without a `message_start` opens one of its own. */
  private streamOf(message: SDKPartialAssistantMessage): StreamedMessage {
    const key = message.parent_tool_use_id ?? "";
    let stream = this.streams.get(key);
    if (!stream) {
      stream = { id: `unknown-${this.ordinal + 1}`, ordinal: ++this.ordinal, blocks: new Map() };
      this.streams.set(key, stream);
    }
    return stream;
  }

  private startBlock(message: SDKPartialAssistantMessage, index: number, block: AssistantContent, at: number): void {
    const stream = this.streamOf(message);
    const parent = message.parent_tool_use_id ?? undefined;
    const itemId = this.items.itemId(stream.ordinal, index);
    const seen = this.standalone.get(stream.id);
    if (seen) seen.next = Math.max(seen.next, index + 1);
    const role = blockRole(block, this.logger);
    switch (role) {
      case "text":
      case "thinking":
        this.startContent(stream, index, role, this.items.addContent(role, itemId, parent), blockText(block), at);
        break;
      case "tool_use":
        this.startTool(stream, index, itemId, block, parent, at);
        break;
      case "tool_result":
        this.finishServerTool(block, parent, at);
        break;
      case "no_item":
        break;
    }
  }

  private startContent(
    stream: StreamedMessage,
    index: number,
    kind: "text" | "thinking",
    item: ItemBatcher,
    initial: string,
    at: number,
  ): void {
    stream.blocks.set(index, { kind, index, item, stopped: false });
    if (initial) item.append(initial, at);
  }

  private startTool(
    stream: StreamedMessage,
    index: number,
    itemId: string,
    block: AssistantContent,
    parent: string | undefined,
    at: number,
  ): void {
    const call = toolCallOf(block);
    if (!call) return;
    const tool = this.items.addTool(itemId, call.id, call.name, parent);
    stream.blocks.set(index, { kind: "tool", index, item: tool, json: "", stopped: false });
    tool.create(at);
  }

  private applyDelta(block: Block | undefined, delta: Delta, at: number): void {
    if (!block) return;
    switch (delta.type) {
      case "text_delta":
        this.appendTo(block, "text", delta.text, at);
        break;
      case "thinking_delta":
        this.appendTo(block, "thinking", delta.thinking, at);
        break;
      case "input_json_delta":
        this.gatherJson(block, delta.partial_json);
        break;
      case "citations_delta":
      case "signature_delta":
      case "compaction_delta":
        break; // nothing visible: citations, the thinking signature, compaction state
      default:
        unreachable(delta, this.logger, "Claude content block delta");
        break;
    }
  }

  private appendTo(block: Block, kind: "text" | "thinking", text: string, at: number): void {
    if (block.kind !== "tool" && block.kind === kind) block.item.append(text, at);
  }

  private gatherJson(block: Block, json: string): void {
    if (block.kind === "tool") block.json += json;
  }

  private stopBlock(block: Block | undefined, at: number): void {
    if (!block) return;
    block.stopped = true;
    if (block.kind === "tool") {
      if (!block.item.hasFinalArguments) block.item.setArguments(parseArguments(block.json), at);
    } else if (!this.cancelRequested()) {
      block.item.complete(undefined, at);
    }
  }

  /** A tool call that arrived whole in an `assistant` message: `create` + `update` with its `input`. */
  private addWholeTool(itemId: string, content: AssistantContent, parent: string | undefined, at: number): void {
    const call = toolCallOf(content);
    if (!call) return;
    this.items.addTool(itemId, call.id, call.name, parent).setArguments(asRecord(call.input), at);
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
    const final = blockText(content);
    if (!this.cancelRequested()) {
      block.item.complete(final, at);
    } else if (final.startsWith(block.item.content)) {
      block.item.append(final.slice(block.item.content.length), at);
    }
  }
}

/** The kind of streamed block a content block of `role` finishes (none for results and blocks without items). */
function kindOf(role: BlockRole): Block["kind"] | undefined {
  if (role === "text" || role === "thinking") return role;
  return role === "tool_use" ? "tool" : undefined;
}
