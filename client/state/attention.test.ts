// What counts as "needs attention" and when it clears: approvals, failed and finished turns, looking, reloads.
import { describe, expect, it } from "vitest";
import type { AttentionApproval, AttentionTurn } from "../../shared/contracts/index.js";
import {
  addApproval,
  addTurn,
  applySnapshot,
  attentionCount,
  attentionEntries,
  attentionOf,
  EMPTY_ATTENTION,
  forgetSession,
  freshAttention,
  lookingAt,
  markSeen,
  removeApproval,
} from "./attention.js";
import { ATTENTION_KEEP, loadAttention, saveAttention } from "./attention-persist.js";
import type { KeyValueStorage } from "./persist.js";

const at = (second: number) => `2026-12-03T10:00:${String(second).padStart(2, "0")}.000Z`;
const turn = (sessionId: string, second: number, outcome: AttentionTurn["outcome"] = "completed"): AttentionTurn => ({
  sessionId,
  turnId: `${sessionId}-t${second}`,
  outcome,
  ...(outcome === "error" ? { errorMessage: "Authentication failed" } : {}),
  endedAt: at(second),
});
const approval = (sessionId: string, requestId: string, second: number): AttentionApproval => ({
  sessionId,
  askedAt: at(second),
  request: {
    requestId,
    sessionId,
    turnId: "t",
    toolName: "Write",
    input: {},
    options: [{ optionId: "allow", name: "Allow once", kind: "allow_once" }],
  },
});

function memoryStorage(): KeyValueStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
}

describe("what needs attention", () => {
  it("a finished turn of a session not looked at counts until the user looks at it", () => {
    let state = addTurn(EMPTY_ATTENTION, turn("a", 1), "b");
    expect(attentionOf(state, "a")).toBe("finished");
    expect(attentionCount(state)).toBe(1);
    state = markSeen(state, lookingAt({ active: "a" }, false));
    expect(attentionOf(state, "a")).toBe("finished"); // the page is hidden: not looked at
    state = markSeen(state, lookingAt({ active: "a" }, true));
    expect(attentionOf(state, "a")).toBeNull();
    expect(attentionCount(state)).toBe(0);
  });

  it("a turn that ends while the user looks at its session never counts; the next one unseen does", () => {
    let state = addTurn(EMPTY_ATTENTION, turn("a", 1), "a");
    expect(attentionOf(state, "a")).toBeNull();
    state = addTurn(state, turn("a", 5, "error"), null);
    expect(attentionOf(state, "a")).toBe("failed");
    expect(attentionEntries(state)[0]?.turn?.errorMessage).toBe("Authentication failed");
  });

  it("an approval counts while it waits, even while looked at, and clears when answered", () => {
    let state = addTurn(EMPTY_ATTENTION, turn("a", 1), null);
    state = addApproval(state, approval("a", "p1", 2));
    expect(attentionOf(state, "a")).toBe("approval");
    state = markSeen(state, "a");
    expect(attentionOf(state, "a")).toBe("approval");
    state = removeApproval(state, "p1");
    expect(attentionOf(state, "a")).toBeNull(); // the finished turn was seen meanwhile
  });

  it("lists every session that needs attention newest first, with its waiting approvals", () => {
    let state = addTurn(EMPTY_ATTENTION, turn("old", 1), null);
    state = addTurn(state, turn("failed", 3, "error"), null);
    state = addApproval(state, approval("asking", "p1", 2));
    state = addApproval(state, approval("asking", "p2", 4));
    state = addTurn(state, turn("seen", 9), "seen");
    const entries = attentionEntries(state);
    expect(entries.map((e) => [e.sessionId, e.kind])).toEqual([
      ["asking", "approval"],
      ["failed", "failed"],
      ["old", "finished"],
    ]);
    expect(entries[0]?.approvals.map((a) => a.request.requestId)).toEqual(["p1", "p2"]);
  });

  it("an older turn end arriving late does not replace a newer one", () => {
    let state = addTurn(EMPTY_ATTENTION, turn("a", 5, "error"), null);
    state = addTurn(state, turn("a", 1), null);
    expect(attentionOf(state, "a")).toBe("failed");
  });

  it("a snapshot replaces the approvals (answered elsewhere while offline) and merges turn ends", () => {
    let state = addApproval(EMPTY_ATTENTION, approval("a", "gone", 1));
    state = addTurn(state, turn("b", 2), null);
    state = markSeen(state, "b");
    state = applySnapshot(state, { approvals: [approval("c", "p3", 3)], turns: [turn("b", 2), turn("d", 4)] }, "d");
    expect(attentionOf(state, "a")).toBeNull();
    expect(attentionOf(state, "b")).toBeNull(); // the same end, already seen: not resurrected
    expect(attentionOf(state, "c")).toBe("approval");
    expect(attentionOf(state, "d")).toBeNull(); // being looked at
  });

  it("an archived session is forgotten", () => {
    let state = addApproval(addTurn(EMPTY_ATTENTION, turn("a", 1), null), approval("a", "p", 2));
    state = forgetSession(state, "a");
    expect(attentionCount(state)).toBe(0);
  });

  it("what is new for a notification: a new reason or a newer event, never the same entry twice", () => {
    const first = addTurn(EMPTY_ATTENTION, turn("a", 1), null);
    expect(freshAttention(EMPTY_ATTENTION, first).map((e) => e.kind)).toEqual(["finished"]);
    const asked = addApproval(first, approval("a", "p", 2));
    expect(freshAttention(first, asked).map((e) => e.kind)).toEqual(["approval"]);
    expect(freshAttention(asked, addTurn(asked, turn("b", 3), "b"))).toEqual([]);
    const again = addTurn(first, turn("a", 7, "error"), null);
    expect(freshAttention(first, again).map((e) => e.kind)).toEqual(["failed"]);
    expect(freshAttention(again, markSeen(again, "a"))).toEqual([]);
  });
});

describe("across a reload", () => {
  it("a seen turn stays seen and an unseen one still counts; approvals come only from the server", () => {
    const storage = memoryStorage();
    let state = addTurn(EMPTY_ATTENTION, turn("seen", 1), "seen");
    state = addTurn(state, turn("unseen", 2), null);
    state = addApproval(state, approval("x", "p", 3));
    saveAttention(storage, state);
    const restored = loadAttention(storage);
    expect(attentionOf(restored, "seen")).toBeNull();
    expect(attentionOf(restored, "unseen")).toBe("finished");
    expect(attentionOf(restored, "x")).toBeNull();
  });

  it("a corrupt or foreign entry gives nothing, and only the newest turn ends are kept", () => {
    const storage = memoryStorage();
    storage.setItem("liminal:v1:attention", "{not json");
    expect(loadAttention(storage)).toEqual(EMPTY_ATTENTION);
    storage.setItem("liminal:v1:attention", JSON.stringify({ turns: [{ sessionId: "a" }, 5], seen: { b: 3 } }));
    expect(attentionCount(loadAttention(storage))).toBe(0);
    let state = EMPTY_ATTENTION;
    for (let i = 0; i < ATTENTION_KEEP + 5; i++)
      state = addTurn(
        state,
        { ...turn(`s${i}`, 0), endedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString() },
        null,
      );
    saveAttention(storage, state);
    const kept = loadAttention(storage);
    expect(Object.keys(kept.turns)).toHaveLength(ATTENTION_KEEP);
    expect(kept.turns.s0).toBeUndefined();
    expect(kept.turns[`s${ATTENTION_KEEP + 4}`]).toBeDefined();
  });
});
