// The terminal panel's state: each session's terminals (as the server reports them), the active one, the panel's size.
import type { TerminalInfo } from "../../shared/contracts/index.js";

/** The panel: shown or hidden (hiding never ends a shell) and its height in CSS pixels. */
export interface TerminalPanelState {
  open: boolean;
  height: number;
}

/** Every terminal the page knows of, by session (oldest first), and the active terminal of each session. */
export interface TerminalsState {
  bySession: Record<string, TerminalInfo[]>;
  active: Record<string, string>;
  /** Sessions whose list was asked for and has not arrived yet. */
  loading: string[];
  panel: TerminalPanelState;
}

/** Panel heights are kept between these, in CSS pixels. */
export const PANEL_HEIGHT = { min: 120, max: 2000, initial: 280 } as const;

/** The panel height within bounds (a stored or dragged value). */
export function clampPanelHeight(height: number): number {
  if (!Number.isFinite(height)) return PANEL_HEIGHT.initial;
  return Math.round(Math.min(PANEL_HEIGHT.max, Math.max(PANEL_HEIGHT.min, height)));
}

/** The state at boot: no terminals known yet, the panel as it was left. */
export function initialTerminalsState(panel: TerminalPanelState): TerminalsState {
  return { bySession: {}, active: {}, loading: [], panel };
}

/** Replaces one session's list (`terminal:list`); keeps the active one when it still exists, else the first. */
export function setTerminalList(state: TerminalsState, sessionId: string, terminals: TerminalInfo[]): TerminalsState {
  const active = state.active[sessionId];
  const keep = active !== undefined && terminals.some((t) => t.terminalId === active);
  return {
    ...state,
    bySession: { ...state.bySession, [sessionId]: terminals },
    active: withActive(state.active, sessionId, keep ? active : terminals[0]?.terminalId),
    loading: state.loading.filter((id) => id !== sessionId),
  };
}

/**
 * Adds or replaces one terminal (`terminal:created`, `terminal:updated`). A new one is appended; `focus` makes it the
 * session's active terminal (the one this page just created), and a session's first terminal is always active.
 */
export function upsertTerminal(state: TerminalsState, terminal: TerminalInfo, focus = false): TerminalsState {
  const list = state.bySession[terminal.sessionId] ?? [];
  const index = list.findIndex((t) => t.terminalId === terminal.terminalId);
  const next = index < 0 ? [...list, terminal] : list.map((t, i) => (i === index ? terminal : t));
  const active = focus || state.active[terminal.sessionId] === undefined ? terminal.terminalId : undefined;
  return {
    ...state,
    bySession: { ...state.bySession, [terminal.sessionId]: next },
    active: active === undefined ? state.active : { ...state.active, [terminal.sessionId]: active },
  };
}

/** Removes a closed terminal; when it was active, its right neighbour (else the left one) becomes active. */
export function removeTerminal(state: TerminalsState, sessionId: string, terminalId: string): TerminalsState {
  const list = state.bySession[sessionId] ?? [];
  const index = list.findIndex((t) => t.terminalId === terminalId);
  if (index < 0) return state;
  const next = list.filter((t) => t.terminalId !== terminalId);
  const wasActive = state.active[sessionId] === terminalId;
  const neighbour = next[Math.min(index, next.length - 1)]?.terminalId;
  return {
    ...state,
    bySession: { ...state.bySession, [sessionId]: next },
    active: wasActive ? withActive(state.active, sessionId, neighbour) : state.active,
  };
}

/** A session's terminals (oldest first) and its active one. */
export function sessionTerminals(
  state: TerminalsState,
  sessionId: string,
): { terminals: TerminalInfo[]; active: TerminalInfo | undefined } {
  const terminals = state.bySession[sessionId] ?? [];
  const active = terminals.find((t) => t.terminalId === state.active[sessionId]) ?? terminals[0];
  return { terminals, active };
}

/** A terminal's state in words for its tab: empty while it runs, else how it ended. */
export function exitText(terminal: TerminalInfo): string {
  if (terminal.state === "running") return "";
  if (terminal.signal) return `ended by ${terminal.signal}`;
  return `exited with code ${terminal.exitCode ?? 0}`;
}

function withActive(active: Record<string, string>, sessionId: string, terminalId: string | undefined) {
  if (terminalId === undefined) {
    if (!(sessionId in active)) return active;
    const { [sessionId]: _gone, ...rest } = active;
    return rest;
  }
  return active[sessionId] === terminalId ? active : { ...active, [sessionId]: terminalId };
}
