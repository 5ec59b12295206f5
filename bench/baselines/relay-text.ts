// What the direct relay sends its page: every raw CLI event (unbatched, the floor), or the agent text deltas pulled out
// of them and batched by the providers' own ItemBatcher (CONTRACTS.md section 4), one batcher per text block.
import type { SessionNotification } from "@agentclientprotocol/sdk";
import type { SDKMessage } from "@anthropic-ai/claude-agent-sdk";
import { type BatchEmission, type BatchingOptions, ItemBatcher } from "../../server/providers/batching.js";

/**
 * What the batched relay sends the page for one emission of a text block: the block's whole text so far (never a
 * delta), with the upsert timestamps our providers stamp (ISO 8601), so the page can put them into its mark.
 */
export interface RelayTextMessage {
  type: "text";
  /** The block within the turn: Claude `<message ordinal>:<content index>`, Codex `<run ordinal>`. */
  block: string;
  status: BatchEmission["status"];
  content: string;
  /** When the newest CLI event this emission includes reached the relay. */
  sourceTimestamp: string;
  /** When the relay emitted it. */
  emittedAt: string;
}

/**
 * Turns one CLI session's raw events into batched text messages. Claude (SDK messages of the main agent, no
 * `parent_tool_use_id`): `message_start` opens the next message, a text `content_block_start` or the first
 * `text_delta` of an index opens a batcher for that block, `text_delta` appends; the block completes at whichever
 * comes first of the `assistant` message carrying its text (the CLI sends it just before `content_block_stop`, and
 * our translator completes there) and its `content_block_stop`.
 * Codex (ACP `session/update`): a run of `agent_message_chunk` texts is one batcher; a thought chunk or a tool event
 * completes it. {@link endTurn} completes whatever is open (before the relay reports the turn's end). Each delta
 * enters the batcher with the time it reached the relay, as our providers stamp it on arrival.
 */
export class RelayTextBatcher {
  private readonly open = new Map<string, ItemBatcher>();
  private message = 0;
  private codexRun = 0;

  /**
   * @param send receives every emission as a {@link RelayTextMessage}, in order.
   * @param batching the rule's tuning; `{}` = the defaults our server runs with (`DEFAULT_BATCHING`).
   * @param now epoch ms, for `emittedAt` (default `Date.now`).
   */
  constructor(
    private readonly send: (message: RelayTextMessage) => void,
    private readonly batching: BatchingOptions = {},
    private readonly now: () => number = Date.now,
  ) {}

  /** Applies one raw SDK message of Claude Code. */
  claude(message: SDKMessage): void {
    if (message.type === "assistant" && message.parent_tool_use_id === null) {
      for (const block of message.message.content) if (block.type === "text") this.finishLatestOfMessage();
      return;
    }
    if (message.type !== "stream_event" || message.parent_tool_use_id !== null) return;
    const event = message.event;
    if (event.type === "message_start") {
      this.message += 1;
    } else if (event.type === "content_block_start" && event.content_block.type === "text") {
      const text = event.content_block.text;
      const batcher = this.batcherOf(`${this.message}:${event.index}`);
      if (text) batcher.append(text, this.now());
    } else if (event.type === "content_block_delta" && event.delta.type === "text_delta") {
      this.batcherOf(`${this.message}:${event.index}`).append(event.delta.text, this.now());
    } else if (event.type === "content_block_stop") {
      this.finish(`${this.message}:${event.index}`);
    }
  }

  /** Applies one ACP `session/update` notification of codex-acp. */
  codex(notification: SessionNotification): void {
    const update = notification.update;
    switch (update.sessionUpdate) {
      case "agent_message_chunk":
        if (update.content.type === "text") {
          this.batcherOf(String(this.codexRun)).append(update.content.text, this.now());
        }
        break;
      case "agent_thought_chunk":
      case "tool_call":
      case "tool_call_update":
        this.finish(String(this.codexRun));
        this.codexRun += 1;
        break;
      default:
        break; // usage, plan, session-level kinds: no effect on the text runs (as in our translator)
    }
  }

  /** Completes every open block (the turn ended); the next turn starts its blocks afresh. */
  endTurn(): void {
    for (const key of [...this.open.keys()]) this.finish(key);
    this.message = 0;
    this.codexRun = 0;
  }

  private batcherOf(block: string): ItemBatcher {
    let batcher = this.open.get(block);
    if (!batcher) {
      batcher = new ItemBatcher(
        (emission) =>
          this.send({
            type: "text",
            block,
            status: emission.status,
            content: emission.content,
            sourceTimestamp: new Date(emission.sourceTime).toISOString(),
            emittedAt: new Date(this.now()).toISOString(),
          }),
        this.batching,
      );
      this.open.set(block, batcher);
    }
    return batcher;
  }

  /** The latest open block of the current Claude message (the one an `assistant` text block finishes). */
  private finishLatestOfMessage(): void {
    const prefix = `${this.message}:`;
    const latest = [...this.open.keys()].reverse().find((key) => key.startsWith(prefix));
    if (latest !== undefined) this.finish(latest);
  }

  private finish(block: string): void {
    this.open.get(block)?.complete();
    this.open.delete(block);
  }
}

/** Sends one message to every connected page (JSON). */
export type Emit = (message: Record<string, unknown>) => void;

/** Where a source puts what the CLI produced. */
export interface RelaySink {
  claude(message: SDKMessage): void;
  codex(notification: SessionNotification): void;
  /** The turn ended (Claude `result`, Codex `session/prompt` answered). */
  end(): void;
  error(message: string): void;
}

/**
 * The sink of one relay session. `batching: false` (unbatched): every raw event goes out as
 * `{ type: "raw", cli, event }` and the page extracts the text itself. Otherwise (batched with that tuning, `{}` =
 * the defaults): a {@link RelayTextBatcher} turns the events into {@link RelayTextMessage}s, and `end` completes the
 * open blocks before it sends `{ type: "end" }`. `error(message)` sends `{ type: "error", message }` in both modes.
 */
export function relaySink(emit: Emit, batching: BatchingOptions | false): RelaySink {
  const error = (message: string) => emit({ type: "error", message });
  if (batching === false) {
    return {
      claude: (event) => emit({ type: "raw", cli: "claude", event }),
      codex: (event) => emit({ type: "raw", cli: "codex", event }),
      end: () => emit({ type: "end" }),
      error,
    };
  }
  const text = new RelayTextBatcher((message) => emit({ ...message }), batching);
  return {
    claude: (event) => text.claude(event),
    codex: (event) => text.codex(event),
    end() {
      text.endTurn();
      emit({ type: "end" });
    },
    error,
  };
}
