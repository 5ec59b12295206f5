// The item state reducer: upserts replace in place, history then stream, seq gaps and duplicates, older pages, turns.
import { describe, expect, it } from "vitest";
import { historyMsg, message, toolCall, turnMsg, upsertMsg } from "../test-helpers.js";
import {
  applyHistory,
  applyPermissionRequest,
  applyPermissionResolved,
  applyStream,
  createSessionItems,
  noteSent,
  pendingPermissions,
  runningTurn,
  type SessionItems,
} from "./items.js";

function loaded(seq = 0): SessionItems {
  const state = createSessionItems("s1");
  applyHistory(state, historyMsg([], seq));
  return state;
}

const contents = (state: SessionItems) =>
  state.order.map((id) => {
    const item = state.items.get(id);
    return item && item.type !== "tool_call" ? item.content : item?.toolName;
  });

describe("applyStream", () => {
  it("replaces an item in place on every upsert of the same itemId (no duplicates)", () => {
    const state = loaded();
    applyStream(state, upsertMsg(1, message("t1:1:0", "Hel", { status: "create" })));
    applyStream(state, upsertMsg(2, message("t1:1:1", "other", { status: "create" })));
    applyStream(state, upsertMsg(3, message("t1:1:0", "Hello wor", { status: "update" })));
    applyStream(state, upsertMsg(4, message("t1:1:0", "Hello world", { status: "complete" })));
    expect(state.order).toEqual(["t1:1:0", "t1:1:1"]);
    expect(contents(state)).toEqual(["Hello world", "other"]);
    expect(state.lastSeq).toBe(4);
  });

  it("ignores messages whose seq was already applied", () => {
    const state = loaded();
    applyStream(state, upsertMsg(1, message("a", "first", { status: "create" })));
    applyStream(state, upsertMsg(2, message("a", "second", { status: "update" })));
    const result = applyStream(state, upsertMsg(1, message("a", "first", { status: "create" })));
    expect(result.kind).toBe("ignored");
    expect(contents(state)).toEqual(["second"]);
  });

  it("reports a gap with the seq to resume after, without applying the message", () => {
    const state = loaded();
    applyStream(state, upsertMsg(1, message("a", "one")));
    const result = applyStream(state, upsertMsg(3, message("b", "three")));
    expect(result).toEqual({ kind: "gap", afterSeq: 1 });
    expect(state.items.has("b")).toBe(false);
    expect(state.resyncFrom).toBe(1);
    applyStream(state, upsertMsg(2, message("c", "two")));
    applyStream(state, upsertMsg(3, message("b", "three")));
    expect(contents(state)).toEqual(["one", "two", "three"]);
    expect(state.resyncFrom).toBeNull();
  });

  it("ignores the stream until the first history arrived, then continues from the history's seq", () => {
    const state = createSessionItems("s1");
    expect(applyStream(state, upsertMsg(1, message("early", "x"))).kind).toBe("ignored");
    applyHistory(state, historyMsg([message("h1", "from history")], 7));
    expect(applyStream(state, upsertMsg(8, message("n", "next"))).kind).toBe("applied");
    expect(contents(state)).toEqual(["from history", "next"]);
  });

  it("applies in-flight messages that follow a fresh history even when their seq is not above it", () => {
    const state = createSessionItems("s1");
    applyHistory(state, historyMsg([message("t0:1:0", "done before")], 10));
    applyStream(
      state,
      turnMsg(9, { type: "turn_started", turnId: "t1", sessionId: "s1", modelId: "m", providerId: "codex" }),
    );
    applyStream(state, upsertMsg(10, message("t1:1:0", "streaming", { status: "update" })));
    expect(contents(state)).toEqual(["done before", "streaming"]);
    expect(runningTurn(state)?.turnId).toBe("t1");
    applyStream(state, upsertMsg(11, message("t1:1:0", "streaming done")));
    expect(state.inFlightWindow).toBeNull();
    expect(applyStream(state, upsertMsg(10, message("t1:1:0", "stale", { status: "update" }))).kind).toBe("ignored");
    expect(contents(state)).toEqual(["done before", "streaming done"]);
  });

  it("never turns a finished item back into a streaming one", () => {
    const state = createSessionItems("s1");
    applyHistory(state, historyMsg([message("a", "final")], 5));
    applyStream(state, upsertMsg(4, message("a", "partial", { status: "update" })));
    expect(contents(state)).toEqual(["final"]);
  });
});

