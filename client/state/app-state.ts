// The shape of the app-wide store: connection, projects, session lists, tabs, and the sidebar's form states.
import type {
  CliModelsResponse,
  CliType,
  PermissionMode,
  Project,
  ProjectGitResponse,
} from "../../shared/contracts/index.js";
import { type ArchivedState, initialArchivedState } from "./archived.js";
import { type AttentionState, EMPTY_ATTENTION } from "./attention.js";
import { type ChangesState, initialChangesState } from "./changes.js";
import type { ConnectionInfo } from "./connection.js";
import type { PersistedState } from "./persist.js";
import type { SessionsByProject } from "./sessions.js";
import type { TabsState } from "./tabs.js";
import { initialTerminalsState, type TerminalsState } from "./terminals.js";

/** The inline "new session" form of one project. */
export interface NewSessionForm {
  projectId: string;
  cliType: CliType;
  permissionMode: PermissionMode;
  /** Where the session works: the project folder, or a new git worktree on `branch` from `base`. */
  where: "folder" | "worktree";
  branch: string;
  base: string;
  /** The project's git facts once asked (`project:git`); `null` while asking. */
  git: ProjectGitResponse | null;
  /** The model and effort level to start with; `""`: the CLI's own default. */
  model: string;
  effort: string;
  /** The chosen CLI's last known models (`cli:models`); `null` while asking. */
  models: CliModelsResponse | null;
  busy: boolean;
  error: string | null;
}

/** Everything the UI shows except the items of each session (those live in `ItemsRegistry`). */
export interface AppState {
  connection: ConnectionInfo;
  /** True once the socket connected at least once (before that, no "connection lost" banner). */
  everConnected: boolean;
  projects: Project[];
  projectsLoaded: boolean;
  sessions: SessionsByProject;
  /** Projects whose session list is being fetched. */
  sessionsLoading: string[];
  tabs: TabsState;
  collapsed: string[];
  sidebarCollapsed: boolean;
  /** Tab titles and CLI types (cached so tabs have names before the lists arrive). */
  titles: PersistedState["titles"];
  projectAdd: { busy: boolean; error: string | null };
  newSession: NewSessionForm | null;
  /** A project whose remove button was pressed once (waiting for the confirming second press). */
  removeConfirm: string | null;
  /** Per session: why it could not be opened, in words. */
  openErrors: Record<string, string>;
  /** Per session: a `session:send` waiting for its reply. */
  sending: Record<string, boolean>;
  /** Per session: the last failed send, in words (shown under the composer). */
  sendErrors: Record<string, string>;
  /** The terminal panel and every session's terminals. */
  terminals: TerminalsState;
  /** The Changes panel and every session's changed files. */
  changes: ChangesState;
  /** Each project's archived sessions, the open "Archived (N)" disclosures, an archive's Undo offer. */
  archived: ArchivedState;
  /** What needs the user across every session (waiting approvals, failed or unseen finished turns). */
  attention: AttentionState;
  /** The page is visible (`document.visibilityState`): only then does the active tab count as looked at. */
  pageVisible: boolean;
}

/** The state at boot, from what was persisted. */
export function initialAppState(persisted: PersistedState): AppState {
  return {
    connection: { status: "connecting", attempt: 0, retryAt: null },
    everConnected: false,
    projects: [],
    projectsLoaded: false,
    sessions: {},
    sessionsLoading: [],
    tabs: persisted.tabs,
    collapsed: persisted.collapsed,
    sidebarCollapsed: persisted.sidebarCollapsed,
    titles: persisted.titles,
    projectAdd: { busy: false, error: null },
    newSession: null,
    removeConfirm: null,
    openErrors: {},
    sending: {},
    sendErrors: {},
    terminals: initialTerminalsState(persisted.terminalPanel),
    changes: initialChangesState(),
    archived: initialArchivedState(),
    attention: EMPTY_ATTENTION,
    pageVisible: true,
  };
}

/** A copy of `record` without `key` (the same object when `key` is absent). */
export function omitKey<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record;
  const { [key]: _omitted, ...rest } = record;
  return rest;
}
