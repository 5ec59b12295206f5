// What survives a reload, in localStorage: open tabs and their order, the active tab, collapsed projects, scroll positions.
import { restoreTabs, type TabsState } from "./tabs.js";
import { clampPanelHeight, PANEL_HEIGHT, type TerminalPanelState } from "./terminals.js";

/** The part of the Web Storage API used here (so tests can pass a Map-backed fake). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** A tab's scroll position: `top` in CSS pixels from the top; `follow` = it was at the bottom (keep following). */
export interface ScrollPosition {
  top: number;
  follow: boolean;
}

/** Everything restored at boot. `titles` caches tab titles so tabs show names before the session lists arrive. */
export interface PersistedState {
  tabs: TabsState;
  collapsed: string[];
  sidebarCollapsed: boolean;
  scroll: Record<string, ScrollPosition>;
  titles: Record<string, { title: string; cliType: string }>;
  /** The terminal panel: shown or hidden, and its height. */
  terminalPanel: TerminalPanelState;
}

const KEY = {
  tabs: "liminal:v1:tabs",
  collapsed: "liminal:v1:collapsed",
  sidebar: "liminal:v1:sidebar-collapsed",
  scroll: "liminal:v1:scroll",
  titles: "liminal:v1:titles",
  terminalPanel: "liminal:v1:terminal-panel",
} as const;

function read(storage: KeyValueStorage, key: string): unknown {
  try {
    const raw = storage.getItem(key);
    return raw === null ? null : (JSON.parse(raw) as unknown);
  } catch {
    return null;
  }
}

function write(storage: KeyValueStorage, key: string, value: unknown): void {
  try {
    storage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled (private mode): the app still works, it just forgets on reload.
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Reads the saved state, tolerating missing or corrupt entries (each falls back to its empty value). */
export function loadPersisted(storage: KeyValueStorage): PersistedState {
  const tabsRaw = read(storage, KEY.tabs);
  const collapsedRaw = read(storage, KEY.collapsed);
  const scrollRaw = read(storage, KEY.scroll);
  const titlesRaw = read(storage, KEY.titles);
  const scroll: Record<string, ScrollPosition> = {};
  if (isRecord(scrollRaw)) {
    for (const [id, value] of Object.entries(scrollRaw)) {
      if (isRecord(value) && typeof value.top === "number" && Number.isFinite(value.top)) {
        scroll[id] = { top: Math.max(0, value.top), follow: value.follow === true };
      }
    }
  }
  const titles: PersistedState["titles"] = {};
  if (isRecord(titlesRaw)) {
    for (const [id, value] of Object.entries(titlesRaw)) {
      if (isRecord(value) && typeof value.title === "string" && typeof value.cliType === "string") {
        titles[id] = { title: value.title, cliType: value.cliType };
      }
    }
  }
  return {
    tabs: restoreTabs(isRecord(tabsRaw) ? tabsRaw : null),
    collapsed: Array.isArray(collapsedRaw) ? collapsedRaw.filter((id): id is string => typeof id === "string") : [],
    sidebarCollapsed: read(storage, KEY.sidebar) === true,
    scroll,
    titles,
    terminalPanel: restorePanel(read(storage, KEY.terminalPanel)),
  };
}

function restorePanel(raw: unknown): TerminalPanelState {
  if (!isRecord(raw)) return { open: false, height: PANEL_HEIGHT.initial };
  return { open: raw.open === true, height: clampPanelHeight(typeof raw.height === "number" ? raw.height : NaN) };
}

/** Saves whether the terminal panel is shown and its height. */
export function saveTerminalPanel(storage: KeyValueStorage, panel: TerminalPanelState): void {
  write(storage, KEY.terminalPanel, { open: panel.open, height: panel.height });
}

/** Saves the open tabs and the active tab (not the attention badges). */
export function saveTabs(storage: KeyValueStorage, tabs: TabsState): void {
  write(storage, KEY.tabs, { open: tabs.open, active: tabs.active });
}

/** Saves which projects are collapsed. */
export function saveCollapsed(storage: KeyValueStorage, collapsed: readonly string[]): void {
  write(storage, KEY.collapsed, collapsed);
}

/** Saves whether the sidebar is collapsed. */
export function saveSidebarCollapsed(storage: KeyValueStorage, collapsed: boolean): void {
  write(storage, KEY.sidebar, collapsed);
}

/** Saves scroll positions, keeping only those of `openTabs` (closed tabs forget theirs). */
export function saveScroll(
  storage: KeyValueStorage,
  scroll: Record<string, ScrollPosition>,
  openTabs: readonly string[],
): void {
  const kept: Record<string, ScrollPosition> = {};
  for (const id of openTabs) {
    const position = scroll[id];
    if (position) kept[id] = position;
  }
  write(storage, KEY.scroll, kept);
}

/** Saves tab titles of the open tabs. */
export function saveTitles(
  storage: KeyValueStorage,
  titles: PersistedState["titles"],
  openTabs: readonly string[],
): void {
  const kept: PersistedState["titles"] = {};
  for (const id of openTabs) {
    const entry = titles[id];
    if (entry) kept[id] = entry;
  }
  write(storage, KEY.titles, kept);
}
