// Unit tests: the model pickers' rules.
import { describe, expect, it } from "vitest";
import type { SessionSummary } from "../../shared/contracts/index.js";
import { MODEL_BETWEEN_TURNS, modelLabel, modelOptions, modelPickerBlocked } from "./models.js";

const session = (state: SessionSummary["state"]): SessionSummary => ({
  sessionId: "s1",
  cliType: "codex",
  projectId: "p1",
  title: "t",
  state,
  lastActiveAt: "2026-01-01T00:00:00.000Z",
});

describe("modelPickerBlocked", () => {
  it("blocks during a turn with the reason, and while starting, busy or unlisted", () => {
    expect(modelPickerBlocked(session("running"), false, true)).toBe(MODEL_BETWEEN_TURNS);
    expect(modelPickerBlocked(session("starting"), false, true)).toMatch(/starting/);
    expect(modelPickerBlocked(session("idle"), true, true)).toMatch(/Changing/);
    expect(modelPickerBlocked(session("idle"), false, false)).toMatch(/Asking/);
  });

  it("allows a change between turns, also of a sleeping or ended session (it applies on the next start)", () => {
    expect(modelPickerBlocked(session("idle"), false, true)).toBeNull();
    expect(modelPickerBlocked(session("sleeping"), false, true)).toBeNull();
    expect(modelPickerBlocked(session("dead"), false, true)).toBeNull();
  });
});

describe("modelOptions and modelLabel", () => {
  const models = [
    { id: "opus", name: "Opus" },
    { id: "gpt-5.4", name: "gpt-5.4" },
  ];

  it("keeps the CLI's order and puts an unlisted current model first", () => {
    expect(modelOptions(models, "opus").map((m) => m.id)).toEqual(["opus", "gpt-5.4"]);
    expect(modelOptions(models, "claude-opus-5-5").map((m) => m.id)).toEqual(["claude-opus-5-5", "opus", "gpt-5.4"]);
  });

  it("names a model by its name and id, or by its id alone", () => {
    expect(modelLabel(models, "opus")).toBe("Opus (opus)");
    expect(modelLabel(models, "gpt-5.4")).toBe("gpt-5.4");
    expect(modelLabel(models, "x")).toBe("x");
  });
});
