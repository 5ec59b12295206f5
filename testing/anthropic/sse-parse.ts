// Parses Anthropic SSE text into events and folds an event list into the non-streaming message it describes.

/** One parsed SSE event: the `event:` name (or "message") and the JSON-parsed `data:` (raw string if not JSON). */
export interface ParsedSseEvent {
  event: string;
  data: unknown;
}

/** Splits SSE text (`event:` / `data:` lines, blank-line separated, LF or CRLF) into events. Comments are skipped. */
export function parseSse(text: string): ParsedSseEvent[] {
  const events: ParsedSseEvent[] = [];
  for (const chunk of text.replace(/\r\n?/g, "\n").split(/\n\n+/)) {
    let event = "message";
    const data: string[] = [];
    for (const line of chunk.split("\n")) {
      if (line.startsWith("event:")) event = line.slice(6).trim();
      else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
    }
    if (data.length === 0) continue;
    const joined = data.join("\n");
    let parsed: unknown = joined;
    try {
      parsed = JSON.parse(joined);
    } catch {
      // keep the raw string
    }
    events.push({ event, data: parsed });
  }
  return events;
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Folds Messages API stream events into the message they describe (as a non-streaming answer would carry it):
 * text/thinking/signature/input_json deltas are applied to their blocks, message_delta sets stop_reason and usage.
 * Returns undefined when there is no message_start.
 */
export function accumulateMessage(events: ParsedSseEvent[]): Json | undefined {
  let message: Json | undefined;
  const content: Json[] = [];
  const partialJson = new Map<number, string>();
  for (const { data } of events) {
    if (!isRecord(data)) continue;
    const index = typeof data.index === "number" ? data.index : -1;
    if (data.type === "message_start" && isRecord(data.message)) {
      message = { ...data.message };
    } else if (data.type === "content_block_start" && isRecord(data.content_block)) {
      content[index] = { ...data.content_block };
    } else if (data.type === "content_block_delta" && isRecord(data.delta) && content[index]) {
      const block = content[index];
      const d = data.delta;
      if (d.type === "text_delta") block.text = `${block.text ?? ""}${d.text}`;
      else if (d.type === "thinking_delta") block.thinking = `${block.thinking ?? ""}${d.thinking}`;
      else if (d.type === "signature_delta") block.signature = d.signature;
      else if (d.type === "input_json_delta") partialJson.set(index, (partialJson.get(index) ?? "") + d.partial_json);
    } else if (data.type === "content_block_stop" && content[index] && partialJson.has(index)) {
      try {
        content[index].input = JSON.parse(partialJson.get(index) || "{}");
      } catch {
        // leave the input as it started
      }
    } else if (data.type === "message_delta" && message) {
      if (isRecord(data.delta)) Object.assign(message, data.delta);
      if (isRecord(data.usage)) message.usage = { ...(isRecord(message.usage) ? message.usage : {}), ...data.usage };
    }
  }
  if (!message) return undefined;
  message.content = content.filter(Boolean);
  return message;
}
