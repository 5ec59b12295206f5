// Transcript structure: turns in order, sub-agent items nested under their parent tool call, permission cards placed.
import { describe, expect, it } from "vitest";
import { historyMsg, message, toolCall, turnMsg, upsertMsg } from "../test-helpers.js";
import { CUT_SHORT_TEXT, itemErrorText } from "./error-text.js";
import { turnStatusText } from "./format.js";
import { applyHistory, applyPermissionRequest, applyStream, createSessionItems } from "./items.js";
import { buildTranscript, drawStart, type ItemNode, type TurnBlock } from "./transcript.js";

const shape = (nodes: ItemNode[]): unknown =>
  nodes.map((n) => (n.children.length ? { [n.itemId]: shape(n.children) } : n.itemId));

describe("buildTranscript", () => {
  it("nests sub-agent items under the tool call whose callId they name, at any depth", () => {
    const state = createSessionItems("s1");
    applyHistory(
      state,
      historyMsg(
        [
          message("t1:user", "do it", { origin: "user" }),
          toolCall("t1:1:0", "task-1", { toolName: "Task", status: "complete" }),
          message("t1:2:0", "sub text", { parentCallId: "task-1" }),
          toolCall("t1:2:1", "sub-tool", { parentCallId: "task-1", status: "complete" }),
          message("t1:3:0", "nested deeper", { parentCallId: "sub-tool" }),
          message("t1:4:0", "done"),
        ],
        6,
      ),
    );
    const [turn] = buildTranscript(state).turns;
    expect(shape(turn?.nodes ?? [])).toEqual(["t1:user", { "t1:1:0": ["t1:2:0", { "t1:2:1": ["t1:3:0"] }] }, "t1:4:0"]);
  });

  it("keeps an item whose parent is not held at its turn's top level", () => {
    const state = createSessionItems("s1");
    applyHistory(state, historyMsg([message("x", "orphan", { parentCallId: "missing" })], 1));
    expect(shape(buildTranscript(state).turns[0]?.nodes ?? [])).toEqual(["x"]);
  });

  it("groups items by turn in conversation order and carries each turn's status", () => {
    const state = createSessionItems("s1");
    applyHistory(state, historyMsg([message("a", "A", { turnId: "t1" })], 0));
    applyStream(
      state,
      turnMsg(1, { type: "turn_started", turnId: "t2", sessionId: "s1", modelId: "m", providerId: "codex" }),
    );
    applyStream(state, upsertMsg(2, message("b", "B", { turnId: "t2", status: "create" })));
    const transcript = buildTranscript(state);
    expect(transcript.turns.map((t) => [t.turnId, t.nodes.map((n) => n.itemId), t.info?.status])).toEqual([
      ["t1", ["a"], undefined],
      ["t2", ["b"], "running"],
    ]);
  });

  it("attaches a permission request to its tool call, else to its turn, else at the end", () => {
    const state = createSessionItems("s1");
    applyHistory(state, historyMsg([toolCall("t1:tool:c1", "c1")], 1));
    const base = {
      sessionId: "s1",
      toolName: "Bash",
      input: {},
      options: [{ optionId: "ok", name: "Allow", kind: "allow_once" as const }],
    };
    applyPermissionRequest(state, { ...base, requestId: "p1", turnId: "t1", callId: "c1" });
    applyPermissionRequest(state, { ...base, requestId: "p2", turnId: "t1", callId: "unknown" });
    applyPermissionRequest(state, { ...base, requestId: "p3", turnId: "t9" });
    const transcript = buildTranscript(state);
    expect(transcript.turns[0]?.nodes[0]?.permissions.map((p) => p.request.requestId)).toEqual(["p1"]);
    expect(transcript.turns[0]?.permissions.map((p) => p.request.requestId)).toEqual(["p2"]);
    expect(transcript.orphanPermissions.map((p) => p.request.requestId)).toEqual(["p3"]);
  });
});

