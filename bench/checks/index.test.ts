// Unit tests: choosing checks with --only.
import { describe, expect, it } from "vitest";
import { CHECKS, selectChecks } from "./index.js";

describe("selectChecks", () => {
  it("keeps registry order and refuses unknown names", () => {
    const names = selectChecks(["codex-load", "claude-startup"]).map((check) => check.name);
    expect(names).toEqual(["claude-startup", "codex-load"]);
    expect(() => selectChecks(["codex-lod"])).toThrow("Unknown check(s): codex-lod");
  });

  it("gives every check a unique name so --only is unambiguous", () => {
    const names = CHECKS.map((check) => check.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
