// Reads the model and the turn's token usage out of codex-acp's ACP responses and updates.
import type { SessionConfigOption, UsageUpdate } from "@agentclientprotocol/sdk";
import type { Usage } from "../../../shared/contracts/index.js";

/**
 * The current model from a session's `configOptions` (codex-acp: `{ id: "model", category: "model", type: "select",
 * currentValue: "gpt-5.4" }`), or undefined.
 */
export function modelIdOf(configOptions: readonly SessionConfigOption[] | null | undefined): string | undefined {
  const option = configOptions?.find((o) => o.category === "model" || o.id === "model");
  const value = (option as { currentValue?: unknown } | undefined)?.currentValue;
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** ACP's unstable per-turn `PromptResponse.usage` (totals across the session), if an agent sends it. */
interface PromptUsage {
  inputTokens?: number;
  outputTokens?: number;
  cachedReadTokens?: number | null;
  cachedWriteTokens?: number | null;
}

function tokens(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;
}

/**
 * The turn's `Usage` (CONTRACTS.md section 3).
 * - When the `session/prompt` response carries ACP's (unstable) `usage`, its input / output / cache counts are used.
 * - Plus the turn's last `usage_update { used, size, cost? }` (what codex-acp 0.16 sends): the tokens now in the
 *   context window and its size, as `contextUsedTokens` / `contextWindowTokens`; with no per-turn counts,
 *   `inputTokens` and `outputTokens` are 0 (ACP does not report them).
 * `costUsd` comes from `usage_update.cost` when its currency is USD. Undefined when the agent reported nothing.
 */
export function turnUsage(promptResponse: unknown, update: UsageUpdate | undefined): Usage | undefined {
  const reported = (promptResponse as { usage?: PromptUsage | null } | null)?.usage;
  let usage: Usage | undefined;
  if (reported && tokens(reported.inputTokens) !== undefined) {
    usage = { inputTokens: tokens(reported.inputTokens) ?? 0, outputTokens: tokens(reported.outputTokens) ?? 0 };
    const cacheRead = tokens(reported.cachedReadTokens);
    const cacheWrite = tokens(reported.cachedWriteTokens);
    if (cacheRead !== undefined) usage.cacheReadInputTokens = cacheRead;
    if (cacheWrite !== undefined) usage.cacheCreationInputTokens = cacheWrite;
  }
  const used = tokens(update?.used);
  if (update && used !== undefined) {
    // What codex-acp reports: the context window's fill after the turn, not the turn's own tokens.
    usage ??= { inputTokens: 0, outputTokens: 0 };
    usage.contextUsedTokens = used;
    const size = tokens(update.size);
    if (size !== undefined && size > 0) usage.contextWindowTokens = size;
  }
  if (usage && update?.cost && update.cost.currency.toUpperCase() === "USD" && update.cost.amount >= 0) {
    usage.costUsd = update.cost.amount;
  }
  return usage;
}
