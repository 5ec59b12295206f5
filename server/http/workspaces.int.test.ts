// Workspaces end to end over REST and /ws with real git in temporary repositories (fake CLIs that write files where
// the real ones would): worktree sessions, their changes, commit, merge (fast-forward, merge commit, refusals,
// conflict), discard, a worktree deleted by hand, the setup command.
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChangesResponse, Project, SessionSummary, ToolCallUpsert } from "../../shared/contracts/index.js";
import { commitFiles, git, initRepo, writeFiles } from "../workspaces/testing/git-repo.js";
import { createTestApp, injectJson, listen, type TestApp, TestClient } from "./testing/harness.js";

let t: TestApp;
let project: Project;

beforeEach(async () => {
  t = await createTestApp();
  const folder = await t.folder("repo");
  initRepo(folder, { "a.txt": "one\ntwo\nthree\n", "src/keep.ts": "export const x = 1;\n" });
  project = await t.service.addProject(folder);
});

afterEach(async () => {
  await t.close();
});

const rest = (method: "GET" | "POST" | "PATCH", url: string, payload?: unknown) => injectJson(t, method, url, payload);

async function createWorktreeSession(workspace: Record<string, unknown> = { kind: "worktree" }) {
  const created = await rest("POST", "/api/session/create", {
    cliType: "claude-code",
    projectId: project.projectId,
    workspace,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const sessionId = created.body.sessionId as string;
  const workspaceOut = created.body.workspace as { path: string; branch: string; base: string; kind: string };
  return { sessionId, workspace: workspaceOut };
}

/** What the fake CLI does in a turn: write files in its folder (as an agent's Write/Edit would), then a tool call. */
function agentWrites(files: Record<string, string>): void {
  t.claude.onSend = ({ sessionId, turnId, provider }) => {
    const cwd = provider.calls.createSession.find((c) => c.sessionId === sessionId)?.projectDir as string;
    writeFiles(cwd, files);
    const edit: ToolCallUpsert = {
      type: "tool_call",
      turnId,
      sessionId,
      itemId: `${turnId}:edit`,
      toolName: "Write",
      callId: `${turnId}:edit`,
      toolArguments: {},
      kind: "edit",
      status: "complete",
      sourceTimestamp: new Date().toISOString(),
      emittedAt: new Date().toISOString(),
    };
    setImmediate(() => {
      provider.emitUpsert(sessionId, edit);
      provider.completeTurn(sessionId, turnId);
    });
  };
}

const changesOf = async (sessionId: string) => {
  const response = await rest("GET", `/api/session/${sessionId}/changes`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as unknown as ChangesResponse;
};

describe("a session in a new worktree", () => {
  it("gets its own branch and folder under the data folder, and its CLI runs there", async () => {
    const { sessionId, workspace } = await createWorktreeSession();
    expect(workspace.kind).toBe("worktree");
    expect(workspace.branch).toMatch(/^lb\/claude-code-[a-z0-9]{4}$/);
    expect(workspace.base).toBe("main");
    expect(workspace.path).toBe(
      join(
        t.dataDir,
        "worktrees",
        `repo-${project.projectId.replace(/[^A-Za-z0-9]/g, "").slice(0, 8)}`,
        ...workspace.branch.split("/"),
      ),
    );
    expect(t.claude.calls.createSession.at(-1)?.projectDir).toBe(workspace.path);
    expect(git(project.path, "worktree", "list", "--porcelain")).toContain(`worktree ${workspace.path}`);
    expect(readFileSync(join(workspace.path, "a.txt"), "utf8")).toBe("one\ntwo\nthree\n");
    const summary = t.service.getSession(sessionId);
    expect(summary.workspace).toMatchObject({ kind: "worktree", branch: workspace.branch, base: "main" });
    // Killing or archiving keeps the worktree: only Discard removes it.
    await rest("POST", `/api/session/${sessionId}/archive`);
    expect(existsSync(workspace.path)).toBe(true);
  });

  it("takes the branch and base the user chose, and refuses a branch that exists or a bad name", async () => {
    git(project.path, "branch", "develop");
    const { workspace } = await createWorktreeSession({ kind: "worktree", branch: "feature/login", base: "develop" });
    expect(workspace).toMatchObject({ branch: "feature/login", base: "develop" });
    const taken = await rest("POST", "/api/session/create", {
      cliType: "claude-code",
      projectId: project.projectId,
      workspace: { kind: "worktree", branch: "develop" },
    });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: "BRANCH_EXISTS" });
    expect(taken.body.message).toContain("develop");
    const bad = await rest("POST", "/api/session/create", {
      cliType: "claude-code",
      projectId: project.projectId,
      workspace: { kind: "worktree", branch: "bad..name" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain("not a valid git branch name");
    expect(git(project.path, "branch", "--list", "bad*")).toBe("");
  });

  it("offers the branches, the current one and a free default name for the form", async () => {
    git(project.path, "branch", "develop");
    const info = await rest("GET", `/api/projects/${project.projectId}/git`);
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ git: true, currentBranch: "main", branches: ["develop", "main"] });
    expect(info.body.suggestedBranch).toMatch(/^lb\//);
  });
});

describe("a folder that is not a git repository", () => {
  it("says why no worktree can be made, and refuses one with NOT_A_GIT_REPO", async () => {
    const plain = await t.service.addProject(await t.folder("plain"));
    const info = await rest("GET", `/api/projects/${plain.projectId}/git`);
    expect(info.body).toMatchObject({ git: false, reason: "This folder is not a git repository", branches: [] });
    const refused = await rest("POST", "/api/session/create", {
      cliType: "claude-code",
      projectId: plain.projectId,
      workspace: { kind: "worktree" },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe("NOT_A_GIT_REPO");
    await expect(t.service.listSessions(plain.projectId)).resolves.toEqual([]);
    const folderSession = await t.session(plain.projectId);
    const changes = await rest("GET", `/api/session/${folderSession.sessionId}/changes`);
    expect(changes.status).toBe(400);
    expect(changes.body.code).toBe("NOT_A_GIT_REPO");
  });
});

describe("the changes of a worktree session", () => {
  it("lists what the agent wrote (untracked included) with counts, live in the summary, and one file's diff", async () => {
    const { sessionId } = await createWorktreeSession();
    const ws = await TestClient.connect((await listen(t.app)).wsUrl);
    try {
      agentWrites({ "a.txt": "one\n2\nthree\nfour\n", "src/new.ts": "export const y = 2;\nexport const z = 3;\n" });
      await t.service.sendMessage(sessionId, "write some files");
      const updated = await ws.waitFor(
        (m) =>
          m.type === "session:updated" &&
          m.session.sessionId === sessionId &&
          m.session.workspace?.changes?.files === 2,
        "session:updated with the change summary",
      );
      const summary = (updated as { session: SessionSummary }).session.workspace?.changes;
      expect(summary).toEqual({ files: 2, additions: 4, deletions: 1 });
    } finally {
      await ws.close();
    }
    const changes = await changesOf(sessionId);
    expect(changes.files).toEqual([
      { path: "a.txt", status: "modified", additions: 2, deletions: 1, binary: false },
      { path: "src/new.ts", status: "added", additions: 2, deletions: 0, binary: false },
    ]);
    expect(changes.uncommitted).toBe(2);
    expect(changes.base).toBe(git(project.path, "rev-parse", "main"));
    const diff = await rest("GET", `/api/session/${sessionId}/changes/file?path=a.txt`);
    expect(diff.status).toBe(200);
    expect(diff.body.diff).toContain("-two\n+2\n three\n+four\n");
    for (const path of ["README.md", "../../etc/passwd", "src/keep.ts"]) {
      const refused = await rest("GET", `/api/session/${sessionId}/changes/file?path=${encodeURIComponent(path)}`);
      expect(refused.status).toBe(404);
      expect(refused.body.code).toBe("FILE_NOT_CHANGED");
    }
    // The real index of the worktree was never touched: the new file is still untracked.
    expect(
      git(
        join(t.dataDir, "worktrees"),
        "-C",
        t.service.getSession(sessionId).workspace?.path as string,
        "status",
        "--porcelain",
      ),
    ).toContain("?? src/new.ts");
  });

  it("counts deletions, renames and binary files, and keeps committed work in the list until merged", async () => {
    const { sessionId, workspace } = await createWorktreeSession();
    git(workspace.path, "mv", "src/keep.ts", "src/kept.ts");
    rmSync(join(workspace.path, "a.txt"));
    writeFiles(workspace.path, { "logo.bin": "\u0000\u0001\u0002binary" });
    commitFiles(workspace.path, {}, "agent work");
    const changes = await changesOf(sessionId);
    expect(changes.uncommitted).toBe(0);
    expect(changes.files).toEqual([
      { path: "a.txt", status: "deleted", additions: 0, deletions: 3, binary: false },
      { path: "logo.bin", status: "added", additions: 0, deletions: 0, binary: true },
      { path: "src/kept.ts", oldPath: "src/keep.ts", status: "renamed", additions: 0, deletions: 0, binary: false },
    ]);
  });

  it("of a project-folder session in a git repository: the working tree against HEAD", async () => {
    const session = await t.session(project.projectId);
    writeFiles(project.path, { "a.txt": "one\ntwo\n" });
    const changes = await changesOf(session.sessionId);
    expect(changes.files).toEqual([{ path: "a.txt", status: "modified", additions: 0, deletions: 1, binary: false }]);
    expect(changes.base).toBe(git(project.path, "rev-parse", "HEAD"));
    const commit = await rest("POST", `/api/session/${session.sessionId}/commit`, { message: "x" });
    expect(commit.status).toBe(400);
    expect(commit.body.code).toBe("NOT_A_WORKTREE_SESSION");
  });
});

describe("commit and merge", () => {
  it("commits everything, then fast-forwards the base in the main checkout", async () => {
    const { sessionId, workspace } = await createWorktreeSession();
    writeFiles(workspace.path, { "feature.txt": "new feature\n" });
    const premature = await rest("POST", `/api/session/${sessionId}/merge`, {});
    expect(premature.status).toBe(409);
    expect(premature.body.code).toBe("UNCOMMITTED_CHANGES");
    const commit = await rest("POST", `/api/session/${sessionId}/commit`, { message: "Add the feature" });
    expect(commit.status).toBe(200);
    expect(commit.body.commit).toBe(git(workspace.path, "rev-parse", "HEAD"));
    expect(git(workspace.path, "log", "-1", "--format=%s")).toBe("Add the feature");
    const again = await rest("POST", `/api/session/${sessionId}/commit`, { message: "again" });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("NOTHING_TO_COMMIT");
    const merged = await rest("POST", `/api/session/${sessionId}/merge`, {});
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body).toEqual({ commit: commit.body.commit, fastForward: true });
    expect(readFileSync(join(project.path, "feature.txt"), "utf8")).toBe("new feature\n");
    const twice = await rest("POST", `/api/session/${sessionId}/merge`, {});
    expect(twice.body.code).toBe("NOTHING_TO_MERGE");
  });

  it("makes a merge commit when the base moved on", async () => {
    const { sessionId, workspace } = await createWorktreeSession();
    commitFiles(workspace.path, { "feature.txt": "f\n" }, "feature");
    commitFiles(project.path, { "other.txt": "o\n" }, "meanwhile on main");
    const merged = await rest("POST", `/api/session/${sessionId}/merge`, {});
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body.fastForward).toBe(false);
    expect(git(project.path, "rev-list", "--parents", "-n", "1", "HEAD").split(" ")).toHaveLength(3);
    expect(existsSync(join(project.path, "feature.txt"))).toBe(true);
  });

  it("aborts a conflicting merge, names the files and loses nothing", async () => {
    const { sessionId, workspace } = await createWorktreeSession();
    commitFiles(workspace.path, { "a.txt": "one\nTWO from the agent\nthree\n" }, "agent edit");
    const mainHead = commitFiles(project.path, { "a.txt": "one\ntwo from the user\nthree\n" }, "user edit");
    const merged = await rest("POST", `/api/session/${sessionId}/merge`, {});
    expect(merged.status).toBe(409);
    expect(merged.body).toMatchObject({ code: "MERGE_CONFLICT", files: ["a.txt"] });
    expect(merged.body.message).toContain("a.txt");
    expect(git(project.path, "rev-parse", "HEAD")).toBe(mainHead);
    expect(git(project.path, "status", "--porcelain")).toBe("");
    expect(readFileSync(join(project.path, "a.txt"), "utf8")).toBe("one\ntwo from the user\nthree\n");
    expect(readFileSync(join(workspace.path, "a.txt"), "utf8")).toBe("one\nTWO from the agent\nthree\n");
  });

  it("refuses a main checkout with uncommitted changes or on another branch, changing nothing", async () => {
    const { sessionId, workspace } = await createWorktreeSession();
    commitFiles(workspace.path, { "feature.txt": "f\n" }, "feature");
    writeFiles(project.path, { "a.txt": "user's unsaved work\n" });
    const dirty = await rest("POST", `/api/session/${sessionId}/merge`, {});
    expect(dirty.status).toBe(409);
    expect(dirty.body.code).toBe("DIRTY_CHECKOUT");
    expect(dirty.body.message).toContain("a.txt");
    expect(readFileSync(join(project.path, "a.txt"), "utf8")).toBe("user's unsaved work\n");
    git(project.path, "stash");
    git(project.path, "switch", "-q", "-c", "elsewhere");
    const other = await rest("POST", `/api/session/${sessionId}/merge`, {});
    expect(other.status).toBe(409);
    expect(other.body.code).toBe("CHECKOUT_ON_OTHER_BRANCH");
    expect(existsSync(join(project.path, "feature.txt"))).toBe(false);
  });
});

describe("discard", () => {
  it("needs confirm: true, then removes the worktree and its branch and archives the session", async () => {
    const { sessionId, workspace } = await createWorktreeSession();
    writeFiles(workspace.path, { "work.txt": "unsaved\n" });
    const unconfirmed = await rest("POST", `/api/session/${sessionId}/discard`, {});
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body.code).toBe("CONFIRM_REQUIRED");
    expect(existsSync(join(workspace.path, "work.txt"))).toBe(true);
    const discarded = await rest("POST", `/api/session/${sessionId}/discard`, { confirm: true });
    expect(discarded.status, JSON.stringify(discarded.body)).toBe(200);
    expect(existsSync(workspace.path)).toBe(false);
    expect(git(project.path, "branch", "--list", workspace.branch)).toBe("");
    expect(git(project.path, "worktree", "list")).not.toContain(workspace.path);
    expect(t.service.getSession(sessionId).archived).toBe(true);
    expect(t.claude.isAlive(sessionId)).toBe(false);
  });

  it("of a worktree deleted by hand: the session shows it missing, refuses messages, and can be discarded", async () => {
    const { sessionId, workspace } = await createWorktreeSession();
    rmSync(workspace.path, { recursive: true, force: true });
    expect(t.service.getSession(sessionId).workspace?.missing).toBe(true);
    const send = await rest("POST", `/api/session/${sessionId}/send`, { content: "hello" });
    expect(send.status).toBe(409);
    expect(send.body.code).toBe("WORKTREE_MISSING");
    const changes = await rest("GET", `/api/session/${sessionId}/changes`);
    expect(changes.body.code).toBe("WORKTREE_MISSING");
    const discarded = await rest("POST", `/api/session/${sessionId}/discard`, { confirm: true });
    expect(discarded.status, JSON.stringify(discarded.body)).toBe(200);
    expect(git(project.path, "branch", "--list", workspace.branch)).toBe("");
  });

  it("is refused for a project-folder session", async () => {
    const session = await t.session(project.projectId);
    const refused = await rest("POST", `/api/session/${session.sessionId}/discard`, { confirm: true });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe("NOT_A_WORKTREE_SESSION");
    expect(existsSync(project.path)).toBe(true);
  });
});

describe("the project's setup command", () => {
  const setupItems = (sessionId: string) =>
    t.service.openSession(sessionId).then((opened) => {
      if (opened.kind !== "history") throw new Error("expected history");
      return [...opened.entries, ...opened.inFlight.map((m) => m.payload)].filter(
        (item): item is ToolCallUpsert => item.type === "tool_call" && item.toolName === "Setup",
      );
    });

  it("runs in each new worktree before the first turn, its output shown in the session", async () => {
    const saved = await rest("PATCH", `/api/projects/${project.projectId}`, {
      setupCommand: "echo installing in $(basename $(pwd)); echo ready > setup-done.txt",
    });
    expect(saved.status).toBe(200);
    const { sessionId, workspace } = await createWorktreeSession();
    await t.service.sendMessage(sessionId, "go");
    expect(readFileSync(join(workspace.path, "setup-done.txt"), "utf8")).toBe("ready\n");
    const [item] = await setupItems(sessionId);
    expect(item).toMatchObject({ status: "complete", kind: "execute", title: expect.stringContaining("Setup: echo") });
    expect(item?.toolOutput).toContain(`installing in ${workspace.branch.split("/").at(-1)}`);
    expect(t.claude.calls.sendMessage.map((c) => c.message)).toEqual(["go"]);
  });

  it("that fails is shown as failed, and the session stays usable", async () => {
    await rest("PATCH", `/api/projects/${project.projectId}`, { setupCommand: "echo broken >&2; exit 3" });
    const { sessionId } = await createWorktreeSession();
    const sent = await rest("POST", `/api/session/${sessionId}/send`, { content: "still works?" });
    expect(sent.status).toBe(202);
    const [item] = await setupItems(sessionId);
    expect(item).toMatchObject({ status: "error", errorCode: "SETUP_FAILED" });
    expect(item?.errorMessage).toContain("exited with status 3");
    expect(item?.toolOutput).toContain("broken");
  });
});

describe("hostile input", () => {
  it("refuses a base that reads as an option and a commit message that looks like one is kept as text", async () => {
    const refused = await rest("POST", "/api/session/create", {
      cliType: "claude-code",
      projectId: project.projectId,
      workspace: { kind: "worktree", base: "--upload-pack=touch /tmp/x" },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe("INVALID_REQUEST");
    const { sessionId, workspace } = await createWorktreeSession();
    writeFiles(workspace.path, { "x.txt": "x\n" });
    const commit = await rest("POST", `/api/session/${sessionId}/commit`, { message: "--amend" });
    expect(commit.status).toBe(200);
    expect(git(workspace.path, "log", "-1", "--format=%s")).toBe("--amend");
    expect(git(workspace.path, "rev-list", "--count", "HEAD")).toBe("2");
  });
});
