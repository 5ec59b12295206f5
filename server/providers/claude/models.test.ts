// Unit tests: Claude Code's model list (SDK ModelInfo rows) as ProviderModels.
import { describe, expect, it } from "vitest";
import { claudeModels } from "./models.js";

describe("claudeModels", () => {
  const rows = [
    { value: "default", displayName: "Default (recommended)", description: "Use the default model" },
    {
      value: "opus",
      resolvedModel: "claude-opus-5-5",
      displayName: "Opus",
      description: "",
      supportsEffort: true,
      supportedEffortLevels: ["low", "high"] as ("low" | "high")[],
    },
  ];

  it("maps value/displayName/description and finds the current row through the reported wire id", () => {
    const models = claudeModels(rows, { reported: "claude-opus-5-5" });
    expect(models.models).toEqual([
      { id: "default", name: "Default (recommended)", description: "Use the default model" },
      { id: "opus", name: "Opus" },
    ]);
    expect(models.current).toBe("opus");
    expect(models.effort).toEqual({
      levels: [
        { id: "low", name: "Low" },
        { id: "high", name: "High" },
      ],
    });
  });

  it("prefers the model chosen in the app, and has no effort for a model without effort levels", () => {
    const models = claudeModels(rows, { chosen: "default", reported: "claude-opus-5-5", chosenEffort: "low" });
    expect(models.current).toBe("default");
    expect(models.effort).toBeUndefined();
  });
});
