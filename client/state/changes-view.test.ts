// Unit tests: what the Changes panel, the sidebar row and the header say — summaries, results, errors in words, the
// collapsed-diff threshold and the Discard confirmation naming what is lost.
import { describe, expect, it } from "vitest";
import type { ChangesResponse, SessionSummary, Workspace } from "../../shared/contracts/index.js";
import {
  actionErrorOf,
  branchText,
  COLLAPSED_DIFF_LINES,
  changeSummaryText,
  committedText,
  defaultCommitMessage,
  diffIsHuge,
  diffLineCount,
  discardWarning,
  listTotalsText,
  mergeBlockedHint,
  mergedText,
  showDiffLabel,
  workspaceStateText,
} from "./changes-view.js";

const worktree: Workspace = { kind: "worktree", path: "/data/worktrees/app/lb/x", branch: "lb/x", base: "main" };
const changes = (uncommitted: number): ChangesResponse => ({ base: "b", head: "h", files: [], uncommitted });

describe("a worktree session's branch and summary", () => {
  it("reads as files and +/− lines, or says there are none", () => {
    expect(changeSummaryText({ files: 3, additions: 12, deletions: 4 })).toBe("3 files +12 −4");
    expect(changeSummaryText({ files: 1, additions: 0, deletions: 2 })).toBe("1 file +0 −2");
    expect(changeSummaryText({ files: 0, additions: 0, deletions: 0 })).toBe("no changes");
    expect(changeSummaryText(undefined)).toBe("");
  });

  it("names the branch of a worktree only, and says when its folder is missing", () => {
    expect(branchText({ ...worktree, branch: "lb/claude-x7k2" })).toBe("⎇ lb/claude-x7k2");
    expect(branchText({ kind: "folder", path: "/p" })).toBe("");
    expect(workspaceStateText({ ...worktree, changes: { files: 2, additions: 5, deletions: 1 } })).toBe(
      "2 files +5 −1",
    );
    expect(workspaceStateText({ ...worktree, missing: true, changes: { files: 2, additions: 5, deletions: 1 } })).toBe(
      "worktree missing",
    );
    expect(workspaceStateText({ kind: "folder", path: "/p" })).toBe("");
  });

  it("totals a change list, a binary file counting as a file without lines", () => {
    const list: ChangesResponse = {
      ...changes(0),
      files: [
        { path: "a.ts", status: "modified", additions: 10, deletions: 4, binary: false },
        { path: "logo.png", status: "added", additions: 0, deletions: 0, binary: true },
      ],
    };
    expect(listTotalsText(list)).toBe("2 files +10 −4");
  });
});

describe("a huge diff", () => {
  it("is collapsed above 1,500 lines only, counting lines as the diff shows them", () => {
    expect(COLLAPSED_DIFF_LINES).toBe(1500);
    expect(diffLineCount("")).toBe(0);
    expect(diffLineCount("+a\n+b\n")).toBe(2);
    expect(diffLineCount("+a\n+b")).toBe(2);
    expect(diffIsHuge("+x\n".repeat(1500))).toBe(false);
    expect(diffIsHuge("+x\n".repeat(1501))).toBe(true);
    expect(showDiffLabel("+x\n".repeat(5000))).toBe("Show diff (5,000 lines)");
  });
});

describe("action results and errors", () => {
  it("says what a commit and a merge did", () => {
    expect(committedText("abc1234def5678")).toBe("Committed abc1234");
    expect(mergedText("main", { commit: "f00ba12aa", fastForward: true })).toBe("Merged into main (fast-forward)");
    expect(mergedText("dev", { commit: "f00ba12aa", fastForward: false })).toBe(
      "Merged into dev (merge commit f00ba12)",
    );
  });

  it("offers the session's title as the commit message, not a placeholder title", () => {
    const session = (title: string): SessionSummary => ({
      sessionId: "s1",
      cliType: "claude-code",
      projectId: "p1",
      title,
      state: "idle",
      lastActiveAt: "2026-01-01T00:00:00.000Z",
    });
    expect(defaultCommitMessage(session("Add a greeting helper"))).toBe("Add a greeting helper");
    expect(defaultCommitMessage(session("New session"))).toBe("Changes from the agent");
    expect(defaultCommitMessage(session("New Claude Code session"))).toBe("Changes from the agent");
    expect(defaultCommitMessage(session(" "))).toBe("Changes from the agent");
  });

  it("blocks Merge until every change is committed, and when nothing differs from the base", () => {
    const file = { path: "a.ts", status: "modified" as const, additions: 1, deletions: 0, binary: false };
    expect(mergeBlockedHint({ ...changes(2), files: [file] })).toBe("Commit first");
    expect(mergeBlockedHint({ ...changes(0), files: [file] })).toBeNull();
    expect(mergeBlockedHint(changes(0))).toBe("Nothing to merge");
    expect(mergeBlockedHint(null)).not.toBeNull();
  });

  it("lists a merge conflict's files and says the agent can rebase in its worktree", () => {
    const error = actionErrorOf(
      { code: "MERGE_CONFLICT", message: "Merging lb/x conflicts in a.ts, b.ts", files: ["a.ts", "b.ts"] },
      "main",
    );
    expect(error.files).toEqual(["a.ts", "b.ts"]);
    expect(error.text).toContain("2 files");
    expect(error.text).toContain("nothing is lost");
    expect(error.text).toContain("rebase its branch onto main in its worktree");
  });

  it("gives the server's sentence for the other workspace errors", () => {
    const message = "The worktree of lb/x has uncommitted changes: commit them first, so they are part of the merge";
    expect(actionErrorOf({ code: "UNCOMMITTED_CHANGES", message }, "main")).toEqual({ text: message, files: [] });
    expect(actionErrorOf({ code: "NOTHING_TO_COMMIT", message: "" }, "main").text).toBe("There is nothing to commit");
    expect(actionErrorOf({ code: "GIT_FAILED", message: "fatal: bad object" }, "main").text).toBe(
      "git failed: fatal: bad object",
    );
  });
});

describe("the Discard confirmation", () => {
  it("names the folder, the branch, the uncommitted files and the unmerged commits that are lost", () => {
    const text = discardWarning(worktree, changes(3));
    expect(text).toContain("worktree folder /data/worktrees/app/lb/x");
    expect(text).toContain("branch lb/x");
    expect(text).toContain("3 uncommitted files are lost");
    expect(text).toContain("Commits not merged into main are lost");
    expect(discardWarning(worktree, changes(1))).toContain("1 uncommitted file is lost");
    expect(discardWarning(worktree, changes(0))).toContain("no uncommitted files");
    expect(discardWarning(worktree, null)).toContain("Every uncommitted change in it is lost");
  });

  it("for a missing worktree, says the folder is gone and the branch's unmerged commits are lost", () => {
    const text = discardWarning({ ...worktree, missing: true }, null);
    expect(text).toContain("/data/worktrees/app/lb/x is already gone");
    expect(text).toContain("deletes the branch lb/x");
    expect(text).toContain("not merged into main are lost");
  });
});
