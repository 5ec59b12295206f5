// codex-acp's model and reasoning effort (ACP session config options) as the provider's `ProviderModels`.
import type { SessionConfigOption, SessionConfigSelectOption } from "@agentclientprotocol/sdk";
import type { ModelChoice } from "../../../shared/contracts/index.js";
import type { ProviderModels } from "../provider.js";

/** A `select` config option (flat or grouped values), or undefined for another kind. */
type SelectOption = Extract<SessionConfigOption, { type: "select" }>;

/** The config option of `category` (codex-acp 0.16: `model` → id `model`, `thought_level` → `reasoning_effort`). */
export function configOptionOf(
  options: readonly SessionConfigOption[] | null | undefined,
  category: "model" | "thought_level",
): SelectOption | undefined {
  const found = options?.find((o) => o.category === category) ?? options?.find((o) => o.id === category);
  return found?.type === "select" ? found : undefined;
}

/** Every value of a select option, groups flattened, in the agent's order. */
function valuesOf(option: SelectOption): ModelChoice[] {
  const values: SessionConfigSelectOption[] = [];
  for (const entry of option.options) {
    if ("group" in entry) values.push(...entry.options);
    else values.push(entry);
  }
  return values.map((v) => ({
    id: v.value,
    name: v.name || v.value,
    ...(v.description ? { description: v.description } : {}),
  }));
}

/**
 * `ProviderModels` from a session's config options (the `session/new` / `session/load` answer, `session/set_config_option`
 * answers and `config_option_update`s): the `model` option's values and `currentValue`, the `thought_level` option's
 * as `effort`. `{ models: [] }` when the agent offers no model option.
 */
export function codexModels(options: readonly SessionConfigOption[] | null | undefined): ProviderModels {
  const model = configOptionOf(options, "model");
  const effort = configOptionOf(options, "thought_level");
  return {
    models: model ? valuesOf(model) : [],
    ...(model?.currentValue ? { current: model.currentValue } : {}),
    ...(effort
      ? { effort: { levels: valuesOf(effort), ...(effort.currentValue ? { current: effort.currentValue } : {}) } }
      : {}),
  };
}
