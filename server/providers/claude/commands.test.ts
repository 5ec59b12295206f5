// Unit tests: Claude Code's SlashCommand rows become `{ name, description }` the way `/name` resolves them.
import { describe, expect, it } from "vitest";
import { toInfos } from "./commands.js";

describe("toInfos", () => {
  it("keeps the CLI's order, drops a leading slash, and keeps the built-in row of a shared name", () => {
    expect(
      toInfos([
        { name: "review", description: "project review", argumentHint: "" },
        { name: "/compact", description: "Free up context", argumentHint: "", builtin: true },
        { name: "review", description: "built-in review", argumentHint: "", builtin: true },
        { name: "", description: "nameless", argumentHint: "" },
      ]),
    ).toEqual([
      { name: "review", description: "built-in review" },
      { name: "compact", description: "Free up context" },
    ]);
  });
});
