// Entry point of workspaces/ (used by sessions/): git worktrees per session, their changes, commit, merge, discard;
// the file listing and fuzzy search of a session's folder (@ mentions).
export { BRANCH_PREFIX, defaultBranchName } from "./branch-names.js";
export { FileIndex, type FileIndexOptions } from "./file-index.js";
export { type FileListing, listFolderFiles, MAX_LISTED_FILES } from "./file-list.js";
export { gitAvailable } from "./git.js";
export { SETUP_MARK_VAR, type SetupResult, type SetupRun, startSetupCommand } from "./setup-command.js";
export {
  type FolderWorkspace,
  type SessionWorkspace,
  type WorkspaceProject,
  Workspaces,
  type WorktreeWorkspace,
} from "./workspaces.js";
