// A ProviderRegistry of two FakeProviders, one per cliType of the contract, for tests that run the real service.
import { ProviderRegistry } from "../../providers/index.js";
import { FakeProvider } from "./fake-provider.js";

/** A fresh fake Claude Code and fake Codex provider, and the registry holding both. */
export function fakeRegistry(): { claude: FakeProvider; codex: FakeProvider; registry: ProviderRegistry } {
  const claude = new FakeProvider("claude-code");
  const codex = new FakeProvider("codex");
  const registry = new ProviderRegistry();
  registry.register(claude);
  registry.register(codex);
  return { claude, codex, registry };
}
