// Unit tests: the CLIs' model lists as ProviderModels (Claude Code's ModelInfo rows, codex-acp's config options).
import { describe, expect, it } from "vitest";
import { claudeModels } from "./claude/models.js";
import { codexModels } from "./codex/models.js";

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

describe("codexModels", () => {
  it("reads the model and thought_level select options, groups flattened", () => {
    const models = codexModels([
      {
        id: "model",
        name: "Model",
        category: "model",
        type: "select",
        currentValue: "b",
        options: [
          { group: "g", name: "G", options: [{ value: "a", name: "A", description: "first" }] },
          { group: "h", name: "H", options: [{ value: "b", name: "" }] },
        ],
      },
      {
        id: "reasoning_effort",
        name: "Reasoning Effort",
        category: "thought_level",
        type: "select",
        currentValue: "low",
        options: [{ value: "low", name: "Low" }],
      },
    ]);
    expect(models).toEqual({
      current: "b",
      models: [
        { id: "a", name: "A", description: "first" },
        { id: "b", name: "b" },
      ],
      effort: { current: "low", levels: [{ id: "low", name: "Low" }] },
    });
  });

  it("offers nothing when the agent has no model option", () => {
    expect(codexModels(undefined)).toEqual({ models: [] });
  });
});
