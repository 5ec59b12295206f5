// The default branch names of worktree sessions.
import { describe, expect, it } from "vitest";
import { defaultBranchName } from "./branch-names.js";

const fixed =
  (...bytes: number[]) =>
  () =>
    Uint8Array.from(bytes);

describe("a default branch name", () => {
  it("is lb/<slug of the hint>-<4 characters>, safe for git and a folder", () => {
    expect(defaultBranchName("claude-code", fixed(0, 1, 2, 3))).toBe("lb/claude-code-abcd");
    expect(defaultBranchName("  My Fancy CLI!!  ", fixed(31, 30, 29, 28))).toBe("lb/my-fancy-cli-9876");
    expect(defaultBranchName("", fixed(0, 0, 0, 0))).toBe("lb/session-aaaa");
    expect(defaultBranchName("a-very-long-hint-that-goes-on-and-on", fixed(0, 0, 0, 0))).toBe(
      "lb/a-very-long-hint-tha-aaaa",
    );
  });

  it("differs between calls with real randomness", () => {
    const names = new Set(Array.from({ length: 50 }, () => defaultBranchName("codex")));
    expect(names.size).toBeGreaterThan(45);
  });
});
