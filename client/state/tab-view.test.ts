// What the tab strip and the sidebar redraw: a tab or row whose view did not change is left alone.
import { describe, expect, it } from "vitest";
import type { SessionSummary } from "../../shared/contracts/index.js";
import { applySessionSummary, sessionRowKey } from "./sessions.js";
import { sameTabView, tabViews } from "./tab-view.js";
import { markAttention } from "./tabs.js";

function summary(sessionId: string, extra: Partial<SessionSummary> = {}): SessionSummary {
  return {
    sessionId,
    projectId: "p",
    cliType: "codex",
    title: `Session ${sessionId}`,
    state: "idle",
    lastActiveAt: "2026-01-01T00:00:00.000Z",
    ...extra,
  };
}

const tabs = { open: ["a", "b"], active: "a", attention: {} };

describe("tab views", () => {
  it("shows title, CLI, running, attention and the Alt+N hint; falls back to the cached title", () => {
    const sessions = applySessionSummary({}, summary("a", { state: "running" }));
    const views = tabViews({ sessions, titles: { b: { title: "", cliType: "claude-code" } }, tabs });
    expect(views).toEqual([
      {
        sessionId: "a",
        title: "Session a",
        cliType: "codex",
        active: true,
        attention: undefined,
        running: true,
        tooltip: "Session a · Codex (Alt+1)",
      },
      {
        sessionId: "b",
        title: "New Claude Code session",
        cliType: "claude-code",
        active: false,
        attention: undefined,
        running: false,
        tooltip: "New Claude Code session · Claude Code (Alt+2)",
      },
    ]);
  });

  it("a background session's summary moving nothing its tab shows leaves the tab as it is", () => {
    let sessions = applySessionSummary({}, summary("a"));
    sessions = applySessionSummary(sessions, summary("b", { state: "starting" }));
    const before = tabViews({ sessions, titles: {}, tabs });
    // starting → running (both "running"), a newer lastActiveAt: nothing a tab shows.
    const next = applySessionSummary(
      sessions,
      summary("b", { state: "running", lastActiveAt: "2026-01-01T00:00:05.000Z" }),
    );
    const after = tabViews({ sessions: next, titles: {}, tabs });
    expect(after.map((view, i) => sameTabView(before[i], view))).toEqual([true, true]);
  });

  it("a finished turn, a new title or a state change redraws that tab only", () => {
    const sessions = applySessionSummary(applySessionSummary({}, summary("a")), summary("b", { state: "running" }));
    const before = tabViews({ sessions, titles: {}, tabs });
    const same = (after: ReturnType<typeof tabViews>) => after.map((view, i) => sameTabView(before[i], view));
    expect(same(tabViews({ sessions, titles: {}, tabs: markAttention(tabs, "b", "done") }))).toEqual([true, false]);
    const renamed = applySessionSummary(sessions, summary("b", { state: "running", title: "Fix login" }));
    expect(same(tabViews({ sessions: renamed, titles: {}, tabs }))).toEqual([true, false]);
    const idle = applySessionSummary(sessions, summary("b", { state: "idle" }));
    expect(same(tabViews({ sessions: idle, titles: {}, tabs }))).toEqual([true, false]);
    expect(same(tabViews({ sessions, titles: {}, tabs: { ...tabs, active: "b" } }))).toEqual([false, false]);
  });
});

describe("session row keys", () => {
  it("a summary that moved nothing the row shows keeps its key (the row is not rebuilt)", () => {
    const row = sessionRowKey(summary("s", { state: "starting" }), false);
    expect(sessionRowKey(summary("s", { state: "running" }), false)).toBe(row);
    expect(sessionRowKey(summary("s", { state: "starting", createdAt: "2026-01-01T00:00:00.000Z" }), false)).toBe(row);
  });

  it("a new dot, error, title, mode, age, change summary or the active mark changes the key", () => {
    const workspace: NonNullable<SessionSummary["workspace"]> = {
      kind: "worktree",
      path: "/w",
      branch: "lb/x",
      base: "main",
      missing: false,
      changes: { files: 1, additions: 2, deletions: 0 },
    };
    const base = summary("s", { workspace });
    const row = sessionRowKey(base, false);
    const changed: SessionSummary[] = [
      { ...base, state: "running" },
      { ...base, lastError: { code: "CLI_CRASHED", message: "boom" } },
      { ...base, title: "Other" },
      { ...base, permissionMode: "acceptEdits" },
      { ...base, lastActiveAt: "2026-01-02T00:00:00.000Z" },
      { ...base, workspace: { ...workspace, changes: { files: 2, additions: 5, deletions: 1 } } },
    ];
    for (const next of changed) expect(sessionRowKey(next, false)).not.toBe(row);
    expect(sessionRowKey(base, true)).not.toBe(row);
  });
});
