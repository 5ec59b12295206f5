// Unit tests: the catalog builds one provider per contract cliType, each with its disk facet from its own config.
import path from "node:path";
import { expect, it } from "vitest";
import { CLI_TYPES } from "../../shared/contracts/index.js";
import { buildProviderRegistry } from "./catalog.js";
import type { CliProvider } from "./provider.js";
import { ProviderRegistry } from "./registry.js";

const never = (() => {
  throw new Error("no CLI is started in this test");
}) as never;

it("registers every cliType of the contract, with disk facets rooted in each provider's config", async () => {
  const registry = buildProviderRegistry({
    "claude-code": { configDir: "/tmp/lb-catalog/claude", queryFn: never, warmStart: false },
    codex: { codexHome: "/tmp/lb-catalog/codex", spawnAgent: never },
  });
  try {
    expect(registry.all().map((provider) => provider.cliType)).toEqual([...CLI_TYPES]);
    expect(registry.diskSessions().map((disk) => [disk.cliType, disk.roots])).toEqual([
      ["claude-code", [path.join("/tmp/lb-catalog/claude", "projects")]],
      ["codex", [path.join("/tmp/lb-catalog/codex", "sessions")]],
    ]);
  } finally {
    await registry.disposeAll();
  }
});

it("builds only the cliTypes asked for, and a registry leaves out providers without a disk facet", async () => {
  const registry = buildProviderRegistry({ codex: { codexHome: "/tmp/lb-catalog/codex", spawnAgent: never } }, [
    "codex",
  ]);
  expect(registry.all().map((provider) => provider.cliType)).toEqual(["codex"]);
  await registry.disposeAll();
  const bare = new ProviderRegistry();
  bare.register({ cliType: "claude-code" } as CliProvider);
  expect(bare.diskSessions()).toEqual([]);
});
