// Translates one Claude turn's Agent SDK messages into upserts (CONTRACTS.md sections 1, 2): one switch per event family.
import type {
  SDKAssistantMessage,
  SDKMessage,
  SDKPartialAssistantMessage,
  SDKResultMessage,
  SDKUserMessage,
} from "@anthropic-ai/claude-agent-sdk";
import type { UpsertObject } from "../../../shared/contracts/index.js";
import { consoleLogger, type Logger, unreachable } from "../../../shared/util/index.js";
import type { BatchingOptions } from "../batching.js";
import { AssistantBlocks } from "./assistant-blocks.js";
import { answersOtherMessage, syntheticApiFailure, type TurnFailure, toolResultText } from "./sdk-content.js";
import { TurnItems } from "./turn-items.js";

/** Options of a Claude {@link TurnTranslator}. */
export interface TurnTranslatorOptions {
  /** The turn the upserts belong to (also the uuid of the turn's user message). */
  turnId: string;
  /** The app's session id stamped on every upsert. */
  sessionId: string;
  /** Receives every upsert, in order (CONTRACTS.md section 2). */
  emit: (upsert: UpsertObject) => void;
  /** Batching of text and thinking items (CONTRACTS.md section 4). */
  batching?: BatchingOptions;
  /** Clock for `emittedAt` (epoch ms); default `Date.now`. */
  now?: () => number;
  /** Where an unknown SDK message, stream event, block or delta type is reported (once per type); default console. */
  logger?: Logger;
  /** True while the turn is being cancelled: ended text/thinking blocks then stay open, to end as `CANCELLED`. */
  cancelRequested: () => boolean;
  /**
   * Called before the translator applies anything of the turn (`turn_started` is then due), with the model when the
   * message is `system:init`.
   */
  onStarted: (modelId?: string) => void;
  /** Called with the turn's SDK `result` (never with one that answers another user message): the turn ends. */
  onResult: (result: SDKResultMessage) => void;
}

/**
 * SDK message types Claude Code sends that the SDK's `SDKMessage` union does not name (seen with Claude Code 2.1.x:
 * `command_lifecycle`, the lifecycle frames of queued user messages); they carry nothing for the turn's items.
 */
const UNTYPED_MESSAGES: ReadonlySet<string> = new Set(["command_lifecycle"]);

/**
 * The upserts of one Claude turn, from its SDK messages (an exhaustive switch over `SDKMessage.type`):
 * - `stream_event` and `assistant` carry content blocks, which become items through {@link AssistantBlocks} (ids
 *   `${turnId}:${messageOrdinal}:${blockIndex}`); a synthetic API-error `assistant` becomes {@link apiFailure};
 * - `user` carries `tool_result`s, which end their tool calls through {@link TurnItems};
 * - `system:init` names the model; `result` goes to `onResult` (the turn decides how it ends);
 * - the other SDK message types (and the untyped `command_lifecycle`) carry nothing for the turn's items.
 * `complete()` ends the turn's items normally, `fail(code, message)` ends every open item with that error.
 */
export class TurnTranslator {
  private readonly items: TurnItems;
  private readonly blocks: AssistantBlocks;
  private readonly logger: Logger;
  private failure: TurnFailure | undefined;

  constructor(private readonly options: TurnTranslatorOptions) {
    this.logger = options.logger ?? consoleLogger;
    this.items = new TurnItems({
      turnId: options.turnId,
      sessionId: options.sessionId,
      now: options.now ?? Date.now,
      emit: options.emit,
      batching: options.batching,
    });
    this.blocks = new AssistantBlocks(this.items, options.cancelRequested, this.logger);
  }

  /** The failure a synthetic API-error `assistant` message of this turn announced, if any. */
  get apiFailure(): TurnFailure | undefined {
    return this.failure;
  }

  /** Applies one SDK message; `receivedAt` (epoch ms) becomes the `sourceTimestamp` of what it produces. */
  apply(message: SDKMessage, receivedAt: number): void {
    if (UNTYPED_MESSAGES.has(message.type)) return;
    switch (message.type) {
      case "system":
        this.onSystem(message);
        break;
      case "stream_event":
        this.onStreamEvent(message, receivedAt);
        break;
      case "assistant":
        this.onAssistant(message, receivedAt);
        break;
      case "user":
        this.onUser(message as SDKUserMessage, receivedAt);
        break;
      case "result":
        this.onResult(message);
        break;
      case "auth_status":
      case "conversation_reset":
      case "prompt_suggestion":
      case "rate_limit_event":
      case "tool_progress":
      case "tool_use_summary":
        break; // status and suggestions around the turn: nothing the turn's items show
      default:
        unreachable(message, this.logger, "Claude SDK message");
        break;
    }
  }

  /** Ends the turn's items normally: open text/thinking complete; a tool call still without a result is an error. */
  complete(): void {
    this.items.completeContent();
    this.items.endOpen("PROTOCOL_ERROR", "The tool call ended without a result");
  }

  /** Ends every open item with `error` (`code`, `message`), keeping its content so far (cancel, crash, API error). */
  fail(code: string, message: string): void {
    this.items.endOpen(code, message);
  }

  /** `system:init` names the model; the other `system` subtypes (status, hooks, tasks, …) make no item. */
  private onSystem(message: Extract<SDKMessage, { type: "system" }>): void {
    if (message.subtype === "init") this.options.onStarted(message.model);
  }

  private onStreamEvent(message: SDKPartialAssistantMessage, at: number): void {
    this.options.onStarted();
    this.blocks.onStreamEvent(message, at);
  }

  private onAssistant(message: SDKAssistantMessage, at: number): void {
    this.options.onStarted();
    const failure = syntheticApiFailure(message);
    if (failure) this.failure = failure;
    else this.blocks.onAssistant(message, at);
  }

  /** The `tool_result` blocks end their calls; the user's other content (text notices, images) makes no item. */
  private onUser(message: SDKUserMessage, at: number): void {
    const content = message.message.content;
    if (!Array.isArray(content)) return;
    const parent = message.parent_tool_use_id ?? undefined;
    for (const block of content) {
      if (block.type !== "tool_result") continue;
      this.options.onStarted();
      this.items.finishTool(block.tool_use_id, toolResultText(block.content), block.is_error === true, parent, at);
    }
  }

  private onResult(result: SDKResultMessage): void {
    if (!answersOtherMessage(result, this.options.turnId)) this.options.onResult(result);
  }
}
