// The Changes panel's refresh rules and actions, through the page's wiring (server messages → handleServerMessage,
// actions → a transport whose replies the test gives): when the list is read again, never two requests at once, and
// what Commit / Merge / Discard send and show.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ClientMessage, ServerMessage, SessionSummary } from "../../shared/contracts/index.js";
import { silentLogger } from "../../shared/util/index.js";
import type { AppState } from "../state/app-state.js";
import { sessionChanges } from "../state/changes.js";
import { applyHistory } from "../state/items.js";
import { ItemsRegistry } from "../state/registry.js";
import { createStore } from "../state/store.js";
import { historyMsg, oneTabState, toolCall, turnMsg, upsertMsg } from "../test-helpers.js";
import { createActions } from "./actions.js";
import { REFRESH_DEBOUNCE_MS } from "./changes.js";
import type { AppContext, Transport } from "./context.js";
import { ResyncTracker } from "./resume.js";
import { handleServerMessage } from "./sync.js";

interface Pending {
  message: ClientMessage;
  resolve(reply: ServerMessage): void;
  reject(error: unknown): void;
}

const T = "2026-01-01T00:00:00.000Z";
const session = (changes = { files: 1, additions: 1, deletions: 0 }): SessionSummary => ({
  sessionId: "s1",
  cliType: "claude-code",
  projectId: "p1",
  title: "Say hello",
  state: "idle",
  lastActiveAt: T,
  workspace: { kind: "worktree", path: "/w/lb/x", branch: "lb/x", base: "main", changes },
});
const emptyList = { base: "b", head: "h", files: [], uncommitted: 0 };

function setup() {
  const pending: Pending[] = [];
  const transport: Transport = {
    state: { status: "connected", attempt: 0, retryAt: null },
    send: () => true,
    request: (message) => new Promise((resolve, reject) => pending.push({ message, resolve, reject })),
    fire: () => true,
  };
  const store = createStore<AppState>({ ...oneTabState(), sessions: { p1: [session()] } });
  const registry = new ItemsRegistry();
  applyHistory(registry.ensure("s1"), historyMsg([], 0));
  const ctx: AppContext = {
    store,
    registry,
    transport,
    resync: new ResyncTracker(3000, () => 0),
    reportError: () => {},
    logger: silentLogger,
  };
  const actions = createActions(ctx);
  const receive = (message: ServerMessage) => handleServerMessage(ctx, message);
  /** The requests of `type` not answered yet. */
  const open = (type: string) => pending.filter((p) => p.message.type === type);
  /** Answers the oldest open request of `type` (with a reply of `reply.type`, default the same) and lets the page react. */
  const answer = async (type: string, reply: Record<string, unknown> | Error) => {
    const request = open(type)[0];
    if (!request) throw new Error(`no open ${type} request`);
    pending.splice(pending.indexOf(request), 1);
    if (reply instanceof Error) request.reject(reply);
    else request.resolve({ type, sessionId: "s1", ...reply } as ServerMessage);
    await vi.advanceTimersByTimeAsync(0);
  };
  const listAsked = () => open("session:changes").length;
  let seq = 0;
  const tool = (kind: string, status: "update" | "complete" | "error", itemId = `t1:${kind}`) =>
    receive(upsertMsg(++seq, toolCall(itemId, itemId, { kind, status })));
  const turn = (type: "turn_started" | "turn_complete", turnId = "t1") =>
    receive(
      turnMsg(
        ++seq,
        type === "turn_started"
          ? { type, turnId, sessionId: "s1", modelId: "m", providerId: "claude-code" }
          : { type, turnId, sessionId: "s1", status: "completed" },
      ),
    );
  /** Opens the panel and answers its first read. */
  const openPanel = async () => {
    actions.changes.togglePanel(true);
    await vi.advanceTimersByTimeAsync(0);
    await answer("session:changes", { changes: emptyList });
  };
  return { store, actions, receive, open, answer, listAsked, tool, turn, openPanel };
}

