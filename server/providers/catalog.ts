// The one place providers are registered: one line per CLI, and the registry built from it.
import type { CliType } from "../../shared/contracts/index.js";
import { ClaudeCodeProvider, type ClaudeProviderConfig } from "./claude/index.js";
import { CodexProvider, type CodexProviderConfig } from "./codex/index.js";
import type { CliProvider } from "./provider.js";
import { ProviderRegistry } from "./registry.js";

/**
 * Every provider the app can drive, keyed by its `cliType`, each built from its own (optional) config. Adding a
 * provider is its folder plus one line here; the `satisfies` makes the keys exactly the `cliType` values of the
 * contract (`CliTypeSchema` in shared/contracts/ids.ts, where a new CLI is named on the wire).
 * Not exported from the seam's barrel (`./index.ts`): it loads every CLI's SDK, which only the composition roots
 * (server/app.ts, testing/app) need.
 */
export const PROVIDER_CATALOG = {
  "claude-code": (config: ClaudeProviderConfig = {}) => new ClaudeCodeProvider(config),
  codex: (config: CodexProviderConfig = {}) => new CodexProvider(config),
} satisfies { [K in CliType]: (config?: never) => CliProvider & { readonly cliType: K } };

/** Each catalogued provider's config type, by `cliType`. */
export type ProviderConfigs = { [K in keyof typeof PROVIDER_CATALOG]: Parameters<(typeof PROVIDER_CATALOG)[K]>[0] };

/**
 * A registry holding one provider per catalog line, built from `configs[cliType]` (a missing config gives the
 * provider's defaults: the user's own CLI setup). `only` limits it to some `cliType`s (default all, in catalog order).
 */
export function buildProviderRegistry(
  configs: Partial<ProviderConfigs> = {},
  only: readonly CliType[] = Object.keys(PROVIDER_CATALOG) as CliType[],
): ProviderRegistry {
  const registry = new ProviderRegistry();
  for (const cliType of only) registry.register(createProvider(cliType, configs));
  return registry;
}

function createProvider(cliType: CliType, configs: Partial<ProviderConfigs>): CliProvider {
  const create = PROVIDER_CATALOG[cliType] as (config?: ProviderConfigs[typeof cliType]) => CliProvider;
  return create(configs[cliType]);
}