describe("turns", () => {
  it("tracks running between turn_started and its terminal event, with usage", () => {
    const state = loaded();
    applyStream(
      state,
      turnMsg(1, { type: "turn_started", turnId: "t1", sessionId: "s1", modelId: "m", providerId: "claude-code" }),
    );
    expect(runningTurn(state)?.turnId).toBe("t1");
    const usage = { inputTokens: 1234, outputTokens: 56, costUsd: 0.01 };
    applyStream(
      state,
      turnMsg(2, { type: "turn_complete", turnId: "t1", sessionId: "s1", status: "completed", usage }),
    );
    expect(runningTurn(state)).toBeUndefined();
    expect(state.turns.get("t1")).toMatchObject({ status: "completed", usage, modelId: "m" });
  });

  it("records a turn error with its code and message", () => {
    const state = loaded();
    applyStream(
      state,
      turnMsg(1, { type: "turn_started", turnId: "t1", sessionId: "s1", modelId: "m", providerId: "codex" }),
    );
    applyStream(
      state,
      turnMsg(2, {
        type: "turn_error",
        turnId: "t1",
        sessionId: "s1",
        errorCode: "AUTHENTICATION_FAILED",
        errorMessage: "bad key",
      }),
    );
    expect(state.turns.get("t1")).toMatchObject({
      status: "error",
      errorCode: "AUTHENTICATION_FAILED",
      errorMessage: "bad key",
    });
  });

  it("noteSent marks the turn running unless its terminal event already arrived", () => {
    const state = loaded();
    noteSent(state, "t1");
    expect(runningTurn(state)?.turnId).toBe("t1");
    applyStream(state, turnMsg(1, { type: "turn_complete", turnId: "t1", sessionId: "s1", status: "cancelled" }));
    noteSent(state, "t1");
    expect(runningTurn(state)).toBeUndefined();
    expect(state.turns.get("t1")?.status).toBe("cancelled");
  });

  it("a fresh history forgets running turns (in-flight messages re-establish them) but keeps finished ones", () => {
    const state = loaded();
    applyStream(
      state,
      turnMsg(1, { type: "turn_started", turnId: "t1", sessionId: "s1", modelId: "m", providerId: "codex" }),
    );
    applyStream(state, turnMsg(2, { type: "turn_complete", turnId: "t1", sessionId: "s1", status: "completed" }));
    applyStream(
      state,
      turnMsg(3, { type: "turn_started", turnId: "t2", sessionId: "s1", modelId: "m", providerId: "codex" }),
    );
    applyHistory(state, historyMsg([message("x", "hi", { turnId: "t1" })], 40));
    expect(state.turns.get("t1")?.status).toBe("completed");
    expect(runningTurn(state)).toBeUndefined();
    expect(state.lastSeq).toBe(40);
  });
});

describe("history pages", () => {
  it("puts an older page before what is shown, skipping items already held, and keeps lastSeq", () => {
    const state = createSessionItems("s1");
    applyHistory(
      state,
      historyMsg([message("c", "C", { turnId: "t3" }), message("d", "D", { turnId: "t3" })], 20, { hasMore: true }),
    );
    state.loadingOlder = true;
    const result = applyHistory(
      state,
      historyMsg(
        [message("a", "A", { turnId: "t2" }), message("b", "B", { turnId: "t2" }), message("c", "C", { turnId: "t3" })],
        20,
        { older: true, hasMore: false },
      ),
    );
    expect(result).toEqual({ kind: "prepended", itemIds: ["a", "b"] });
    expect(contents(state)).toEqual(["A", "B", "C", "D"]);
    expect(state.turnOrder).toEqual(["t2", "t3"]);
    expect(state.lastSeq).toBe(20);
    expect(state.hasMore).toBe(false);
    expect(state.loadingOlder).toBe(false);
  });

  it("a fresh history replaces everything held before", () => {
    const state = loaded();
    applyStream(state, upsertMsg(1, message("old", "old")));
    applyHistory(state, historyMsg([message("new", "new")], 3));
    expect(contents(state)).toEqual(["new"]);
  });
});

describe("permissions", () => {
  const request = {
    requestId: "p1",
    sessionId: "s1",
    turnId: "t1",
    callId: "call-1",
    toolName: "Bash",
    input: { command: "ls" },
    options: [{ optionId: "allow", name: "Allow", kind: "allow_once" as const }],
  };

  it("keeps a request pending until resolved", () => {
    const state = loaded();
    applyPermissionRequest(state, request);
    expect(pendingPermissions(state)).toHaveLength(1);
    applyPermissionResolved(state, "p1", "allow", "selected");
    expect(pendingPermissions(state)).toHaveLength(0);
    expect(state.permissions.get("p1")?.resolution).toEqual({ outcome: "selected", optionId: "allow" });
  });

  it("closes a turn's unanswered requests when the turn ends", () => {
    const state = loaded();
    applyPermissionRequest(state, request);
    applyStream(state, turnMsg(1, { type: "turn_complete", turnId: "t1", sessionId: "s1", status: "cancelled" }));
    expect(state.permissions.get("p1")?.resolution).toEqual({ outcome: "cancelled" });
  });

  it("a re-sent request does not reopen a resolved one", () => {
    const state = loaded();
    applyPermissionRequest(state, request);
    applyPermissionResolved(state, "p1", undefined, "cancelled");
    applyPermissionRequest(state, request);
    expect(pendingPermissions(state)).toHaveLength(0);
  });
});

describe("tool calls", () => {
  it("a tool result updates the call's item: arguments, then output", () => {
    const state = loaded();
    applyStream(state, upsertMsg(1, toolCall("t1:tool:c1", "c1")));
    applyStream(
      state,
      upsertMsg(2, toolCall("t1:tool:c1", "c1", { status: "update", toolArguments: { command: "ls" } })),
    );
    applyStream(
      state,
      upsertMsg(
        3,
        toolCall("t1:tool:c1", "c1", { status: "complete", toolArguments: { command: "ls" }, toolOutput: "a\nb" }),
      ),
    );
    expect(state.order).toEqual(["t1:tool:c1"]);
    expect(state.items.get("t1:tool:c1")).toMatchObject({ status: "complete", toolOutput: "a\nb" });
    expect(state.callIds.get("c1")).toBe("t1:tool:c1");
  });
});
