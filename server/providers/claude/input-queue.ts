// A long-lived async queue of user messages: the streaming-input `prompt` of one session's `query()`.
import type { UUID } from "node:crypto";
import type { SDKUserMessage } from "@anthropic-ai/claude-agent-sdk";
import type { MessageImage } from "../provider.js";

/**
 * An endless `AsyncIterable<T>` fed by `push`: the SDK reads it for the whole life of the CLI process, so one
 * process serves every turn. `end()` finishes the iteration (the CLI then sees end of input and exits).
 * Single consumer: iterate it once.
 */
export class InputQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | undefined;
  private ended = false;

  /** Number of pushed items not yet taken by the consumer. */
  get pending(): number {
    return this.items.length;
  }

  /** True once `end()` was called. */
  get isEnded(): boolean {
    return this.ended;
  }

  /** Adds one item; ignored after `end()`. */
  push(item: T): void {
    if (this.ended) return;
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = undefined;
      waiting({ value: item, done: false });
    } else {
      this.items.push(item);
    }
  }

  /** Ends the iteration once the queued items are taken. Idempotent. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        const item = this.items.shift();
        if (item !== undefined) return Promise.resolve({ value: item, done: false });
        if (this.ended) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => {
          this.waiting = resolve;
        });
      },
      return: () => {
        this.end();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}

/**
 * The SDK user message for one turn's text, as streaming input expects it (CLI-NOTES.md):
 * `{ type: "user", message: { role: "user", content }, parent_tool_use_id: null, session_id: "" }`, plus `uuid`
 * (a UUID; the CLI stamps the turn's `result` with it as `user_message_uuids`). With `images`, `content` is a list of
 * Messages API blocks instead: one `{ type: "image", source: { type: "base64", media_type, data } }` per image, in
 * order, then `{ type: "text", text }` (left out when the text is "").
 */
export function userMessage(content: string, uuid?: string, images: readonly MessageImage[] = []): SDKUserMessage {
  const blocks = [
    ...images.map((image) => ({
      type: "image" as const,
      source: { type: "base64" as const, media_type: image.mediaType, data: image.data },
    })),
    ...(content === "" ? [] : [{ type: "text" as const, text: content }]),
  ];
  const message: SDKUserMessage = {
    type: "user",
    message: { role: "user", content: images.length === 0 ? content : blocks },
    parent_tool_use_id: null,
    session_id: "",
  };
  if (uuid !== undefined) message.uuid = uuid as UUID;
  return message;
}
