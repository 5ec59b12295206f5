// Workspaces: where a session's CLI works (the project folder or its own git worktree), its changes, commit, merge and
// discard (the issue "Workspaces"; REST under /api/session/:id/*, the same operations as /ws commands).
import { z } from "zod";
import { IdSchema } from "./ids.js";

/** The longest branch name the app accepts, in characters (git itself allows more). */
export const BRANCH_NAME_MAX_CHARS = 200;
/** The longest commit message, in characters. */
export const COMMIT_MESSAGE_MAX_CHARS = 10_000;

const branchName = z.string().trim().min(1, "branch must not be empty").max(BRANCH_NAME_MAX_CHARS);

/**
 * Where a new session works (`POST /api/session/create` `workspace`): the project folder (the default), or a new git
 * worktree on a new `branch` (default `lb/<short slug>`) started from `base` (default the checkout's current branch).
 */
export const WorkspaceRequestSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("folder") }),
  z.object({ kind: z.literal("worktree"), branch: branchName.optional(), base: branchName.optional() }),
]);
/** `{ kind: "folder" } | { kind: "worktree", branch?, base? }`. */
export type WorkspaceRequest = z.infer<typeof WorkspaceRequestSchema>;

/** A worktree session's change summary: files changed against its base, lines added and removed. */
export const ChangeSummarySchema = z.object({
  files: z.number().int().min(0),
  additions: z.number().int().min(0),
  deletions: z.number().int().min(0),
});
/** `{ files, additions, deletions }`. */
export type ChangeSummary = z.infer<typeof ChangeSummarySchema>;

/**
 * Where a session works. `path`: the folder its CLI runs in (absolute). For a worktree: `branch` (the worktree's own
 * branch), `base` (the branch it started from and merges into); `missing` when the worktree folder is gone (deleted by
 * hand: the session can only be discarded); `changes` the live change summary once computed.
 */
export const WorkspaceSchema = z.object({
  kind: z.enum(["folder", "worktree"]),
  path: z.string().min(1),
  branch: z.string().optional(),
  base: z.string().optional(),
  missing: z.boolean().optional(),
  changes: ChangeSummarySchema.optional(),
});
/** A session's workspace. */
export type Workspace = z.infer<typeof WorkspaceSchema>;

/** How a changed file changed (`git diff --name-status`); untracked files are `added`. */
export const FileChangeStatusSchema = z.enum(["added", "modified", "deleted", "renamed", "copied"]);
/** `added | modified | deleted | renamed | copied`. */
export type FileChangeStatus = z.infer<typeof FileChangeStatusSchema>;

/**
 * One changed file. `path` relative to the workspace root with `/`; `oldPath` for a rename or copy; `additions` and
 * `deletions` in lines (0 for a binary file, `binary: true`).
 */
export const FileChangeSchema = z.object({
  path: z.string().min(1),
  oldPath: z.string().optional(),
  status: FileChangeStatusSchema,
  additions: z.number().int().min(0),
  deletions: z.number().int().min(0),
  binary: z.boolean(),
});
/** One changed file. */
export type FileChange = z.infer<typeof FileChangeSchema>;

/**
 * `200` of `GET /api/session/:id/changes`: `base` the commit compared against (a worktree: the merge-base of its
 * branch with the base branch; the project folder: `HEAD`), `head` the workspace's `HEAD` commit (both full object
 * names; the empty tree's for a repository with no commit yet), `files` in path order. Added fields: `uncommitted`,
 * how many files differ from `HEAD` (a worktree with uncommitted changes is committed before it can be merged), and
 * for a worktree its `branch` and `baseBranch`.
 */
export const ChangesResponseSchema = z.object({
  base: z.string(),
  head: z.string(),
  files: z.array(FileChangeSchema),
  uncommitted: z.number().int().min(0),
  branch: z.string().optional(),
  baseBranch: z.string().optional(),
});
/** A workspace's changes. */
export type ChangesResponse = z.infer<typeof ChangesResponseSchema>;

