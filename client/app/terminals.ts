// Terminals, user → server and server → state: the panel's commands on /ws, each terminal's own socket, the lists.
import type { ClientMessage, ServerMessageOf, TerminalInfo } from "../../shared/contracts/index.js";
import { TerminalSocket } from "../net/terminal-socket.js";
import { describeError } from "../state/error-text.js";
import {
  clampPanelHeight,
  removeTerminal,
  setTerminalList,
  type TerminalsState,
  upsertTerminal,
} from "../state/terminals.js";
import type { AppContext } from "./context.js";

/** What a terminal view shows: output to write, a screen to clear, the terminal's changes, the socket's state. */
export interface TerminalSink {
  /** Bytes to write; call `parsed` once the emulator has parsed them. */
  output(data: Uint8Array, parsed: () => void): void;
  /** Clear the screen, after what was written so far (a new stream follows). */
  reset(): void;
  terminal(info: TerminalInfo): void;
  status(status: "connecting" | "open" | "gone", message?: string): void;
  refused(message: string): void;
}

/** A view's link to its terminal: type, resize, let go. */
export interface TerminalAttachment {
  /** Keys or a paste; false (and dropped, never queued) while the socket is not connected. */
  input(data: string): boolean;
  resize(cols: number, rows: number): void;
  dispose(): void;
}

/** The terminal panel's commands. The promise-returning ones resolve to whether it worked; failures show a toast. */
export interface TerminalActions {
  /** Shows or hides the panel (default: toggles). Hiding never ends a shell. */
  togglePanel(open?: boolean): void;
  setPanelHeight(height: number): void;
  /**
   * Asks for a session's terminals (`terminal:list`) unless the list is known, on its way, failed since the last
   * connect, or the socket is not connected (then `refreshLists` asks once it is).
   */
  ensureList(sessionId: string): void;
  /** Asks again for the terminals of every open tab (after a reconnect). */
  refreshLists(): void;
  /** Starts a shell in the session's folder (`terminal:create`) and makes it the active terminal. */
  create(sessionId: string, size?: { cols: number; rows: number }): Promise<boolean>;
  focus(sessionId: string, terminalId: string): void;
  rename(terminalId: string, name: string): Promise<boolean>;
  restart(terminalId: string): Promise<boolean>;
  close(terminalId: string): Promise<boolean>;
  /** Opens the terminal's own socket for a view. */
  attach(terminalId: string, sink: TerminalSink): TerminalAttachment;
}

/** The `ws://…/ws/terminal/<id>` URL of a terminal's socket on this page's server. */
export function terminalSocketUrl(terminalId: string): string {
  const protocol = location.protocol === "https:" ? "wss:" : "ws:";
  return `${protocol}//${location.host}/ws/terminal/${encodeURIComponent(terminalId)}`;
}

/** Creates the terminal actions bound to `ctx`; `socketUrl` defaults to this page's server. */
export function createTerminalActions(
  ctx: AppContext,
  socketUrl: (terminalId: string) => string = terminalSocketUrl,
): TerminalActions {
  const { store, transport } = ctx;
  const update = (change: (state: TerminalsState) => TerminalsState) =>
    store.set((s) => ({ terminals: change(s.terminals) }));
  const fail = (error: unknown) => {
    const { code, message } = error as { code?: string; message?: string };
    ctx.reportError(code ?? "INTERNAL_ERROR", describeError(code ?? "INTERNAL_ERROR", message ?? ""));
    return false;
  };
  /** Sends a command whose reply the broadcasts already apply; resolves to whether it worked (failures shown). */
  const run = async (command: ClientMessage): Promise<boolean> => {
    try {
      await transport.request(command);
      return true;
    } catch (error) {
      return fail(error);
    }
  };
  /** Sessions whose list request failed: not asked again until the next (re)connect (`refreshLists`). */
  const failed = new Set<string>();
  const list = async (sessionId: string) => {
    update((s) => ({ ...s, loading: [...s.loading.filter((id) => id !== sessionId), sessionId] }));
    try {
      const reply = await transport.request({ type: "terminal:list", sessionId });
      if (reply.type === "terminal:list") update((s) => setTerminalList(s, sessionId, reply.terminals));
    } catch (error) {
      failed.add(sessionId);
      update((s) => ({ ...s, loading: s.loading.filter((id) => id !== sessionId) }));
      const code = (error as { code?: string }).code;
      if (code !== "SESSION_NOT_FOUND" && code !== "NOT_CONNECTED") fail(error);
    }
  };

  return {
    togglePanel(open) {
      update((s) => ({ ...s, panel: { ...s.panel, open: open ?? !s.panel.open } }));
    },
    setPanelHeight(height) {
      update((s) => ({ ...s, panel: { ...s.panel, height: clampPanelHeight(height) } }));
    },
    ensureList(sessionId) {
      const { terminals } = store.get();
      if (sessionId in terminals.bySession || terminals.loading.includes(sessionId) || failed.has(sessionId)) return;
      if (transport.state.status !== "connected") return; // refreshLists() asks once connected
      void list(sessionId);
    },
    refreshLists() {
      failed.clear();
      for (const sessionId of store.get().tabs.open) void list(sessionId);
    },
    async create(sessionId, size) {
      try {
        const reply = await transport.request({ type: "terminal:create", sessionId, ...size });
        if (reply.type === "terminal:created") update((s) => upsertTerminal(s, reply.terminal, true));
        return true;
      } catch (error) {
        return fail(error);
      }
    },
    focus(sessionId, terminalId) {
      update((s) => ({ ...s, active: { ...s.active, [sessionId]: terminalId } }));
    },
    rename: (terminalId, name) => run({ type: "terminal:rename", terminalId, name }),
    restart: (terminalId) => run({ type: "terminal:restart", terminalId }),
    close: (terminalId) => run({ type: "terminal:close", terminalId }),
    attach(terminalId, sink) {
      const socket = new TerminalSocket(socketUrl(terminalId), {
        ...sink,
        terminal: (info) => {
          update((s) => upsertTerminal(s, info));
          sink.terminal(info);
        },
      });
      return {
        input: (data) => socket.input(data),
        resize: (cols, rows) => socket.resize(cols, rows),
        dispose: () => socket.dispose(),
      };
    },
  };
}

/** Applies `terminal:list`, `terminal:created`, `terminal:updated` and `terminal:closed` to the store. */
export function onTerminalMessage(
  ctx: AppContext,
  message: ServerMessageOf<"terminal:list" | "terminal:created" | "terminal:updated" | "terminal:closed">,
): void {
  ctx.store.set((s) => {
    switch (message.type) {
      case "terminal:list":
        return { terminals: setTerminalList(s.terminals, message.sessionId, message.terminals) };
      case "terminal:created":
      case "terminal:updated":
        return { terminals: upsertTerminal(s.terminals, message.terminal) };
      case "terminal:closed":
        return { terminals: removeTerminal(s.terminals, message.sessionId, message.terminalId) };
    }
  });
}
