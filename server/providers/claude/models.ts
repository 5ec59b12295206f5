// Claude Code's model list (SDK `Query.supportedModels()`) as the provider's `ProviderModels`.
import type { EffortLevel, ModelInfo } from "@anthropic-ai/claude-agent-sdk";
import type { ModelChoice } from "../../../shared/contracts/index.js";
import type { ProviderModels } from "../provider.js";

const EFFORT_NAMES: Record<EffortLevel, string> = {
  low: "Low",
  medium: "Medium",
  high: "High",
  xhigh: "Extra high",
  max: "Max",
};

/** True when `value` is one of the SDK's `EffortLevel`s. */
export function isEffortLevel(value: string): value is EffortLevel {
  return Object.hasOwn(EFFORT_NAMES, value);
}

/** The row of `infos` that `model` names: its `value`, or the wire id its `resolvedModel` resolves to. */
function rowOf(infos: readonly ModelInfo[], model: string | undefined): ModelInfo | undefined {
  if (!model) return undefined;
  return infos.find((info) => info.value === model) ?? infos.find((info) => info.resolvedModel === model);
}

/**
 * `ProviderModels` from the SDK's `ModelInfo` rows: `id` = `value` (what `setModel` takes), `name` = `displayName`.
 * `current` is `chosen` (a model set through the app) when given, else the row of `reported` (the wire id of
 * `system:init`, matched through `resolvedModel`), else `reported` itself. `effort`: the current row's
 * `supportedEffortLevels` (when it `supportsEffort`), `current` = `chosenEffort`.
 */
export function claudeModels(
  infos: readonly ModelInfo[],
  state: { chosen?: string | undefined; reported?: string | undefined; chosenEffort?: string | undefined },
): ProviderModels {
  const models: ModelChoice[] = infos.map((info) => ({
    id: info.value,
    name: info.displayName || info.value,
    ...(info.description ? { description: info.description } : {}),
  }));
  const current = state.chosen ?? rowOf(infos, state.reported)?.value ?? state.reported;
  const row = rowOf(infos, current);
  const levels = row?.supportsEffort ? (row.supportedEffortLevels ?? []) : [];
  return {
    models,
    ...(current ? { current } : {}),
    ...(levels.length > 0
      ? {
          effort: {
            levels: levels.map((level) => ({ id: level, name: EFFORT_NAMES[level] ?? level })),
            ...(state.chosenEffort ? { current: state.chosenEffort } : {}),
          },
        }
      : {}),
  };
}
