// Unit tests: the terminal panel's state as terminals are listed, created, changed and closed.
import { describe, expect, it } from "vitest";
import type { TerminalInfo } from "../../shared/contracts/index.js";
import {
  clampPanelHeight,
  exitText,
  initialTerminalsState,
  removeTerminal,
  sessionTerminals,
  setTerminalList,
  upsertTerminal,
} from "./terminals.js";

const terminal = (terminalId: string, extra: Partial<TerminalInfo> = {}): TerminalInfo => ({
  terminalId,
  sessionId: "s-1",
  name: terminalId,
  shell: "/bin/bash",
  cwd: "/app",
  state: "running",
  cols: 80,
  rows: 24,
  createdAt: "2026-12-02T18:00:00.000Z",
  ...extra,
});

const empty = initialTerminalsState({ open: true, height: 280 });

describe("terminal panel state", () => {
  it("makes a session's first terminal active, and a terminal this page created", () => {
    let state = upsertTerminal(empty, terminal("a"));
    state = upsertTerminal(state, terminal("b"));
    expect(sessionTerminals(state, "s-1").active?.terminalId).toBe("a");
    state = upsertTerminal(state, terminal("c"), true);
    expect(sessionTerminals(state, "s-1").active?.terminalId).toBe("c");
    expect(sessionTerminals(state, "s-1").terminals.map((t) => t.terminalId)).toEqual(["a", "b", "c"]);
  });

  it("replaces a terminal in place when it changes", () => {
    let state = setTerminalList(empty, "s-1", [terminal("a"), terminal("b")]);
    state = upsertTerminal(state, terminal("a", { state: "exited", exitCode: 2 }));
    const { terminals } = sessionTerminals(state, "s-1");
    expect(terminals.map((t) => [t.terminalId, t.state])).toEqual([
      ["a", "exited"],
      ["b", "running"],
    ]);
  });

  it("moves to the neighbour when the active terminal closes", () => {
    let state = setTerminalList(empty, "s-1", [terminal("a"), terminal("b"), terminal("c")]);
    state = upsertTerminal(state, terminal("b"), true);
    state = removeTerminal(state, "s-1", "b");
    expect(sessionTerminals(state, "s-1").active?.terminalId).toBe("c");
    state = removeTerminal(state, "s-1", "c");
    expect(sessionTerminals(state, "s-1").active?.terminalId).toBe("a");
    state = removeTerminal(state, "s-1", "a");
    expect(sessionTerminals(state, "s-1")).toEqual({ terminals: [], active: undefined });
  });

  it("keeps the active terminal across a fresh list when it still exists", () => {
    let state = setTerminalList(empty, "s-1", [terminal("a"), terminal("b")]);
    state = upsertTerminal(state, terminal("b"), true);
    expect(
      sessionTerminals(setTerminalList(state, "s-1", [terminal("a"), terminal("b")]), "s-1").active?.terminalId,
    ).toBe("b");
    expect(sessionTerminals(setTerminalList(state, "s-1", [terminal("a")]), "s-1").active?.terminalId).toBe("a");
  });

  it("says how a shell ended", () => {
    expect(exitText(terminal("a"))).toBe("");
    expect(exitText(terminal("a", { state: "exited", exitCode: 7 }))).toBe("exited with code 7");
    expect(exitText(terminal("a", { state: "exited", signal: "SIGKILL" }))).toBe("ended by SIGKILL");
  });

  it("keeps the panel height in bounds", () => {
    expect(clampPanelHeight(10)).toBe(120);
    expect(clampPanelHeight(99_999)).toBe(2000);
    expect(clampPanelHeight(Number.NaN)).toBe(280);
  });
});