const commandError = (code: string, message: string, files: string[] = []) =>
  Object.assign(new Error(message), { code, files });

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("when the Changes panel reads the list", () => {
  it("reads it when opened, and not while it is hidden", async () => {
    const t = setup();
    t.tool("edit", "complete");
    await vi.advanceTimersByTimeAsync(REFRESH_DEBOUNCE_MS * 2);
    expect(t.listAsked()).toBe(0);
    t.actions.changes.togglePanel(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(t.open("session:changes").map((p) => p.message)).toEqual([{ type: "session:changes", sessionId: "s1" }]);
  });

  it("reads it again 300 ms after a write-like tool call ends, once for several", async () => {
    const t = setup();
    await t.openPanel();
    t.tool("edit", "update");
    t.tool("read", "complete");
    t.tool("search", "complete");
    await vi.advanceTimersByTimeAsync(REFRESH_DEBOUNCE_MS * 2);
    expect(t.listAsked()).toBe(0);
    t.tool("edit", "complete");
    await vi.advanceTimersByTimeAsync(REFRESH_DEBOUNCE_MS - 100);
    t.tool("execute", "error");
    await vi.advanceTimersByTimeAsync(REFRESH_DEBOUNCE_MS - 1);
    expect(t.listAsked()).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.listAsked()).toBe(1);
  });

  it("never sends a second request while one is on its way; the triggers meanwhile ask once more after it", async () => {
    const t = setup();
    await t.openPanel();
    t.tool("edit", "complete", "a");
    await vi.advanceTimersByTimeAsync(REFRESH_DEBOUNCE_MS);
    expect(t.listAsked()).toBe(1);
    t.tool("edit", "complete", "b");
    t.actions.changes.refresh("s1");
    t.turn("turn_complete");
    await vi.advanceTimersByTimeAsync(REFRESH_DEBOUNCE_MS * 3);
    expect(t.listAsked()).toBe(1);
    await t.answer("session:changes", { changes: emptyList });
    await vi.advanceTimersByTimeAsync(REFRESH_DEBOUNCE_MS);
    expect(t.listAsked()).toBe(1);
    await t.answer("session:changes", { changes: emptyList });
    await vi.advanceTimersByTimeAsync(REFRESH_DEBOUNCE_MS * 3);
    expect(t.listAsked()).toBe(0);
  });

  it("reads it again when a turn ends or the live summary moves, not for the same summary", async () => {
    const t = setup();
    await t.openPanel();
    t.receive({ type: "session:updated", session: session() });
    await vi.advanceTimersByTimeAsync(REFRESH_DEBOUNCE_MS * 2);
    expect(t.listAsked()).toBe(0);
    t.receive({ type: "session:updated", session: session({ files: 2, additions: 3, deletions: 0 }) });
    await vi.advanceTimersByTimeAsync(REFRESH_DEBOUNCE_MS);
    expect(t.listAsked()).toBe(1);
    await t.answer("session:changes", { changes: emptyList });
    t.turn("turn_started", "t2");
    await vi.advanceTimersByTimeAsync(REFRESH_DEBOUNCE_MS * 2);
    expect(t.listAsked()).toBe(0);
    t.turn("turn_complete", "t2");
    await vi.advanceTimersByTimeAsync(REFRESH_DEBOUNCE_MS);
    expect(t.listAsked()).toBe(1);
  });

  it("reads it on Refresh, and shows why it cannot be read in words", async () => {
    const t = setup();
    await t.openPanel();
    t.actions.changes.refresh("s1");
    expect(t.listAsked()).toBe(1);
    await t.answer("session:changes", commandError("NOT_A_GIT_REPO", "This folder is not a git repository: /p"));
    expect(sessionChanges(t.store.get().changes, "s1")).toMatchObject({
      list: null,
      error: "This folder is not a git repository: /p",
    });
  });

  it("re-reads the open file's diff with the list", async () => {
    const t = setup();
    await t.openPanel();
    t.actions.changes.openFile("s1", "hello.txt");
    expect(t.open("session:changes:file").map((p) => p.message)).toEqual([
      { type: "session:changes:file", sessionId: "s1", path: "hello.txt" },
    ]);
    await t.answer("session:changes:file", { path: "hello.txt", diff: "+hi\n" });
    t.actions.changes.refresh("s1");
    const file = { path: "hello.txt", status: "added", additions: 2, deletions: 0, binary: false };
    await t.answer("session:changes", { changes: { ...emptyList, files: [file], uncommitted: 1 } });
    await t.answer("session:changes:file", { path: "hello.txt", diff: "+hi\n+there\n" });
    expect(sessionChanges(t.store.get().changes, "s1").file).toMatchObject({ text: "+hi\n+there\n" });
  });
});

describe("Commit, Merge and Discard", () => {
  it("commits with the message, says so with the short commit, and reads the list again", async () => {
    const t = setup();
    await t.openPanel();
    const done = t.actions.changes.commit("s1", "  Say hello ");
    expect(t.open("session:commit").map((p) => p.message)).toEqual([
      { type: "session:commit", sessionId: "s1", message: "Say hello" },
    ]);
    await t.answer("session:commit", { type: "session:committed", commit: "abc1234def" });
    await expect(done).resolves.toBe(true);
    expect(sessionChanges(t.store.get().changes, "s1").status).toBe("Committed abc1234");
    expect(t.listAsked()).toBe(1);
  });

  it("says a merge fast-forwarded, and lists a conflict's files with what to do", async () => {
    const t = setup();
    await t.openPanel();
    const merged = t.actions.changes.merge("s1");
    await t.answer("session:merge", { type: "session:merged", commit: "f00ba12", fastForward: true });
    await expect(merged).resolves.toBe(true);
    expect(sessionChanges(t.store.get().changes, "s1").status).toBe("Merged into main (fast-forward)");
    await t.answer("session:changes", { changes: emptyList });

    const conflict = t.actions.changes.merge("s1");
    await t.answer("session:merge", commandError("MERGE_CONFLICT", "conflicts", ["a.ts", "b.ts"]));
    await expect(conflict).resolves.toBe(false);
    const { status, actionError } = sessionChanges(t.store.get().changes, "s1");
    expect(status).toBeNull();
    expect(actionError?.files).toEqual(["a.ts", "b.ts"]);
    expect(actionError?.text).toContain("rebase its branch onto main in its worktree");
  });

  it("discards only after the confirmation, sending confirm: true", async () => {
    const t = setup();
    t.actions.changes.confirmDiscard("s1", true);
    expect(t.store.get().changes.open).toBe(true);
    expect(sessionChanges(t.store.get().changes, "s1").confirmDiscard).toBe(true);
    expect(t.open("session:discard")).toHaveLength(0);
    void t.actions.changes.discard("s1");
    expect(t.open("session:discard").map((p) => p.message)).toEqual([
      { type: "session:discard", sessionId: "s1", confirm: true },
    ]);
    expect(sessionChanges(t.store.get().changes, "s1")).toMatchObject({ confirmDiscard: false, busy: "discard" });
  });
});
