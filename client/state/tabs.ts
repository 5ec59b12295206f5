// Tab bookkeeping: open-or-focus, close (a neighbour becomes active), reorder, attention badges. Pure functions.

/** Why a background tab wants the user's eye: its turn finished, or it needs a permission answer. */
export type Attention = "done" | "permission";

/** The open tabs (session ids, in display order), the active one, and background tabs wanting attention. */
export interface TabsState {
  open: string[];
  active: string | null;
  attention: Record<string, Attention>;
}

/** No tabs. */
export const EMPTY_TABS: TabsState = { open: [], active: null, attention: {} };

function withoutAttention(attention: Record<string, Attention>, sessionId: string): Record<string, Attention> {
  if (!(sessionId in attention)) return attention;
  const { [sessionId]: _dropped, ...rest } = attention;
  return rest;
}

/** Focuses `sessionId`'s tab, opening it at the end when it is not open (never a duplicate); clears its badge. */
export function openOrFocus(tabs: TabsState, sessionId: string): TabsState {
  const open = tabs.open.includes(sessionId) ? tabs.open : [...tabs.open, sessionId];
  return { open, active: sessionId, attention: withoutAttention(tabs.attention, sessionId) };
}

/** Focuses an open tab (no-op for a closed one); clears its badge. */
export function focusTab(tabs: TabsState, sessionId: string): TabsState {
  if (!tabs.open.includes(sessionId)) return tabs;
  return { ...tabs, active: sessionId, attention: withoutAttention(tabs.attention, sessionId) };
}

/**
 * Closes `sessionId`'s tab. When it was active, the tab to its right becomes active (or the one to its left when it
 * was last); none when it was the only tab.
 */
export function closeTab(tabs: TabsState, sessionId: string): TabsState {
  const index = tabs.open.indexOf(sessionId);
  if (index < 0) return tabs;
  const open = tabs.open.filter((id) => id !== sessionId);
  let active = tabs.active;
  if (active === sessionId) active = open[index] ?? open[index - 1] ?? null;
  const attention = withoutAttention(tabs.attention, sessionId);
  return active ? focusTab({ open, active, attention }, active) : { open, active, attention };
}

/** Closes every tab in `sessionIds` (e.g. a removed project's sessions). */
export function closeTabs(tabs: TabsState, sessionIds: Iterable<string>): TabsState {
  let next = tabs;
  for (const id of sessionIds) next = closeTab(next, id);
  return next;
}

/**
 * Moves `sessionId` so it lands where `targetId` is now: before it when `after` is false, after it when true
 * (HTML5 drag and drop onto a tab's left or right half). No-op for unknown ids or a drop onto itself.
 */
export function moveTab(tabs: TabsState, sessionId: string, targetId: string, after: boolean): TabsState {
  if (sessionId === targetId || !tabs.open.includes(sessionId) || !tabs.open.includes(targetId)) return tabs;
  const open = tabs.open.filter((id) => id !== sessionId);
  const at = open.indexOf(targetId) + (after ? 1 : 0);
  open.splice(at, 0, sessionId);
  return { ...tabs, open };
}

/** The tab `offset` places from the active one, wrapping around (Ctrl+Alt+←/→). */
export function cycleTab(tabs: TabsState, offset: number): TabsState {
  if (tabs.open.length === 0) return tabs;
  const index = tabs.active ? tabs.open.indexOf(tabs.active) : -1;
  const n = tabs.open.length;
  const next = tabs.open[(((index + offset) % n) + n) % n];
  return next ? focusTab(tabs, next) : tabs;
}

/** Marks a background tab as wanting attention; the active tab and closed tabs get no badge. */
export function markAttention(tabs: TabsState, sessionId: string, why: Attention): TabsState {
  if (tabs.active === sessionId || !tabs.open.includes(sessionId)) return tabs;
  if (tabs.attention[sessionId] === "permission" && why === "done") return tabs;
  if (tabs.attention[sessionId] === why) return tabs;
  return { ...tabs, attention: { ...tabs.attention, [sessionId]: why } };
}

/**
 * Rebuilds tabs from what was saved: drops duplicates and non-strings, keeps order, and picks a valid active tab
 * (the saved one if still open, else the first). Attention badges are not restored.
 */
export function restoreTabs(saved: { open?: unknown; active?: unknown } | null | undefined): TabsState {
  const open: string[] = [];
  if (Array.isArray(saved?.open)) {
    for (const id of saved.open) if (typeof id === "string" && id.length > 0 && !open.includes(id)) open.push(id);
  }
  const active = typeof saved?.active === "string" && open.includes(saved.active) ? saved.active : (open[0] ?? null);
  return { open, active, attention: {} };
}
