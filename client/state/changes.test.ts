// Unit tests: what the Changes view shows and when it asks for the list again.
import { describe, expect, it } from "vitest";
import type { ChangesResponse, Workspace } from "../../shared/contracts/index.js";
import { historyMsg, toolCall, turnMsg, upsertMsg } from "../test-helpers.js";
import {
  branchText,
  COLLAPSED_DIFF_LINES,
  changeSummaryText,
  diffIsHuge,
  discardWarning,
  writeFingerprint,
} from "./changes.js";
import { applyHistory, applyStream, createSessionItems } from "./items.js";

describe("the change summary of a worktree session", () => {
  it("reads as files and +/− lines, or says there are none", () => {
    expect(changeSummaryText({ files: 3, additions: 12, deletions: 4 })).toBe("3 files +12 −4");
    expect(changeSummaryText({ files: 1, additions: 0, deletions: 2 })).toBe("1 file +0 −2");
    expect(changeSummaryText({ files: 0, additions: 0, deletions: 0 })).toBe("no changes");
    expect(changeSummaryText(undefined)).toBe("");
  });

  it("names the branch of a worktree only", () => {
    expect(branchText({ kind: "worktree", path: "/w", branch: "lb/claude-ab12", base: "main" })).toBe(
      "⎇ lb/claude-ab12",
    );
    expect(branchText({ kind: "folder", path: "/p" })).toBe("");
  });
});

describe("when the Changes view refreshes", () => {
  it("moves when a tool call that may write ends or a turn ends, not for reads or running calls", () => {
    const items = createSessionItems("s1");
    applyHistory(items, historyMsg([], 0));
    const seen = [writeFingerprint(items)];
    applyStream(items, upsertMsg(1, toolCall("t1:bash", "c1", { kind: "execute" })));
    seen.push(writeFingerprint(items));
    applyStream(items, upsertMsg(2, toolCall("t1:read", "c2", { kind: "read", status: "complete" })));
    seen.push(writeFingerprint(items));
    applyStream(items, upsertMsg(3, toolCall("t1:bash", "c1", { kind: "execute", status: "complete" })));
    seen.push(writeFingerprint(items));
    applyStream(items, upsertMsg(4, toolCall("t1:edit", "c3", { kind: "edit", status: "error" })));
    seen.push(writeFingerprint(items));
    applyStream(items, turnMsg(5, { type: "turn_started", turnId: "t1", sessionId: "s1", modelId: "m" }));
    applyStream(items, turnMsg(6, { type: "turn_complete", turnId: "t1", sessionId: "s1", status: "completed" }));
    seen.push(writeFingerprint(items));
    expect(seen).toEqual(["0:0", "0:0", "0:0", "1:0", "2:0", "2:1"]);
  });
});

describe("a huge diff", () => {
  it("is collapsed above the threshold only", () => {
    expect(diffIsHuge("+x\n".repeat(COLLAPSED_DIFF_LINES))).toBe(false);
    expect(diffIsHuge("+x\n".repeat(COLLAPSED_DIFF_LINES + 1))).toBe(true);
  });
});

describe("the Discard confirmation", () => {
  const workspace: Workspace = { kind: "worktree", path: "/data/worktrees/app/lb/x", branch: "lb/x", base: "main" };
  const changes = (uncommitted: number): ChangesResponse => ({ base: "b", head: "h", files: [], uncommitted });

  it("names the folder, the branch, the uncommitted files and the unmerged commits that are lost", () => {
    const text = discardWarning(workspace, changes(3));
    expect(text).toContain("/data/worktrees/app/lb/x");
    expect(text).toContain("branch lb/x");
    expect(text).toContain("3 uncommitted files are lost");
    expect(text).toContain("Commits not merged into main are lost");
    expect(discardWarning(workspace, changes(1))).toContain("1 uncommitted file is lost");
    expect(discardWarning(workspace, changes(0))).toContain("no uncommitted files");
  });
});
