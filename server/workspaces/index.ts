// Entry point of workspaces/ (used by sessions/): git worktrees per session, their changes, commit, merge, discard.
export { BRANCH_PREFIX, defaultBranchName } from "./branch-names.js";
export { gitAvailable } from "./git.js";
export { SETUP_MARK_VAR, type SetupResult, type SetupRun, startSetupCommand } from "./setup-command.js";
export {
  type FolderWorkspace,
  type SessionWorkspace,
  type WorkspaceProject,
  Workspaces,
  type WorktreeWorkspace,
} from "./workspaces.js";
