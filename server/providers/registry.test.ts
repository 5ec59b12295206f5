// ProviderRegistry resolves registered CLIs and refuses any other cliType with UNSUPPORTED_CLI_TYPE.
import { describe, expect, it } from "vitest";
import type { CliProvider } from "./provider.js";
import { isProviderError, ProviderError } from "./provider-error.js";
import { ProviderRegistry } from "./registry.js";

function fakeProvider(cliType: "claude-code" | "codex"): CliProvider {
  return { cliType } as CliProvider;
}

describe("ProviderRegistry", () => {
  it("resolves the provider registered for a cliType", () => {
    const registry = new ProviderRegistry();
    const claude = fakeProvider("claude-code");
    const codex = fakeProvider("codex");
    registry.register(claude);
    registry.register(codex);
    expect(registry.resolve("claude-code")).toBe(claude);
    expect(registry.resolve("codex")).toBe(codex);
  });

  it("throws UNSUPPORTED_CLI_TYPE for an unknown cliType such as gemini", () => {
    const registry = new ProviderRegistry();
    registry.register(fakeProvider("codex"));
    const attempt = () => registry.resolve("gemini");
    expect(attempt).toThrow(ProviderError);
    expect(attempt).toThrow(/gemini/);
    try {
      attempt();
    } catch (error) {
      expect(isProviderError(error, "UNSUPPORTED_CLI_TYPE")).toBe(true);
    }
  });

  it("throws UNSUPPORTED_CLI_TYPE for a known cliType nobody registered", () => {
    const registry = new ProviderRegistry();
    expect(() => registry.resolve("claude-code")).toThrow(expect.objectContaining({ code: "UNSUPPORTED_CLI_TYPE" }));
  });
});

describe("ProviderError", () => {
  it("keeps its code and the underlying cause", () => {
    const cause = new Error("spawn ENOENT");
    const error = new ProviderError("SESSION_CREATE_FAILED", "Could not start Codex: spawn ENOENT", { cause });
    expect(error.code).toBe("SESSION_CREATE_FAILED");
    expect(error.cause).toBe(cause);
    expect(error.message).toBe("Could not start Codex: spawn ENOENT");
    expect(isProviderError(error, "PROCESS_CRASH")).toBe(false);
  });
});
