// Parsing git's -z listings into the changed-file list the Changes view shows.
import { describe, expect, it } from "vitest";
import { mergeListings, parseNameStatus, parseNumstat } from "./diff-parse.js";

describe("the changed-file list", () => {
  it("pairs statuses with line counts, renames and copies with both paths, binary files without counts", () => {
    const names = [
      "M",
      "a.txt",
      "A",
      "new file.ts",
      "D",
      "gone.md",
      "R087",
      "old/x.ts",
      "new/x.ts",
      "C100",
      "a.txt",
      "b.txt",
      "T",
      "link",
      "A",
      "logo.png",
      "",
    ].join("\0");
    const counts = [
      "2\t1\ta.txt",
      "10\t0\tnew file.ts",
      "0\t4\tgone.md",
      "1\t1\t",
      "old/x.ts",
      "new/x.ts",
      "0\t0\t",
      "a.txt",
      "b.txt",
      "1\t1\tlink",
      "-\t-\tlogo.png",
      "",
    ].join("\0");
    expect(mergeListings(parseNameStatus(names), parseNumstat(counts))).toEqual([
      { path: "a.txt", status: "modified", additions: 2, deletions: 1, binary: false },
      { path: "b.txt", oldPath: "a.txt", status: "copied", additions: 0, deletions: 0, binary: false },
      { path: "gone.md", status: "deleted", additions: 0, deletions: 4, binary: false },
      { path: "link", status: "modified", additions: 1, deletions: 1, binary: false },
      { path: "logo.png", status: "added", additions: 0, deletions: 0, binary: true },
      { path: "new file.ts", status: "added", additions: 10, deletions: 0, binary: false },
      { path: "new/x.ts", oldPath: "old/x.ts", status: "renamed", additions: 1, deletions: 1, binary: false },
    ]);
  });

  it("is empty for no changes and refuses a truncated listing", () => {
    expect(mergeListings(parseNameStatus(""), parseNumstat(""))).toEqual([]);
    expect(() => parseNameStatus("R100\0only-old\0")).toThrow(/Truncated/);
    expect(() => parseNumstat("garbage\0")).toThrow(/Malformed/);
  });
});
