// The @-mention file search over REST and /ws: GET /api/session/:id/files and session:files, on the real service with
// fake CLIs and real git: a folder session lists its project, a worktree session its worktree, errors in words.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Project } from "../../shared/contracts/index.js";
import { initRepo, writeFiles } from "../workspaces/testing/git-repo.js";
import { createTestApp, injectJson, listen, type TestApp, TestClient } from "./testing/harness.js";

let t: TestApp;
let project: Project;

beforeEach(async () => {
  t = await createTestApp();
  const folder = await t.folder("repo");
  initRepo(folder, { ".gitignore": "dist/\n", "src/app.ts": "", "src/util/strings.ts": "", "README.md": "" });
  writeFiles(folder, { "dist/app.js": "", "notes.txt": "" });
  project = await t.service.addProject(folder);
});
afterEach(async () => {
  await t.close();
});

const rest = (url: string) => injectJson(t, "GET", url);

async function createSession(workspace?: Record<string, unknown>): Promise<string> {
  const created = await injectJson(t, "POST", "/api/session/create", {
    cliType: "claude-code",
    projectId: project.projectId,
    ...(workspace ? { workspace } : {}),
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.sessionId as string;
}

describe("GET /api/session/:id/files", () => {
  it("answers the session folder's files matching q, best first, ignored ones left out", async () => {
    const sessionId = await createSession();
    const { status, body } = await rest(`/api/session/${sessionId}/files?q=app`);
    expect(status).toBe(200);
    expect(body).toEqual({ files: [{ path: "src/app.ts" }] });
  });

  it("an empty q lists the shallowest files first; limit caps the answer", async () => {
    const sessionId = await createSession();
    const all = await rest(`/api/session/${sessionId}/files`);
    expect(all.body.files.map((f: { path: string }) => f.path)).toEqual([
      ".gitignore",
      "README.md",
      "notes.txt",
      "src/app.ts",
      "src/util/strings.ts",
    ]);
    const two = await rest(`/api/session/${sessionId}/files?q=&limit=2`);
    expect(two.body.files).toHaveLength(2);
  });

  it("a worktree session lists its worktree, not the project folder", async () => {
    writeFiles(project.path, { "only-in-main.txt": "" }); // untracked: not in the worktree
    const sessionId = await createSession({ kind: "worktree" });
    const paths = (await rest(`/api/session/${sessionId}/files?limit=200`)).body.files.map(
      (f: { path: string }) => f.path,
    );
    expect(paths).toContain("src/app.ts");
    expect(paths).not.toContain("only-in-main.txt");
    expect(paths).not.toContain("notes.txt");
  });

  it("refuses a bad limit with 400 INVALID_REQUEST naming it", async () => {
    const sessionId = await createSession();
    for (const limit of ["0", "201", "2.5", "many"]) {
      const { status, body } = await rest(`/api/session/${sessionId}/files?q=a&limit=${limit}`);
      expect(status, limit).toBe(400);
      expect(body).toEqual({ code: "INVALID_REQUEST", message: expect.stringMatching(/limit/) });
    }
  });

  it("answers 404 SESSION_NOT_FOUND for an unknown session", async () => {
    const { status, body } = await rest("/api/session/s-nope/files?q=a");
    expect(status).toBe(404);
    expect(body.code).toBe("SESSION_NOT_FOUND");
  });

  it("a query never leaves the session folder: paths are relative and inside it", async () => {
    const sessionId = await createSession();
    const { body } = await rest(`/api/session/${sessionId}/files?q=${encodeURIComponent("../../etc/passwd")}`);
    expect(body.files).toEqual([]);
    const every = (await rest(`/api/session/${sessionId}/files?q=.&limit=200`)).body.files as { path: string }[];
    for (const { path } of every) expect(path.startsWith("/") || path.split("/").includes("..")).toBe(false);
  });
});

describe("/ws session:files", () => {
  it("replies session:files { sessionId, q, files } echoing the requestId; errors in words", async () => {
    const sessionId = await createSession();
    const ws = await TestClient.connect((await listen(t.app)).wsUrl);
    try {
      const reply = await ws.request({ type: "session:files", sessionId, q: "strings", limit: 5 });
      expect(reply).toMatchObject({
        type: "session:files",
        sessionId,
        q: "strings",
        files: [{ path: "src/util/strings.ts" }],
      });
      const missing = await ws.request({ type: "session:files", sessionId: "s-nope", q: "" });
      expect(missing).toMatchObject({ type: "error", code: "SESSION_NOT_FOUND" });
      const bad = await ws.request({ type: "session:files", sessionId, q: "", limit: 0 });
      expect(bad).toMatchObject({ type: "error", code: "INVALID_REQUEST" });
    } finally {
      await ws.close();
    }
  });
});
