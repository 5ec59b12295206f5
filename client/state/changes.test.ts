// Unit tests: the Changes panel's state — what marks a change list stale, the one-request-at-a-time bookkeeping, an
// open file across refreshes, and action results.
import { describe, expect, it } from "vitest";
import type { ChangesResponse, FileChange } from "../../shared/contracts/index.js";
import { message, toolCall, turnMsg, upsertMsg } from "../test-helpers.js";
import {
  actionEnded,
  actionStarted,
  diffArrived,
  endsWriteLikeTool,
  fileOpened,
  initialChangesState,
  listArrived,
  listFailed,
  listRequested,
  markStale,
  sessionChanges,
  streamMayChangeFiles,
  summaryMoved,
  updateSessionChanges,
  wantsRefresh,
  worktreeMissing,
} from "./changes.js";

const file = (path: string, extra: Partial<FileChange> = {}): FileChange => ({
  path,
  status: "modified",
  additions: 1,
  deletions: 0,
  binary: false,
  ...extra,
});
const list = (...files: FileChange[]): ChangesResponse => ({ base: "b", head: "h", files, uncommitted: files.length });

describe("what may have changed a session's files", () => {
  it("is a tool call reaching complete or error, unless it only reads, searches, thinks or fetches", () => {
    for (const kind of ["edit", "execute", "delete", "move", "other", undefined]) {
      expect(endsWriteLikeTool(undefined, toolCall("i", "c", { kind, status: "complete" })), String(kind)).toBe(true);
      expect(endsWriteLikeTool(undefined, toolCall("i", "c", { kind, status: "error" })), String(kind)).toBe(true);
    }
    for (const kind of ["read", "search", "think", "fetch"]) {
      expect(endsWriteLikeTool(undefined, toolCall("i", "c", { kind, status: "complete" })), kind).toBe(false);
    }
  });

  it("is not a running tool call, a message, or a tool call that had already ended", () => {
    expect(endsWriteLikeTool(undefined, toolCall("i", "c", { kind: "edit", status: "create" }))).toBe(false);
    expect(endsWriteLikeTool(undefined, toolCall("i", "c", { kind: "edit", status: "update" }))).toBe(false);
    expect(endsWriteLikeTool(undefined, message("m", "done"))).toBe(false);
    const ended = toolCall("i", "c", { kind: "edit", status: "complete" });
    expect(endsWriteLikeTool(ended, { ...ended, toolOutput: "more" })).toBe(false);
    const running = toolCall("i", "c", { kind: "edit", status: "update" });
    expect(endsWriteLikeTool(running, ended)).toBe(true);
  });

  it("includes the end of a turn, not its start", () => {
    const turn = { turnId: "t1", sessionId: "s1" };
    expect(
      streamMayChangeFiles(
        undefined,
        turnMsg(1, { type: "turn_started", ...turn, modelId: "m", providerId: "claude-code" }),
      ),
    ).toBe(false);
    expect(streamMayChangeFiles(undefined, turnMsg(2, { type: "turn_complete", ...turn, status: "completed" }))).toBe(
      true,
    );
    const failed = turnMsg(3, { type: "turn_error", ...turn, errorCode: "PROCESS_CRASH", errorMessage: "x" });
    expect(streamMayChangeFiles(undefined, failed)).toBe(true);
    expect(
      streamMayChangeFiles(undefined, upsertMsg(4, toolCall("i", "c", { kind: "read", status: "complete" }))),
    ).toBe(false);
  });

  it("includes a live summary that moved, not one that stayed the same", () => {
    const summary = { files: 1, additions: 2, deletions: 0 };
    expect(summaryMoved(undefined, summary)).toBe(true);
    expect(summaryMoved(summary, { ...summary })).toBe(false);
    expect(summaryMoved(summary, { ...summary, deletions: 1 })).toBe(true);
    expect(summaryMoved(summary, undefined)).toBe(false);
  });
});

