// Translates one turn's ACP `session/update` notifications (codex-acp) into upserts (CONTRACTS.md sections 1, 2).
import type { SessionUpdate, ToolCall, ToolCallUpdate, UsageUpdate } from "@agentclientprotocol/sdk";
import type { UpsertObject } from "../../../shared/contracts/index.js";
import { consoleLogger, type Logger, unreachable } from "../../../shared/util/index.js";
import { type BatchEmission, type BatchingOptions, ItemBatcher } from "../batching.js";
import { contentBlockText } from "./tool-content.js";
import { ToolItem } from "./tool-item.js";

/** Options of a `TurnTranslator`. */
export interface TurnTranslatorOptions {
  /** The app's session id stamped on every upsert. */
  sessionId: string;
  /** The turn the upserts belong to. */
  turnId: string;
  /** Receives every upsert, in order. */
  emit: (upsert: UpsertObject) => void;
  /** Batching of message and thinking text (CONTRACTS.md section 4). */
  batching?: BatchingOptions;
  /** Clock for `emittedAt` (epoch ms); default `Date.now`. */
  now?: () => number;
  /** Turn `user_message_chunk`s into the `${turnId}:user` message (history replay); live turns ignore them. */
  includeUserMessages?: boolean;
  /** Where an unknown `sessionUpdate` kind is reported (once per kind); default `consoleLogger`. */
  logger?: Logger;
}

type TextType = "message" | "thinking" | "user";

interface OpenText {
  type: TextType;
  itemId: string;
  batcher: ItemBatcher;
}

const PROVIDER_ID = "codex";

/**
 * The upserts of one Codex turn:
 * - `agent_message_chunk` → agent message, `agent_thought_chunk` → thinking, each streamed through `ItemBatcher`
 *   with itemId `${turnId}:${ordinal}` (ordinal from 1). A run of one kind is one item; a change of kind or any tool
 *   event ends it, so text before and after a tool call never merges.
 * - `tool_call` / `tool_call_update` → tool call `${turnId}:tool:${toolCallId}` (see `ToolItem`).
 * - `usage_update` is kept for the turn's usage.
 * - The session-level kinds (plan, commands, mode, config, session info, compaction, notices) make no item.
 * An exhaustive switch over the ACP `sessionUpdate` kinds (ACP SDK 2.4); an unknown kind is logged once and skipped.
 * `complete()` ends the turn normally, `fail(code, message)` ends every open item with that error.
 */
export class TurnTranslator {
  private ordinal = 0;
  private text: OpenText | undefined;
  private readonly tools = new Map<string, ToolItem>();
  private readonly now: () => number;
  private readonly logger: Logger;
  private lastUsage: UsageUpdate | undefined;
  private ended = false;

  constructor(private readonly options: TurnTranslatorOptions) {
    this.now = options.now ?? Date.now;
    this.logger = options.logger ?? consoleLogger;
  }

  /** The latest ACP `usage_update` of the turn (`used` tokens in context, `size` of the window, optional cost). */
  get usage(): UsageUpdate | undefined {
    return this.lastUsage;
  }

  /** Applies one update; `receivedAt` (epoch ms) becomes the `sourceTimestamp` of what it produces. */
  apply(update: SessionUpdate, receivedAt = this.now()): void {
    if (this.ended) return;
    switch (update.sessionUpdate) {
      case "agent_message_chunk":
        this.appendText("message", contentBlockText(update.content), receivedAt);
        break;
      case "agent_thought_chunk":
        this.appendText("thinking", contentBlockText(update.content), receivedAt);
        break;
      case "user_message_chunk":
        this.userText(contentBlockText(update.content), receivedAt);
        break;
      case "tool_call":
        this.toolEvent(update, true, receivedAt);
        break;
      case "tool_call_update":
        this.toolEvent(update, false, receivedAt);
        break;
      case "usage_update":
        this.keepUsage(update);
        break;
      case "plan":
      case "available_commands_update":
      case "current_mode_update":
      case "config_option_update":
      case "session_info_update":
      case "compaction_summary_chunk":
      case "compaction_update":
      case "notice":
        break; // about the session, not an item of the turn (the session reads mode and config changes)
      default:
        unreachable(update, this.logger, "ACP session/update", "sessionUpdate");
        break;
    }
  }

  /** Ends the turn normally: the open text item completes; tools end as their last status says. */
  complete(): void {
    if (this.ended) return;
    this.ended = true;
    this.endText();
    for (const tool of this.tools.values()) tool.settle(this.now());
  }

  /**
   * Ends the turn abnormally (`CANCELLED`, `PROCESS_CRASH`, an API error code): every open item ends with
   * `status: "error"` and this code, keeping its content; tools that already reported their result keep it.
   */
  fail(errorCode: string, errorMessage: string): void {
    if (this.ended) return;
    this.ended = true;
    this.text?.batcher.destroy(errorCode, errorMessage);
    this.text = undefined;
    for (const tool of this.tools.values()) tool.abort(errorCode, errorMessage, this.now());
  }

  private appendText(type: TextType, delta: string, receivedAt: number): void {
    if (delta.length === 0) return;
    if (this.text?.type !== type) {
      this.endText();
      if (type !== "user") this.ordinal += 1;
      const itemId = type === "user" ? `${this.options.turnId}:user` : `${this.options.turnId}:${this.ordinal}`;
      const batcher = new ItemBatcher(
        (emission) => this.emitText(type, itemId, emission),
        type === "user" ? { ...this.options.batching, timeCapMs: 0 } : this.options.batching,
      );
      this.text = { type, itemId, batcher };
    }
    this.text.batcher.append(delta, receivedAt);
  }

  private keepUsage(update: UsageUpdate): void {
    this.lastUsage = update;
  }

  /** A replayed user message (history); a live turn's echo of the prompt makes no item. */
  private userText(delta: string, receivedAt: number): void {
    if (this.options.includeUserMessages) this.appendText("user", delta, receivedAt);
  }

  private endText(): void {
    this.text?.batcher.complete();
    this.text = undefined;
  }

  private emitText(type: TextType, itemId: string, emission: BatchEmission): void {
    const base = {
      turnId: this.options.turnId,
      sessionId: this.options.sessionId,
      itemId,
      sourceTimestamp: new Date(emission.sourceTime).toISOString(),
      emittedAt: new Date(this.now()).toISOString(),
      status: emission.status,
      content: emission.content,
      ...(emission.errorCode !== undefined ? { errorCode: emission.errorCode } : {}),
      ...(emission.errorMessage !== undefined ? { errorMessage: emission.errorMessage } : {}),
    };
    if (type === "thinking") this.options.emit({ ...base, type: "thinking", providerId: PROVIDER_ID });
    else this.options.emit({ ...base, type: "message", origin: type === "user" ? "user" : "agent" });
  }

  /** A tool event ends the open text run, then goes to the call's {@link ToolItem} (created at its first event). */
  private toolEvent(update: ToolCall | ToolCallUpdate, isStart: boolean, receivedAt: number): void {
    this.endText();
    let tool = this.tools.get(update.toolCallId);
    if (!tool) {
      tool = new ToolItem({
        itemId: `${this.options.turnId}:tool:${update.toolCallId}`,
        callId: update.toolCallId,
        turnId: this.options.turnId,
        sessionId: this.options.sessionId,
        emit: this.options.emit,
        now: this.now,
      });
      this.tools.set(update.toolCallId, tool);
    }
    tool.apply(update, isStart, receivedAt);
  }
}
