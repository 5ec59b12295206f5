// Archived sessions (issue 17 §4): listed per project, unarchived back into the list (announced once), kept so across
// a restart; a message to an archived session brings it back too.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createServiceHarness, type ServiceHarness } from "./testing/harness.js";

let h: ServiceHarness;
beforeEach(async () => {
  h = await createServiceHarness();
});
afterEach(async () => {
  await h.cleanup();
});

const ids = (sessions: { sessionId: string }[]) => sessions.map((s) => s.sessionId);

describe("archived sessions", () => {
  it("lists a project's archived sessions, app-made and found on disk, and only those", async () => {
    const kept = await h.service.createSession({ projectId: h.project.projectId, cliType: "codex" });
    const gone = await h.service.createSession({ projectId: h.project.projectId, cliType: "claude-code" });
    h.disk.add({ providerSessionId: "d1", cwd: h.projectDir, title: "Old disk work" });
    await h.service.listSessions(h.project.projectId);
    expect(await h.service.listArchivedSessions(h.project.projectId)).toEqual([]);

    await h.service.archiveSession(gone.sessionId);
    await h.service.archiveSession("claude-code:d1");

    const archived = await h.service.listArchivedSessions(h.project.projectId);
    expect(ids(archived).sort()).toEqual([gone.sessionId, "claude-code:d1"].sort());
    expect(archived.every((s) => s.archived === true)).toBe(true);
    expect(archived.find((s) => s.sessionId === "claude-code:d1")?.title).toBe("Old disk work");
    expect(ids(await h.service.listSessions(h.project.projectId))).toEqual([kept.sessionId]);
  });

  it("unarchives: the session is back in the list, announced once with archived false, its CLI not started", async () => {
    const session = await h.service.createSession({ projectId: h.project.projectId, cliType: "codex" });
    await h.service.archiveSession(session.sessionId);
    const updates = h.updates();

    const back = await h.service.unarchiveSession(session.sessionId);

    expect(back).toMatchObject({ sessionId: session.sessionId, archived: false });
    expect(updates).toEqual([expect.objectContaining({ sessionId: session.sessionId, archived: false })]);
    expect(ids(await h.service.listSessions(h.project.projectId))).toEqual([session.sessionId]);
    expect(await h.service.listArchivedSessions(h.project.projectId)).toEqual([]);
    expect(h.codex.isAlive(session.sessionId)).toBe(false);
  });

  it("keeps archive and unarchive across a restart", async () => {
    const a = await h.service.createSession({ projectId: h.project.projectId, cliType: "codex" });
    const b = await h.service.createSession({ projectId: h.project.projectId, cliType: "codex" });
    await h.service.archiveSession(a.sessionId);
    await h.service.archiveSession(b.sessionId);
    await h.service.unarchiveSession(b.sessionId);

    const restarted = await h.restart();

    expect(ids(await restarted.listArchivedSessions(h.project.projectId))).toEqual([a.sessionId]);
    expect(ids(await restarted.listSessions(h.project.projectId))).toEqual([b.sessionId]);
  });

  it("unarchiving a session that is not archived changes and announces nothing", async () => {
    const session = await h.service.createSession({ projectId: h.project.projectId, cliType: "codex" });
    const updates = h.updates();
    await expect(h.service.unarchiveSession(session.sessionId)).resolves.toMatchObject({ archived: false });
    expect(updates).toEqual([]);
  });

  it("a message to an archived session brings it back into the list", async () => {
    const session = await h.service.createSession({ projectId: h.project.projectId, cliType: "codex" });
    await h.service.archiveSession(session.sessionId);
    await h.service.sendMessage(session.sessionId, "still there?");
    expect(await h.service.listArchivedSessions(h.project.projectId)).toEqual([]);
    expect(ids(await h.service.listSessions(h.project.projectId))).toEqual([session.sessionId]);
  });

  it("answers SESSION_NOT_FOUND / PROJECT_NOT_FOUND for unknown ids", async () => {
    await expect(h.service.unarchiveSession("codex:nowhere")).rejects.toMatchObject({ code: "SESSION_NOT_FOUND" });
    await expect(h.service.listArchivedSessions("no-such-project")).rejects.toMatchObject({
      code: "PROJECT_NOT_FOUND",
    });
  });
});
