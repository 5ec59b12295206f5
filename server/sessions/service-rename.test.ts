// Renaming a session (issue 16 §6): the title is the app's, outlives a restart and the first message, and reaches the
// CLI's own title where the provider has one.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createServiceHarness, type ServiceHarness } from "./testing/harness.js";

let h: ServiceHarness;
beforeEach(async () => {
  h = await createServiceHarness();
});
afterEach(async () => {
  await h.cleanup();
});

describe("renameSession", () => {
  it("renames, announces it once, keeps it over the first message and across a restart", async () => {
    const created = await h.service.createSession({ projectId: h.project.projectId, cliType: "codex" });
    const updates = h.updates();
    const renamed = await h.service.renameSession(created.sessionId, "  Fix the flaky test  ");
    expect(renamed.title).toBe("Fix the flaky test");
    expect(updates.map((s) => s.title)).toEqual(["Fix the flaky test"]);
    await h.service.sendMessage(created.sessionId, "Please look at the failing test in ci");
    expect(h.service.getSession(created.sessionId).title).toBe("Fix the flaky test");
    const restarted = await h.restart();
    expect(restarted.getSession(created.sessionId).title).toBe("Fix the flaky test");
  });

  it("renames a session found on disk (it gets its record) and hands the title to its CLI", async () => {
    h.disk.add({ providerSessionId: "disk-1", cwd: h.projectDir, title: "The CLI's title" });
    await h.service.listSessions(h.project.projectId);
    const titles: unknown[][] = [];
    h.claude.setTitle = async (...args: [string, string, string]) => {
      titles.push(args);
      return true;
    };
    await h.service.renameSession("claude-code:disk-1", "Mine now");
    expect(h.service.getSession("claude-code:disk-1").title).toBe("Mine now");
    expect(titles).toEqual([["disk-1", "Mine now", h.projectDir]]);
  });

  it("keeps the app's title when the CLI cannot take it (logged)", async () => {
    const created = await h.service.createSession({ projectId: h.project.projectId, cliType: "claude-code" });
    h.claude.setTitle = async () => {
      throw new Error("disk full");
    };
    await expect(h.service.renameSession(created.sessionId, "Still renamed")).resolves.toMatchObject({
      title: "Still renamed",
    });
    expect(h.logger.warnings.some((w) => w.includes("title"))).toBe(true);
  });

  it.each(["", "   ", "two\nlines", "x".repeat(201)])("refuses the title %j with INVALID_REQUEST", async (title) => {
    const created = await h.service.createSession({ projectId: h.project.projectId, cliType: "codex" });
    await expect(h.service.renameSession(created.sessionId, title)).rejects.toMatchObject({ code: "INVALID_REQUEST" });
    expect(h.service.getSession(created.sessionId).title).toBe("New session");
  });

  it("answers SESSION_NOT_FOUND for an unknown session", async () => {
    await expect(h.service.renameSession("codex:nowhere", "Title")).rejects.toMatchObject({
      code: "SESSION_NOT_FOUND",
    });
  });
});
