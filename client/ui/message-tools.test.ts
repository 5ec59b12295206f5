// When a user message counts as long (collapsed behind "Show all"): over 40 lines or over 10 KB.
import { describe, expect, it } from "vitest";
import { isLongMessage } from "./message-tools.js";

describe("isLongMessage", () => {
  it("collapses over 40 lines or over 10 KB, and nothing shorter", () => {
    expect(isLongMessage(Array.from({ length: 40 }, (_, i) => `line ${i}`).join("\n"))).toBe(false);
    expect(isLongMessage(Array.from({ length: 41 }, (_, i) => `line ${i}`).join("\n"))).toBe(true);
    expect(isLongMessage("x".repeat(10 * 1024))).toBe(false);
    expect(isLongMessage("x".repeat(10 * 1024 + 1))).toBe(true);
    expect(isLongMessage("")).toBe(false);
  });
});
