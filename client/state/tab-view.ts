// What each tab of the tab strip shows, as plain values: the strip redraws a tab only when its view changed.
import { cliLabel, type SessionSummary } from "../../shared/contracts/index.js";
import type { AppState } from "./app-state.js";
import { type AttentionKind, attentionOf } from "./attention.js";
import { displayTitle } from "./sessions.js";
import type { Attention } from "./tabs.js";

/** One tab as shown: everything its element's text and attributes are made of. */
export interface TabView {
  sessionId: string;
  /** The session's title, else the cached one from before the reload, else "Session". */
  title: string;
  /** `claude-code`, `codex`, or "" when not known yet. */
  cliType: string;
  active: boolean;
  attention: Attention | undefined;
  /** Its session is `running` or `starting`. */
  running: boolean;
  /** The tooltip: title, CLI, and the Alt+N shortcut of the first nine tabs. */
  tooltip: string;
  /** What the session needs from the user (issue 17 §6), when anything; undefined otherwise. */
  needs?: AttentionKind;
  /** The project's name, only when another open tab shows the same title (so the two can be told apart). */
  project?: string;
}

/** A tab's status mark: what it needs, else running; undefined for a quiet tab. */
export type TabStatus = AttentionKind | "running";

/** The words of each status mark (its accessible label and tooltip). */
export const TAB_STATUS_LABEL: Record<TabStatus, string> = {
  approval: "Needs your approval",
  failed: "Turn failed",
  finished: "Finished, not seen yet",
  running: "Running",
};

/** The status mark of a tab: a need first (approval, failed, finished unseen), then running. */
export function tabStatus(view: Pick<TabView, "needs" | "running">): TabStatus | undefined {
  return view.needs ?? (view.running ? "running" : undefined);
}

/** The title and CLI a tab shows: from the session lists, else the cached title from before the reload. */
function tabInfo(
  state: Pick<AppState, "titles">,
  sessionId: string,
  session: SessionSummary | undefined,
): { title: string; cliType: string } {
  if (session) return { title: displayTitle(session), cliType: session.cliType };
  const cached = state.titles[sessionId];
  if (cached)
    return { title: cached.title.trim() || `New ${cliLabel(cached.cliType)} session`, cliType: cached.cliType };
  return { title: "Session", cliType: "" };
}

/** The view of every open tab, in order. */
export function tabViews(
  state: Pick<AppState, "sessions" | "titles" | "tabs"> & Partial<Pick<AppState, "attention" | "projects">>,
): TabView[] {
  const open = new Set(state.tabs.open);
  const sessions = new Map<string, SessionSummary>();
  for (const list of Object.values(state.sessions))
    for (const session of list)
      if (open.has(session.sessionId) && !sessions.has(session.sessionId)) sessions.set(session.sessionId, session);
  const infos = state.tabs.open.map((sessionId) => tabInfo(state, sessionId, sessions.get(sessionId)));
  const titleCount = new Map<string, number>();
  for (const { title } of infos) titleCount.set(title, (titleCount.get(title) ?? 0) + 1);
  const projectName = (projectId: string | undefined) => state.projects?.find((p) => p.projectId === projectId)?.name;
  return state.tabs.open.map((sessionId, index) => {
    const session = sessions.get(sessionId);
    const { title, cliType } = infos[index] ?? { title: "Session", cliType: "" };
    const needs = state.attention ? (attentionOf(state.attention, sessionId) ?? undefined) : undefined;
    const project = (titleCount.get(title) ?? 0) > 1 ? projectName(session?.projectId) : undefined;
    return {
      ...(needs ? { needs } : {}),
      ...(project ? { project } : {}),
      sessionId,
      title,
      cliType,
      active: state.tabs.active === sessionId,
      attention: state.tabs.attention[sessionId],
      running: session?.state === "running" || session?.state === "starting",
      tooltip: `${title}${project ? ` · ${project}` : ""}${cliType ? ` · ${cliLabel(cliType)}` : ""}${index < 9 ? ` (Alt+${index + 1})` : ""}`,
    };
  });
}

/** True when two views of a tab show the same (the tab's element needs no change). */
export function sameTabView(a: TabView | undefined, b: TabView): boolean {
  return (
    a !== undefined &&
    a.sessionId === b.sessionId &&
    a.title === b.title &&
    a.cliType === b.cliType &&
    a.active === b.active &&
    a.attention === b.attention &&
    a.running === b.running &&
    a.tooltip === b.tooltip &&
    a.needs === b.needs &&
    a.project === b.project
  );
}
