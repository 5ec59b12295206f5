// Target checks of the Workspaces issue, on the server's side: a worktree's change list with 200 files / 20,000 lines,
// one 5,000-line file diff, and creating a worktree in a 10,000-file repository (real git, temporary repositories).
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Workspaces, type WorktreeWorkspace } from "../../server/workspaces/index.js";
import type { Check, CheckContext } from "../lib/check.js";
import { epochNow } from "../lib/timing.js";

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", ["-c", "user.name=Bench", "-c", "user.email=bench@localhost", ...args], { cwd, stdio: "ignore" });

/** A repository of `files` small files (10 lines each) with one commit, in a fresh folder. */
function makeRepo(ctx: CheckContext, files: number): string {
  const root = ctx.tmpDir("repo");
  for (let i = 0; i < files; i++) {
    const dir = path.join(root, `pkg${Math.floor(i / 100)}`);
    if (i % 100 === 0) mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, `file${i}.ts`),
      `${Array.from({ length: 10 }, (_, l) => `export const v${l} = ${i};`).join("\n")}\n`,
    );
  }
  git(root, "init", "-q", "-b", "main");
  git(root, "add", "-A");
  git(root, "commit", "-q", "-m", "base");
  return root;
}

const project = (root: string) => ({ projectId: "bench-project", name: "bench", path: root });

/** `workspace-changes-200`: `Workspaces.changes()` of a worktree with 200 changed files, 20,000 changed lines. */
export const workspaceChangesCheck: Check = {
  name: "workspace-changes-200",
  measures:
    "A worktree session's change list on the server: Workspaces.changes() (temporary index, git add -A, diff --name-status and --numstat against the merge-base) of a worktree with 200 changed files (100 new lines each, 20,000 lines; half of the files untracked) in a 2,000-file repository. The page adds rendering 200 rows.",
  unit: "ms",
  n: { default: 20, quick: 2 },
  threshold: { kind: "absolute", stat: "p95", op: "<", limit: 200 },
  level: "target",
  timeoutMs: 5 * 60_000,
  async run(ctx) {
    const root = makeRepo(ctx, 2000);
    const workspaces = new Workspaces(ctx.tmpDir("worktrees"));
    const worktree = await workspaces.createWorktree(project(root), { branch: "lb/bench" });
    const added = Array.from({ length: 100 }, (_, l) => `export const added${l} = ${l};`).join("\n");
    for (let i = 0; i < 200; i++) {
      const file =
        i < 100
          ? path.join(worktree.root, `pkg${Math.floor(i / 10)}`, `file${i * 10}.ts`)
          : path.join(worktree.root, `new${i}.ts`);
      writeFileSync(file, `${added}\n`, { flag: i < 100 ? "a" : "w" });
    }
    const samples: number[] = [];
    let files = 0;
    let lines = 0;
    for (let round = 0; round < ctx.n; round++) {
      const start = epochNow();
      const changes = await workspaces.changes(worktree);
      samples.push(epochNow() - start);
      files = changes.files.length;
      lines = changes.files.reduce((sum, f) => sum + f.additions + f.deletions, 0);
    }
    const violations =
      files === 200 && lines === 20_000 ? [] : [`listed ${files} files / ${lines} lines, not 200 / 20,000`];
    return {
      subject: samples,
      subjectLabel: "Workspaces.changes()",
      notes: [`${files} files, ${lines} lines`],
      violations,
    };
  },
};

/** `workspace-diff-5000`: `Workspaces.fileDiff()` of one file with 5,000 changed lines. */
export const workspaceDiffCheck: Check = {
  name: "workspace-diff-5000",
  measures:
    "One changed file's unified diff on the server: Workspaces.fileDiff() of a 5,000-line rewritten file in a worktree of a 2,000-file repository (the page adds diff2html's rendering).",
  unit: "ms",
  n: { default: 20, quick: 2 },
  threshold: { kind: "absolute", stat: "p95", op: "<", limit: 300 },
  level: "target",
  timeoutMs: 5 * 60_000,
  async run(ctx) {
    const root = makeRepo(ctx, 2000);
    writeFileSync(
      path.join(root, "big.ts"),
      Array.from({ length: 5000 }, (_, l) => `export const old${l} = ${l};`).join("\n"),
    );
    git(root, "add", "-A");
    git(root, "commit", "-q", "-m", "big file");
    const workspaces = new Workspaces(ctx.tmpDir("worktrees"));
    const worktree: WorktreeWorkspace = await workspaces.createWorktree(project(root), { branch: "lb/bench" });
    writeFileSync(
      path.join(worktree.root, "big.ts"),
      Array.from({ length: 5000 }, (_, l) => `export const next${l} = ${l};`).join("\n"),
    );
    const samples: number[] = [];
    let size = 0;
    for (let round = 0; round < ctx.n; round++) {
      const start = epochNow();
      size = (await workspaces.fileDiff(worktree, "big.ts")).length;
      samples.push(epochNow() - start);
    }
    return {
      subject: samples,
      subjectLabel: "Workspaces.fileDiff()",
      notes: [`diff of ${(size / 1024).toFixed(0)} KiB`],
    };
  },
};

/** `worktree-create-10k`: `Workspaces.createWorktree()` in a 10,000-file repository. */
export const worktreeCreateCheck: Check = {
  name: "worktree-create-10k",
  measures:
    "Creating a worktree session's workspace in a 10,000-file repository: Workspaces.createWorktree() (branch name checks, git worktree add -b with its checkout). The CLI's start, measured by new-session-composer, comes on top.",
  unit: "ms",
  n: { default: 10, quick: 2 },
  threshold: { kind: "absolute", stat: "p95", op: "<", limit: 1000 },
  level: "target",
  timeoutMs: 5 * 60_000,
  async run(ctx) {
    const root = makeRepo(ctx, 10_000);
    const workspaces = new Workspaces(ctx.tmpDir("worktrees"));
    const samples: number[] = [];
    for (let round = 0; round < ctx.n; round++) {
      const start = epochNow();
      await workspaces.createWorktree(project(root), { branch: `lb/bench-${round}` });
      samples.push(epochNow() - start);
    }
    return { subject: samples, subjectLabel: "Workspaces.createWorktree()", notes: ["10,000 files of 10 lines"] };
  },
};