describe("a failed turn's error", () => {
  const STOPPED = "Liminal Builder stopped before this turn ended";
  /** Every sentence the chat view writes for `state`: each turn's status line and each failed item's note. */
  const shownTexts = (state: ReturnType<typeof createSessionItems>): string[] =>
    buildTranscript(state).turns.flatMap((turn) => [
      ...turn.nodes.filter((n) => n.item.status === "error").map((n) => itemErrorText(n.item, n.endedByTurnError)),
      ...(turn.info ? [turnStatusText(turn.info)] : []),
    ]);

  it("is said once, in the turn's status line, when the server's shutdown ends a streaming answer", () => {
    // The stream of SessionRuntime.dispose mid-turn: the open item ends with the turn's error, then turn_error.
    const state = createSessionItems("s1");
    applyHistory(state, historyMsg([], 0));
    applyStream(
      state,
      turnMsg(1, { type: "turn_started", turnId: "t1", sessionId: "s1", modelId: "m", providerId: "codex" }),
    );
    applyStream(state, upsertMsg(2, message("t1:user", "go", { turnId: "t1", origin: "user" })));
    applyStream(state, upsertMsg(3, message("t1:1", "Sentence 1", { turnId: "t1", status: "create" })));
    const failed = { status: "error" as const, errorCode: "SERVER_SHUTDOWN", errorMessage: STOPPED };
    applyStream(state, upsertMsg(4, message("t1:1", "Sentence 1", { turnId: "t1", ...failed })));
    applyStream(
      state,
      turnMsg(5, {
        type: "turn_error",
        turnId: "t1",
        sessionId: "s1",
        errorCode: failed.errorCode,
        errorMessage: STOPPED,
      }),
    );
    expect(shownTexts(state)).toEqual([CUT_SHORT_TEXT, STOPPED]);
  });

  it("leaves an item's own, different error in its note", () => {
    const state = createSessionItems("s1");
    applyHistory(state, historyMsg([], 0));
    applyStream(
      state,
      turnMsg(1, { type: "turn_started", turnId: "t1", sessionId: "s1", modelId: "m", providerId: "codex" }),
    );
    const toolFailed = { status: "error" as const, errorCode: "TOOL_ERROR", errorMessage: "exit 1" };
    applyStream(state, upsertMsg(2, toolCall("t1:tool:c1", "c1", { turnId: "t1", ...toolFailed })));
    applyStream(
      state,
      turnMsg(3, {
        type: "turn_error",
        turnId: "t1",
        sessionId: "s1",
        errorCode: "PROCESS_CRASH",
        errorMessage: "codex-acp exited",
      }),
    );
    expect(shownTexts(state)).toEqual(["exit 1 (TOOL_ERROR)", "The CLI process crashed: codex-acp exited"]);
  });
});

describe("drawStart", () => {
  const turn = (turnId: string, items: number, nested = 0): TurnBlock => ({
    turnId,
    permissions: [],
    nodes: Array.from({ length: items }, (_, i) => ({
      itemId: `${turnId}:${i}`,
      item: message(`${turnId}:${i}`, "x", { turnId }),
      endedByTurnError: false,
      permissions: [],
      children:
        i === 0
          ? Array.from({ length: nested }, (_, j) => ({
              itemId: `${turnId}:sub${j}`,
              item: message(`${turnId}:sub${j}`, "y", { turnId }),
              endedByTurnError: false,
              permissions: [],
              children: [],
            }))
          : [],
    })),
  });
  const turns = [turn("a", 3), turn("b", 3), turn("c", 2, 2), turn("d", 3)];

  it("starts at the latest whole turn from which the rest holds enough items, counting nested ones", () => {
    expect(drawStart(turns, turns.length, 3)).toBe(3);
    expect(drawStart(turns, turns.length, 4)).toBe(2);
    expect(drawStart(turns, turns.length, 7)).toBe(2);
    expect(drawStart(turns, turns.length, 8)).toBe(1);
  });

  it("extends backwards from the first turn drawn, and gives 0 when everything fits", () => {
    expect(drawStart(turns, 2, 3)).toBe(1);
    expect(drawStart(turns, 2, 100)).toBe(0);
    expect(drawStart([], 0, 5)).toBe(0);
  });
});
