// Global shortcuts: focus the composer, switch / close tabs, new session, toggle the sidebar and the terminal panel
// (listed in sidebar.ts).
import type { Actions } from "../app/actions.js";
import type { AppState } from "../state/app-state.js";
import { findSession } from "../state/sessions.js";
import type { Store } from "../state/store.js";

/** Where shortcuts act. */
export interface KeyboardTargets {
  focusComposer(): void;
  /** Opens the new-session form for a project and focuses it. */
  newSession(projectId: string): void;
  /** Shows or hides the terminal panel. */
  toggleTerminal(): void;
  /** Shows or hides the Changes panel. */
  toggleChanges(): void;
}

const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

/** Installs the document-level key handler. */
export function installShortcuts(store: Store<AppState>, actions: Actions, targets: KeyboardTargets): void {
  document.addEventListener("keydown", (event) => {
    const state = store.get();
    const mod = event.ctrlKey || event.metaKey;
    const key = event.key.toLowerCase();
    const handled = (): void => {
      event.preventDefault();
      event.stopPropagation();
    };
    if (mod && !event.altKey && !event.shiftKey && key === "l") {
      handled();
      targets.focusComposer();
    } else if (event.key === "/" && !mod && !event.altKey && !isTyping(event.target)) {
      handled();
      targets.focusComposer();
    } else if (event.ctrlKey && event.altKey && (event.key === "ArrowLeft" || event.key === "ArrowRight")) {
      handled();
      actions.cycleTab(event.key === "ArrowLeft" ? -1 : 1);
    } else if (event.altKey && !event.ctrlKey && !event.metaKey && /^Digit[1-9]$/.test(event.code)) {
      const id = state.tabs.open[Number(event.code.slice(5)) - 1];
      if (id) {
        handled();
        actions.focusTab(id);
      }
    } else if (event.ctrlKey && event.altKey && event.code === "KeyN") {
      handled();
      const active = state.tabs.active ? findSession(state.sessions, state.tabs.active) : undefined;
      const projectId = active?.projectId ?? state.projects[0]?.projectId;
      if (projectId) targets.newSession(projectId);
      else document.querySelector<HTMLInputElement>("[data-testid=project-add-input]")?.focus();
    } else if (event.ctrlKey && event.altKey && event.code === "KeyW") {
      handled();
      if (state.tabs.active) actions.closeTab(state.tabs.active);
    } else if (event.ctrlKey && !event.altKey && !event.metaKey && event.code === "Backquote") {
      handled();
      targets.toggleTerminal();
    } else if (event.ctrlKey && event.altKey && event.code === "KeyG") {
      handled();
      targets.toggleChanges();
    } else if (event.ctrlKey && event.altKey && event.code === "KeyB") {
      handled();
      actions.toggleSidebar();
    } else if (event.key === "Escape") {
      const help = document.querySelector<HTMLElement>("[data-testid=keyboard-help]");
      if (help && !help.hidden) help.hidden = true;
      else if (state.newSession) actions.openNewSessionForm(null);
      else if (state.removeConfirm) actions.askRemoveProject(null);
    }
  });
}
