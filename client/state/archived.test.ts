// The sidebar's archived lists and the archive's Undo offer (issue 17 §4): what a summary does to them.
import { describe, expect, it } from "vitest";
import type { SessionSummary } from "../../shared/contracts/index.js";
import {
  ARCHIVE_UNDO_MS,
  applyArchivedSummary,
  dropArchiveUndo,
  initialArchivedState,
  offerArchiveUndo,
  setArchivedSessions,
} from "./archived.js";

const session = (sessionId: string, patch: Partial<SessionSummary> = {}): SessionSummary => ({
  sessionId,
  cliType: "codex",
  projectId: "p1",
  title: sessionId,
  state: "idle",
  lastActiveAt: "2026-12-01T10:00:00.000Z",
  ...patch,
});

describe("archived lists", () => {
  it("keeps only archived sessions of a list reply, newest first", () => {
    const state = setArchivedSessions(initialArchivedState(), "p1", [
      session("old", { archived: true, lastActiveAt: "2026-11-01T00:00:00.000Z" }),
      session("active"),
      session("new", { archived: true, lastActiveAt: "2026-12-02T00:00:00.000Z" }),
    ]);
    expect(state.byProject.p1?.map((s) => s.sessionId)).toEqual(["new", "old"]);
  });

  it("an archived summary joins its project's list; an unarchived one leaves it and withdraws its Undo", () => {
    let state = applyArchivedSummary(initialArchivedState(), session("a", { archived: true }));
    state = offerArchiveUndo(state, "a", "a", 1_000);
    expect(state.byProject.p1?.map((s) => s.sessionId)).toEqual(["a"]);
    expect(state.undo).toEqual({ sessionId: "a", title: "a", until: 1_000 + ARCHIVE_UNDO_MS });

    state = applyArchivedSummary(state, session("a", { archived: false }));
    expect(state.byProject.p1).toEqual([]);
    expect(state.undo).toBeNull();
  });

  it("a summary of an active session that was never archived leaves the state as it is", () => {
    const state = setArchivedSessions(initialArchivedState(), "p1", [session("x", { archived: true })]);
    expect(applyArchivedSummary(state, session("y"))).toBe(state);
  });

  it("withdraws an Undo offer only for its own session", () => {
    const state = offerArchiveUndo(initialArchivedState(), "a", "A", 0);
    expect(dropArchiveUndo(state, "b")).toBe(state);
    expect(dropArchiveUndo(state, "a").undo).toBeNull();
  });
});
