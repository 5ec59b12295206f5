// Reads the parts of Claude Agent SDK messages the translator needs: tool results, usage, cost, API failures.
import type { SDKAssistantMessage, SDKResultMessage } from "@anthropic-ai/claude-agent-sdk";
import type { Usage } from "../../../shared/contracts/index.js";
import { isObject } from "../cli-json.js";
import { claudeApiErrorCode } from "./errors.js";

/** A turn failure: a turn error code and the CLI's words. */
export interface TurnFailure {
  code: string;
  message: string;
}

function field(record: unknown, key: string): unknown {
  return isObject(record) ? record[key] : undefined;
}

/**
 * The text of a `tool_result` block's `content` (Anthropic Messages API): a string as is; an array of blocks as its
 * `text` blocks joined by newlines, images as `[image]`; anything else as JSON.
 */
export function toolResultText(content: unknown): string {
  if (content === undefined || content === null) return "";
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content
      .map((block) => {
        if (field(block, "type") === "text") return String(field(block, "text") ?? "");
        if (field(block, "type") === "image") return "[image]";
        return JSON.stringify(block);
      })
      .join("\n");
  }
  return JSON.stringify(content);
}

/**
 * The turn's cost in US dollars. `total_cost_usd` is cumulative over the process's life, so the turn's share is the
 * sum of `model_usage_since_last_result[*].costUSD` when the CLI sends it, else the growth since `previousTotal`
 * (undefined when the earlier total is unknown, e.g. the first turn of a resumed session).
 */
export function turnCostUsd(result: SDKResultMessage, previousTotal: number | undefined): number | undefined {
  const sinceLast = field(result, "model_usage_since_last_result");
  if (isObject(sinceLast) && Object.keys(sinceLast).length > 0) {
    let sum = 0;
    for (const model of Object.values(sinceLast)) {
      const cost = field(model, "costUSD");
      if (typeof cost === "number") sum += cost;
    }
    return sum;
  }
  if (previousTotal === undefined || typeof result.total_cost_usd !== "number") return undefined;
  return Math.max(0, result.total_cost_usd - previousTotal);
}

/** Token usage of the turn from `result.usage` (per turn in streaming-input sessions) plus its cost. */
export function usageFromResult(result: SDKResultMessage, costUsd: number | undefined): Usage {
  const usage = result.usage as Partial<Record<string, unknown>> | undefined;
  const count = (key: string): number => {
    const value = usage?.[key];
    return typeof value === "number" && value >= 0 ? Math.round(value) : 0;
  };
  return {
    inputTokens: count("input_tokens"),
    outputTokens: count("output_tokens"),
    cacheReadInputTokens: count("cache_read_input_tokens"),
    cacheCreationInputTokens: count("cache_creation_input_tokens"),
    ...(costUsd === undefined ? {} : { costUsd }),
  };
}

/**
 * The failure a synthetic API-error `assistant` message announces (`error` set, `model: "<synthetic>"`, text
 * "API Error: …"), or undefined for a normal assistant message.
 */
export function syntheticApiFailure(message: SDKAssistantMessage): TurnFailure | undefined {
  const isApiError = field(message, "is_api_error_message") === true;
  if (message.error === undefined && !isApiError) return undefined;
  const text = message.message.content
    .map((block) => (block.type === "text" ? block.text : ""))
    .join("")
    .trim();
  return {
    code: claudeApiErrorCode({
      error: message.error,
      status: field(message, "api_error_status") as number | null | undefined,
      type: field(message, "api_error_type") as string | undefined,
      apiError: field(message, "api_error") as string | undefined,
    }),
    message: text || `Claude API error (${message.error ?? "unknown"})`,
  };
}

/** The failure an error `result` reports (`is_error`, or an `error_*` subtype), or undefined for success. */
export function resultFailure(result: SDKResultMessage): TurnFailure | undefined {
  if (result.subtype === "success" && !result.is_error) {
    if (result.stop_reason === "refusal") return { code: "REFUSAL", message: result.result || "The model refused." };
    return undefined;
  }
  const status = field(result, "api_error_status") as number | null | undefined;
  const type = field(result, "api_error_type") as string | undefined;
  const apiError = field(result, "api_error") as string | undefined;
  const message =
    result.subtype === "success"
      ? result.result
      : result.errors.join("; ") || `Claude Code ended the turn with ${result.subtype}`;
  const hasApiInfo = status !== undefined || type !== undefined || apiError !== undefined;
  return {
    code: hasApiInfo ? claudeApiErrorCode({ status, type, apiError }) : "PROTOCOL_ERROR",
    message: message || "Claude Code reported an error",
  };
}

/** `value` when it is a plain object, else `{}`. */
export function asRecord(value: unknown): Record<string, unknown> {
  return isObject(value) ? value : {};
}

/** The tool input streamed as `input_json_delta`s; `{}` when it is empty or not valid JSON (an interrupted stream). */
export function parseArguments(json: string): Record<string, unknown> {
  if (json.trim() === "") return {};
  try {
    return asRecord(JSON.parse(json));
  } catch {
    return {};
  }
}

/**
 * True for a result that answers another user message than `uuid`: the session sends each turn's message with
 * `uuid` = `turnId`, and the CLI stamps results with the uuids of the messages they answer (`user_message_uuids`,
 * older CLIs: `user_message_uuid`, neither: no check).
 */
export function answersOtherMessage(result: SDKResultMessage, uuid: string): boolean {
  const uuids = result.user_message_uuids ?? (result.user_message_uuid ? [result.user_message_uuid] : undefined);
  return uuids !== undefined && uuids.length > 0 && !uuids.includes(uuid);
}
