// What tool calls show: shell commands, diffs from Claude and Codex argument shapes, and line diffs themselves.
import { describe, expect, it } from "vitest";
import { collapseContext, type DiffLine, diffLines, parsePatch } from "./diff.js";
import { shellCommand, toolDiffs } from "./tool-view.js";

const signs = (lines: DiffLine[]) =>
  lines.map((l) => `${{ add: "+", del: "-", ctx: " ", hunk: "@" }[l.kind]}${l.text}`);

describe("diffLines", () => {
  it("marks removed and added lines around unchanged ones", () => {
    expect(signs(diffLines("a\nb\nc\n", "a\nB\nc\nd\n"))).toEqual([" a", "-b", "+B", " c", "+d"]);
  });

  it("collapses long unchanged runs to three lines of context", () => {
    const old = Array.from({ length: 20 }, (_, i) => `line ${i}`).join("\n");
    const lines = diffLines(old, old.replace("line 10", "LINE 10"));
    expect(signs(lines)).toEqual([
      "@… 7 unchanged lines",
      " line 7",
      " line 8",
      " line 9",
      "-line 10",
      "+LINE 10",
      " line 11",
      " line 12",
      " line 13",
      "@… 6 unchanged lines",
    ]);
  });

  it("keeps short unchanged runs whole", () => {
    const lines: DiffLine[] = [
      { kind: "del", text: "x" },
      ...["1", "2", "3"].map((text) => ({ kind: "ctx" as const, text })),
      { kind: "add", text: "y" },
    ];
    expect(collapseContext(lines)).toEqual(lines);
  });
});

describe("parsePatch", () => {
  it("reads an apply_patch body: headers as hunk lines, +/- as added/deleted", () => {
    const patch = "*** Begin Patch\n*** Update File: a.ts\n@@\n-old\n+new\n same\n*** End Patch";
    expect(signs(parsePatch(patch))).toEqual([
      "@*** Begin Patch",
      "@*** Update File: a.ts",
      "@@@",
      "-old",
      "+new",
      " same",
      "@*** End Patch",
    ]);
  });
});

describe("toolDiffs", () => {
  it("reads Claude Edit { file_path, old_string, new_string }", () => {
    const [diff] = toolDiffs({
      toolName: "Edit",
      toolArguments: { file_path: "/p/a.ts", old_string: "x = 1", new_string: "x = 2" },
    });
    expect(diff?.path).toBe("/p/a.ts");
    expect(signs(diff?.lines ?? [])).toEqual(["-x = 1", "+x = 2"]);
  });

  it("reads Claude MultiEdit edits as one diff each", () => {
    const diffs = toolDiffs({
      toolName: "MultiEdit",
      toolArguments: {
        file_path: "f",
        edits: [
          { old_string: "a", new_string: "b" },
          { old_string: "c", new_string: "d" },
        ],
      },
    });
    expect(diffs.map((d) => signs(d.lines))).toEqual([
      ["-a", "+b"],
      ["-c", "+d"],
    ]);
  });

  it("shows Claude Write { file_path, content } as all-added lines", () => {
    const [diff] = toolDiffs({ toolName: "Write", toolArguments: { file_path: "new.md", content: "# Title\ntext\n" } });
    expect(signs(diff?.lines ?? [])).toEqual(["+# Title", "+text"]);
  });

  it("reads Codex changes (add / update with a unified diff) and ACP { path, oldText, newText }", () => {
    const codex = toolDiffs({
      toolName: "apply_patch",
      toolArguments: {
        changes: {
          "a.txt": { type: "add", content: "hi\n" },
          "b.txt": { update: { unified_diff: "@@ -1 +1 @@\n-x\n+y\n" } },
        },
      },
    });
    expect(codex.map((d) => [d.path, signs(d.lines)])).toEqual([
      ["a.txt", ["+hi"]],
      ["b.txt", ["@@@ -1 +1 @@", "-x", "+y"]],
    ]);
    const acp = toolDiffs({
      toolName: "edit",
      kind: "edit",
      toolArguments: { path: "c.txt", oldText: "1", newText: "2" },
    });
    expect(acp.map((d) => [d.path, signs(d.lines)])).toEqual([["c.txt", ["-1", "+2"]]]);
  });

  it("reads a patch text in the arguments", () => {
    const [diff] = toolDiffs({
      toolName: "apply_patch",
      toolArguments: { input: "*** Begin Patch\n*** Add File: x\n+hello\n*** End Patch" },
    });
    expect(signs(diff?.lines ?? [])).toContain("+hello");
  });

  it("finds nothing in arguments that describe no edit", () => {
    expect(toolDiffs({ toolName: "Read", toolArguments: { file_path: "a.ts" } })).toEqual([]);
  });
});

describe("shellCommand", () => {
  it("reads Claude Bash, Codex exec_command and ACP execute shapes", () => {
    expect(shellCommand({ toolName: "Bash", toolArguments: { command: "ls -la", description: "List" } })).toBe(
      "ls -la",
    );
    expect(shellCommand({ toolName: "exec_command", toolArguments: { cmd: "echo hi" } })).toBe("echo hi");
    expect(
      shellCommand({ toolName: "Run echo", kind: "execute", toolArguments: { command: ["bash", "-lc", "echo hi"] } }),
    ).toBe("echo hi");
    expect(shellCommand({ toolName: "shell", toolArguments: { command: ["git", "commit", "-m", "a b"] } })).toBe(
      "git commit -m 'a b'",
    );
  });

  it("is undefined for tools that are not shells", () => {
    expect(shellCommand({ toolName: "Grep", toolArguments: { command: "not a shell" } })).toBeUndefined();
  });
});