describe("the one-request-at-a-time bookkeeping", () => {
  it("wants a refresh once stale, not while a request is on its way, and again for triggers during it", () => {
    let state = initialChangesState();
    expect(wantsRefresh(sessionChanges(state, "s1"))).toBe(false);
    state = markStale(state, "s1");
    expect(wantsRefresh(sessionChanges(state, "s1"))).toBe(true);
    state = listRequested(state, "s1");
    expect(wantsRefresh(sessionChanges(state, "s1"))).toBe(false);
    state = markStale(state, "s1");
    expect(wantsRefresh(sessionChanges(state, "s1"))).toBe(false); // still on its way
    state = listArrived(state, "s1", list());
    expect(wantsRefresh(sessionChanges(state, "s1"))).toBe(true); // the trigger during the request
    state = listRequested(state, "s1");
    state = listArrived(state, "s1", list());
    expect(wantsRefresh(sessionChanges(state, "s1"))).toBe(false);
    expect(sessionChanges(state, "s2")).toMatchObject({ wanted: 0, list: null });
  });

  it("shows why a list could not be read instead of a list", () => {
    let state = listArrived(initialChangesState(), "s1", list(file("a.ts")));
    state = listFailed(listRequested(state, "s1"), "s1", "This folder is not a git repository: /p", "NOT_A_GIT_REPO");
    expect(sessionChanges(state, "s1")).toMatchObject({
      list: null,
      loading: false,
      error: "This folder is not a git repository: /p",
    });
    expect(worktreeMissing(undefined, sessionChanges(state, "s1"))).toBe(false);
    expect(sessionChanges(listArrived(state, "s1", list()), "s1")).toMatchObject({ error: null, errorCode: null });
  });

  it("takes a worktree for missing when its summary says so or reading its list found its folder gone", () => {
    const gone = listFailed(initialChangesState(), "s1", "The worktree folder /w is gone", "WORKTREE_MISSING");
    expect(worktreeMissing(undefined, sessionChanges(gone, "s1"))).toBe(true);
    expect(worktreeMissing(true, sessionChanges(initialChangesState(), "s1"))).toBe(true);
    expect(worktreeMissing(false, sessionChanges(initialChangesState(), "s1"))).toBe(false);
  });
});

describe("an open file's diff", () => {
  it("stays open across a refresh that still lists it, and closes when the file is no longer changed", () => {
    let state = fileOpened(listArrived(initialChangesState(), "s1", list(file("a.ts"), file("b.ts"))), "s1", "a.ts");
    state = diffArrived(state, "s1", "a.ts", { text: "diff a" });
    state = listArrived(state, "s1", list(file("a.ts", { additions: 3 })));
    expect(sessionChanges(state, "s1").file).toMatchObject({ path: "a.ts", text: "diff a" });
    state = listArrived(state, "s1", list(file("b.ts")));
    expect(sessionChanges(state, "s1").file).toBeNull();
  });

  it("ignores a diff of a file no longer open", () => {
    let state = fileOpened(initialChangesState(), "s1", "a.ts");
    state = fileOpened(state, "s1", "b.ts");
    state = diffArrived(state, "s1", "a.ts", { text: "diff a" });
    expect(sessionChanges(state, "s1").file).toEqual({ path: "b.ts", text: null, error: null, expanded: false });
    state = diffArrived(state, "s1", "b.ts", { error: "b.ts has no changes" });
    expect(sessionChanges(state, "s1").file?.error).toBe("b.ts has no changes");
  });
});

describe("an action's result", () => {
  it("replaces the last one; a commit that worked forgets the typed message, a failed one keeps it", () => {
    let state = updateSessionChanges(initialChangesState(), "s1", () => ({
      commitMessage: "Say hello",
      confirmDiscard: true,
    }));
    state = actionStarted(state, "s1", "commit");
    expect(sessionChanges(state, "s1")).toMatchObject({ busy: "commit", confirmDiscard: false });
    const failed = actionEnded(state, "s1", { error: { text: "There is nothing to commit", files: [] } });
    expect(sessionChanges(failed, "s1")).toMatchObject({ busy: null, status: null, commitMessage: "Say hello" });
    state = actionEnded(state, "s1", { status: "Committed abc1234" });
    expect(sessionChanges(state, "s1")).toMatchObject({ busy: null, status: "Committed abc1234", commitMessage: null });
    state = actionEnded(actionStarted(state, "s1", "merge"), "s1", { error: { text: "conflict", files: ["a"] } });
    expect(sessionChanges(state, "s1")).toMatchObject({ status: null, actionError: { files: ["a"] } });
  });
});
