// Unit tests: codex-acp's model and reasoning effort config options as ProviderModels.
import { describe, expect, it } from "vitest";
import { codexModels } from "./models.js";

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
