// Tabs (issue 17 §6): the project name where two open sessions share a title, and a status mark of what each needs.
import { describe, expect, it } from "vitest";
import type { Project, SessionSummary } from "../../shared/contracts/index.js";
import { addApproval, addTurn, EMPTY_ATTENTION, markSeen } from "./attention.js";
import { applySessionSummary } from "./sessions.js";
import { sameTabView, tabStatus, tabViews } from "./tab-view.js";

const summary = (sessionId: string, projectId: string, title: string, extra: Partial<SessionSummary> = {}) =>
  ({
    sessionId,
    projectId,
    cliType: "codex",
    title,
    state: "idle",
    lastActiveAt: "2026-01-01T00:00:00.000Z",
    ...extra,
  }) as SessionSummary;
const projects: Project[] = [
  { projectId: "p1", name: "api", path: "/w/api", addedAt: "2026-01-01T00:00:00.000Z" },
  { projectId: "p2", name: "web", path: "/w/web", addedAt: "2026-01-01T00:00:00.000Z" },
];

describe("tab project names and status marks", () => {
  it("names the project only on tabs whose titles collide", () => {
    let sessions = applySessionSummary({}, summary("a", "p1", "Fix login"));
    sessions = applySessionSummary(sessions, summary("b", "p2", "Fix login"));
    sessions = applySessionSummary(sessions, summary("c", "p2", "Docs"));
    const tabs = { open: ["a", "b", "c"], active: "a", attention: {} };
    const views = tabViews({ sessions, titles: {}, tabs, projects, attention: EMPTY_ATTENTION });
    expect(views.map((v) => v.project)).toEqual(["api", "web", undefined]);
    expect(views[1]?.tooltip).toContain("Fix login · web");
  });

  it("marks what each tab needs (approval over failed over finished unseen), else running, and redraws on change", () => {
    let sessions = applySessionSummary({}, summary("a", "p1", "One", { state: "running" }));
    sessions = applySessionSummary(sessions, summary("b", "p1", "Two"));
    sessions = applySessionSummary(sessions, summary("c", "p1", "Three"));
    const tabs = { open: ["a", "b", "c"], active: "a", attention: {} };
    let attention = addTurn(
      EMPTY_ATTENTION,
      { sessionId: "b", turnId: "t", outcome: "error", endedAt: "2026-01-01T00:00:01.000Z" },
      "a",
    );
    attention = addTurn(
      attention,
      { sessionId: "c", turnId: "t", outcome: "completed", endedAt: "2026-01-01T00:00:02.000Z" },
      "a",
    );
    const before = tabViews({ sessions, titles: {}, tabs, projects, attention });
    expect(before.map(tabStatus)).toEqual(["running", "failed", "finished"]);

    const asked = addApproval(attention, {
      sessionId: "b",
      askedAt: "2026-01-01T00:00:03.000Z",
      request: { requestId: "r", sessionId: "b", turnId: "t", toolName: "Bash", input: {}, options: [] },
    });
    const seen = markSeen(asked, "c");
    const after = tabViews({ sessions, titles: {}, tabs, projects, attention: seen });
    expect(after.map(tabStatus)).toEqual(["running", "approval", undefined]);
    expect(after.map((view, i) => sameTabView(before[i], view))).toEqual([true, false, false]);
  });
});
