// Unit tests: the new-session form's "Where" — what a project's git facts offer, and the workspace a submit asks for.
import { describe, expect, it } from "vitest";
import type { ProjectGitResponse } from "../../shared/contracts/index.js";
import {
  freshNewSessionForm,
  withProjectGit,
  workspaceRequest,
  worktreeAvailable,
  worktreeUnavailableReason,
} from "./new-session.js";

const repo: ProjectGitResponse = {
  git: true,
  currentBranch: "dev",
  branches: ["dev", "main"],
  suggestedBranch: "lb/claude-x7k2",
};

describe("the new-session form's Where", () => {
  it("offers no worktree while asking, nor outside git (with the reason), and falls back to the folder", () => {
    const form = freshNewSessionForm("p1", null);
    expect(worktreeAvailable(form)).toBe(false);
    expect(worktreeUnavailableReason(form)).toBeNull();
    const outside = withProjectGit(
      { ...form, where: "worktree" },
      { git: false, reason: "This folder is not a git repository", branches: [] },
    );
    expect(outside.where).toBe("folder");
    expect(worktreeAvailable(outside)).toBe(false);
    expect(worktreeUnavailableReason(outside)).toBe("This folder is not a git repository");
    expect(worktreeUnavailableReason(withProjectGit(form, null))).toMatch(/Could not ask/);
  });

  it("prefills the suggested branch and the current branch as base, keeping what the user set", () => {
    const form = withProjectGit(freshNewSessionForm("p1", null), repo);
    expect(worktreeAvailable(form)).toBe(true);
    expect(form).toMatchObject({ branch: "lb/claude-x7k2", base: "dev" });
    const typed = withProjectGit({ ...freshNewSessionForm("p1", null), branch: "feature/x", base: "main" }, repo);
    expect(typed).toMatchObject({ branch: "feature/x", base: "main" });
    expect(withProjectGit(freshNewSessionForm("p1", null), { ...repo, currentBranch: undefined }).base).toBe("dev");
  });

  it("keeps the CLI and mode chosen last time", () => {
    const previous = { ...freshNewSessionForm("p0", null), cliType: "codex" as const, permissionMode: "plan" as const };
    expect(freshNewSessionForm("p1", previous)).toMatchObject({
      projectId: "p1",
      cliType: "codex",
      permissionMode: "plan",
      where: "folder",
    });
  });

  it("asks for the folder, or a worktree on the typed branch from the chosen base", () => {
    const form = withProjectGit(freshNewSessionForm("p1", null), repo);
    expect(workspaceRequest(form)).toEqual({ kind: "folder" });
    expect(workspaceRequest({ ...form, where: "worktree", branch: "  lb/mine " })).toEqual({
      kind: "worktree",
      branch: "lb/mine",
      base: "dev",
    });
    expect(workspaceRequest({ ...form, where: "worktree", branch: "", base: "" })).toEqual({ kind: "worktree" });
  });
});
