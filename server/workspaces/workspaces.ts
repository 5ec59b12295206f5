// The workspaces of sessions: a project's git facts, new worktrees, changes, commit, merge and discard, one writing
// git operation at a time per repository.
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import type { ChangesResponse, ProjectGitResponse } from "../../shared/contracts/index.js";
import { ServiceError } from "../core/index.js";
import { defaultBranchName } from "./branch-names.js";
import { type ChangeScope, fileDiff, listChanges } from "./changes.js";
import { commitAll } from "./commit.js";
import { asServiceError, runGit } from "./git.js";
import { mergeBranch } from "./merge.js";
import { branchExists, emptyTree, inspectRepo, requireRepo, resolveCommit } from "./repo.js";
import { KeyedQueue } from "./repo-lock.js";
import { addWorktree, projectFolderName, removeWorktree, worktreePath } from "./worktrees.js";

/**
 * A session's own worktree. `root`: the worktree's top level; `path`: where its CLI runs (the project's folder inside
 * it, `root` itself unless the project is a subfolder of its repository); `branch` its branch, made from `base` at
 * `baseCommit`; `repoRoot` the project's main checkout, where merges happen.
 */
export interface WorktreeWorkspace {
  kind: "worktree";
  root: string;
  path: string;
  branch: string;
  base: string;
  baseCommit: string;
  repoRoot: string;
}

/** A session that works in the project folder `path` itself. */
export interface FolderWorkspace {
  kind: "folder";
  path: string;
}

/** Where a session works. */
export type SessionWorkspace = FolderWorkspace | WorktreeWorkspace;

/** A project as the workspaces need it. */
export interface WorkspaceProject {
  projectId: string;
  name: string;
  path: string;
}

/**
 * Git operations on sessions' workspaces (the issue "Workspaces"). Worktrees live under `worktreesDir`
 * (`<LIMINAL_DATA_DIR>/worktrees/<project>/<branch>`). Writing operations of one repository (add, commit, merge,
 * discard) run one at a time; reading changes never touches a real index.
 */
export class Workspaces {
  private readonly queue = new KeyedQueue();

  constructor(private readonly worktreesDir: string) {}

  /** What the new-session form offers for `project` (`GET /api/projects/:id/git`); `hint` names the default branch. */
  async inspect(project: WorkspaceProject, hint = "session"): Promise<ProjectGitResponse> {
    const info = await inspectRepo(project.path);
    if ("reason" in info) return { git: false, reason: info.reason, branches: [] };
    return {
      git: true,
      ...(info.currentBranch ? { currentBranch: info.currentBranch } : {}),
      branches: info.branches,
      suggestedBranch: await this.freeBranchName(project, info.topLevel, hint),
    };
  }

  /**
   * Adds a worktree for a new session of `project` on `branch` (default: a free `lb/<hint>-xxxx`) from `base`
   * (default: the checkout's current branch; on a detached `HEAD`, its commit).
   * @throws ServiceError `NOT_A_GIT_REPO`, `INVALID_REQUEST`, `BRANCH_EXISTS`, `GIT_FAILED`.
   */
  async createWorktree(
    project: WorkspaceProject,
    options: { branch?: string; base?: string; hint?: string },
  ): Promise<WorktreeWorkspace> {
    const repo = await requireRepo(project.path);
    return this.queue.run(repo.topLevel, async () => {
      const branch = options.branch ?? (await this.freeBranchName(project, repo.topLevel, options.hint ?? "session"));
      const base = options.base ?? repo.currentBranch ?? "HEAD";
      if (base.startsWith("-")) throw new ServiceError("INVALID_REQUEST", `"${base}" is not a branch to start from`);
      if (!(await resolveCommit(repo.topLevel, base))) {
        throw new ServiceError(
          "INVALID_REQUEST",
          base === "HEAD"
            ? "This repository has no commit yet: make a first commit to start a worktree from"
            : `There is no branch ${base} to start from`,
        );
      }
      const root = worktreePath(this.worktreesDir, projectFolderName(project.name, project.projectId), branch);
      const added = await addWorktree({ repoRoot: repo.topLevel, path: root, branch, base });
      const inside = relative(repo.topLevel, project.path);
      return {
        kind: "worktree",
        ...added,
        path: inside ? join(added.root, inside) : added.root,
        repoRoot: repo.topLevel,
      };
    });
  }

