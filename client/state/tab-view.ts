// What each tab of the tab strip shows, as plain values: the strip redraws a tab only when its view changed.
import { cliLabel, type SessionSummary } from "../../shared/contracts/index.js";
import type { AppState } from "./app-state.js";
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
export function tabViews(state: Pick<AppState, "sessions" | "titles" | "tabs">): TabView[] {
  const open = new Set(state.tabs.open);
  const sessions = new Map<string, SessionSummary>();
  for (const list of Object.values(state.sessions))
    for (const session of list)
      if (open.has(session.sessionId) && !sessions.has(session.sessionId)) sessions.set(session.sessionId, session);
  return state.tabs.open.map((sessionId, index) => {
    const session = sessions.get(sessionId);
    const { title, cliType } = tabInfo(state, sessionId, session);
    return {
      sessionId,
      title,
      cliType,
      active: state.tabs.active === sessionId,
      attention: state.tabs.attention[sessionId],
      running: session?.state === "running" || session?.state === "starting",
      tooltip: `${title}${cliType ? ` · ${cliLabel(cliType)}` : ""}${index < 9 ? ` (Alt+${index + 1})` : ""}`,
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
    a.tooltip === b.tooltip
  );
}