/** `GET /api/session/:id/changes/file?path=` query: one path of the change list. */
export const FileDiffQuerySchema = z.object({ path: z.string().min(1, "path is required") });
/** `200` of `GET /api/session/:id/changes/file`: the file's unified diff (`git diff` text, "Binary files … differ"). */
export const FileDiffResponseSchema = z.object({ path: z.string(), diff: z.string() });
/** One file's diff. */
export type FileDiffResponse = z.infer<typeof FileDiffResponseSchema>;

/** `POST /api/session/:id/commit` body. */
export const CommitRequestSchema = z.object({
  message: z.string().trim().min(1, "message must not be empty").max(COMMIT_MESSAGE_MAX_CHARS),
});
/** `200` of commit: the new commit's full object name. */
export const CommitResponseSchema = z.object({ commit: z.string() });
/** `200` of `POST /api/session/:id/merge`: the base branch's new `HEAD`; `fastForward` when no merge commit was made. */
export const MergeResponseSchema = z.object({ commit: z.string(), fastForward: z.boolean() });
/** A merge's result. */
export type MergeResponse = z.infer<typeof MergeResponseSchema>;
/** `POST /api/session/:id/discard` body: `confirm: true` is required (else 400 `CONFIRM_REQUIRED`). */
export const DiscardRequestSchema = z.object({ confirm: z.boolean().optional() });

/**
 * `200` of `GET /api/projects/:id/git`: what the new-session form offers. `git: false` with `reason` (not a git
 * repository, `git` not installed); else the checkout's `currentBranch` (absent on a detached `HEAD`), the local
 * `branches`, and a free default `suggestedBranch` (`lb/<short slug>`).
 */
export const ProjectGitResponseSchema = z.object({
  git: z.boolean(),
  reason: z.string().optional(),
  currentBranch: z.string().optional(),
  branches: z.array(z.string()),
  suggestedBranch: z.string().optional(),
});
/** A project's git facts. */
export type ProjectGitResponse = z.infer<typeof ProjectGitResponseSchema>;

/** The longest setup command, in characters. */
export const SETUP_COMMAND_MAX_CHARS = 2_000;
/**
 * `PATCH /api/projects/:id` body: the project's settings. `setupCommand` runs (through the user's shell) in every new
 * worktree of the project before the agent's first turn; `""` or `null` removes it.
 */
export const ProjectSettingsRequestSchema = z.object({
  setupCommand: z.string().trim().max(SETUP_COMMAND_MAX_CHARS).nullable().optional(),
});
/** Project settings. */
export type ProjectSettingsRequest = z.infer<typeof ProjectSettingsRequestSchema>;

/** The `/ws` commands of workspaces; each answers like its REST route (ws-server.ts has the replies). */
export const WORKSPACE_COMMAND_SCHEMAS = [
  z.object({ type: z.literal("project:git"), requestId: z.string().min(1).optional(), projectId: IdSchema }),
  z.object({
    type: z.literal("project:settings"),
    requestId: z.string().min(1).optional(),
    projectId: IdSchema,
    ...ProjectSettingsRequestSchema.shape,
  }),
  z.object({ type: z.literal("session:changes"), requestId: z.string().min(1).optional(), sessionId: IdSchema }),
  z.object({
    type: z.literal("session:changes:file"),
    requestId: z.string().min(1).optional(),
    sessionId: IdSchema,
    ...FileDiffQuerySchema.shape,
  }),
  z.object({
    type: z.literal("session:commit"),
    requestId: z.string().min(1).optional(),
    sessionId: IdSchema,
    ...CommitRequestSchema.shape,
  }),
  z.object({ type: z.literal("session:merge"), requestId: z.string().min(1).optional(), sessionId: IdSchema }),
  z.object({
    type: z.literal("session:discard"),
    requestId: z.string().min(1).optional(),
    sessionId: IdSchema,
    ...DiscardRequestSchema.shape,
  }),
] as const;