  /**
   * The changes of a session's workspace (`GET /api/session/:id/changes`): a worktree against the merge-base of its
   * branch with `base` (the recorded start commit when `base` is gone), committed or not; a folder against `HEAD`.
   * Untracked files count as added.
   * @throws ServiceError `NOT_A_GIT_REPO` (a folder outside git), `WORKTREE_MISSING`, `GIT_FAILED`.
   */
  async changes(workspace: SessionWorkspace): Promise<ChangesResponse> {
    const { scope, head } = await this.scope(workspace);
    const listing = await listChanges(scope, head);
    return {
      base: scope.base,
      head,
      files: listing.files,
      uncommitted: listing.uncommitted,
      ...(workspace.kind === "worktree" ? { branch: workspace.branch, baseBranch: workspace.base } : {}),
    };
  }

  /** One changed file's unified diff. @throws ServiceError `FILE_NOT_CHANGED`, and as {@link changes}. */
  async fileDiff(workspace: SessionWorkspace, path: string): Promise<string> {
    const { scope } = await this.scope(workspace);
    return fileDiff(scope, path);
  }

  /** Commits every change of a worktree (`commitAll`). @throws `NOTHING_TO_COMMIT`, `WORKTREE_MISSING`, `GIT_FAILED`. */
  commit(workspace: WorktreeWorkspace, message: string): Promise<string> {
    this.assertPresent(workspace);
    return this.queue.run(workspace.repoRoot, () => commitAll(workspace.root, message));
  }

  /** Merges a worktree's branch into its base in the main checkout (`mergeBranch`, which lists the refusals). */
  merge(workspace: WorktreeWorkspace): Promise<{ commit: string; fastForward: boolean }> {
    this.assertPresent(workspace);
    return this.queue.run(workspace.repoRoot, () =>
      mergeBranch({
        checkout: workspace.repoRoot,
        worktreeRoot: workspace.root,
        branch: workspace.branch,
        base: workspace.base,
      }),
    );
  }

  /** Removes a worktree (also one deleted by hand) and deletes its branch (`removeWorktree`). @throws `GIT_FAILED`. */
  discard(workspace: WorktreeWorkspace): Promise<void> {
    return this.queue.run(workspace.repoRoot, () =>
      removeWorktree({ repoRoot: workspace.repoRoot, root: workspace.root, branch: workspace.branch }),
    );
  }

  private async scope(workspace: SessionWorkspace): Promise<{ scope: ChangeScope; head: string }> {
    if (workspace.kind === "folder") {
      const repo = await requireRepo(workspace.path);
      const head = (await resolveCommit(repo.topLevel, "HEAD")) ?? (await emptyTree(repo.topLevel));
      return { scope: { root: repo.topLevel, base: head }, head };
    }
    this.assertPresent(workspace);
    try {
      const head = (await resolveCommit(workspace.root, "HEAD")) ?? workspace.baseCommit;
      const mergeBase = await runGit(workspace.root, ["merge-base", workspace.base, "HEAD"], { okCodes: [1, 128] });
      const base = mergeBase.exitCode === 0 ? mergeBase.stdout.trim() : workspace.baseCommit;
      return { scope: { root: workspace.root, base }, head };
    } catch (error) {
      throw asServiceError(error);
    }
  }

  private assertPresent(workspace: WorktreeWorkspace): void {
    if (!existsSync(workspace.root)) {
      throw new ServiceError(
        "WORKTREE_MISSING",
        `The worktree folder ${workspace.root} is gone (deleted outside the app): discard the session to remove its record and branch`,
      );
    }
  }

  private async freeBranchName(project: WorkspaceProject, repoRoot: string, hint: string): Promise<string> {
    const folder = projectFolderName(project.name, project.projectId);
    for (;;) {
      const name = defaultBranchName(hint);
      const taken = (await branchExists(repoRoot, name)) || existsSync(worktreePath(this.worktreesDir, folder, name));
      if (!taken) return name;
    }
  }
}
