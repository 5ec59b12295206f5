// Opening a session: exact replay after a seq, fresh history when that is no longer held, paging, disk history.
import { afterEach, describe, expect, it } from "vitest";
import type { UpsertObject } from "../../shared/contracts/index.js";
import type { SessionServiceOptions } from "./service-options.js";
import { fakeMessage } from "./testing/fake-provider.js";
import { createServiceHarness, type ServiceHarness } from "./testing/harness.js";

let h: ServiceHarness;
afterEach(async () => {
  await h.cleanup();
});

async function setup(options: Partial<SessionServiceOptions> = {}) {
  h = await createServiceHarness(options);
  const session = await h.service.createSession({ projectId: h.project.projectId, cliType: "claude-code" });
  return session.sessionId;
}

/** Runs one whole turn: user message, one agent reply, completion (4 stream messages). Returns the turnId. */
async function turn(sessionId: string, text: string): Promise<string> {
  const { turnId } = await h.service.sendMessage(sessionId, text);
  h.claude.upsert(sessionId, turnId, { content: `re: ${text}` });
  h.claude.completeTurn(sessionId, turnId);
  return turnId;
}

describe("openSession replay", () => {
  it("replays exactly the stream messages after the browser's last seq", async () => {
    const sessionId = await setup();
    const stream = h.stream(sessionId);
    await turn(sessionId, "one");
    await turn(sessionId, "two");
    const result = await h.service.openSession(sessionId, { afterSeq: 3 });
    expect(result).toEqual({ kind: "replay", messages: stream.slice(3) });
    expect(await h.service.openSession(sessionId, { afterSeq: 8 })).toEqual({ kind: "replay", messages: [] });
  });

  it("sends history instead when the browser's seq is older than the log holds", async () => {
    const sessionId = await setup({ eventLogLimit: 5 });
    const stream = h.stream(sessionId);
    await turn(sessionId, "one");
    await turn(sessionId, "two");
    expect(await h.service.openSession(sessionId, { afterSeq: 3 })).toEqual({
      kind: "replay",
      messages: stream.slice(3),
    });
    const result = await h.service.openSession(sessionId, { afterSeq: 2 });
    expect(result.kind).toBe("history");
    if (result.kind !== "history") return;
    expect(result.seq).toBe(8);
    expect(result.entries.map((e) => e.itemId)).toEqual([
      `${stream[0]?.payload.turnId}:user`,
      `${stream[0]?.payload.turnId}:1:0`,
      `${stream[4]?.payload.turnId}:user`,
      `${stream[4]?.payload.turnId}:1:0`,
    ]);
  });

  it("sends history when the browser's seq is ahead of the log (it saw a server from before a restart)", async () => {
    const sessionId = await setup();
    await turn(sessionId, "one");
    const result = await h.service.openSession(sessionId, { afterSeq: 40 });
    expect(result).toMatchObject({ kind: "history", seq: 4, hasMore: false });
  });
});

describe("openSession history", () => {
  it("gives the last page of completed items and older pages on request", async () => {
    const sessionId = await setup({ historyPageSize: 3 });
    const turns = [await turn(sessionId, "a"), await turn(sessionId, "b"), await turn(sessionId, "c")];
    const ids = turns.flatMap((t) => [`${t}:user`, `${t}:1:0`]);
    const first = await h.service.openSession(sessionId);
    if (first.kind !== "history") throw new Error("expected history");
    expect(first.entries.map((e) => e.itemId)).toEqual(ids.slice(3));
    expect(first.hasMore).toBe(true);
    const older = await h.service.historyPage(sessionId, ids[3] as string);
    expect(older.entries.map((e) => e.itemId)).toEqual(ids.slice(0, 3));
    expect(older.hasMore).toBe(false);
  });

  it("keeps the running turn out of the entries and gives it as in-flight messages with their seq", async () => {
    const sessionId = await setup();
    const stream = h.stream(sessionId);
    await turn(sessionId, "done already");
    const { turnId } = await h.service.sendMessage(sessionId, "still working");
    h.claude.upsert(sessionId, turnId, { status: "create", content: "wor" });
    h.claude.upsert(sessionId, turnId, { status: "update", content: "working" });
    const result = await h.service.openSession(sessionId);
    if (result.kind !== "history") throw new Error("expected history");
    expect(result.entries.every((e) => e.turnId !== turnId)).toBe(true);
    expect(result.entries).toHaveLength(2);
    expect(result.seq).toBe(stream.length);
    expect(result.inFlight.map((m) => m.seq)).toEqual([5, 6, 8]);
    expect(result.inFlight.at(-1)?.payload).toMatchObject({ status: "update", content: "working" });
  });

  it("holds only the last eventLogLimit stream messages but keeps every item for history", async () => {
    const sessionId = await setup({ eventLogLimit: 4 });
    for (const text of ["a", "b", "c", "d"]) await turn(sessionId, text);
    expect(await h.service.openSession(sessionId, { afterSeq: 12 })).toMatchObject({ kind: "replay" });
    const result = await h.service.openSession(sessionId, { afterSeq: 11 });
    if (result.kind !== "history") throw new Error("expected history");
    expect(result.entries).toHaveLength(8);
  });

  it("holds at most replayBudgetBytes of stream messages: a browser that missed a long answer gets history", async () => {
    const sessionId = await setup({ replayBudgetBytes: 12_000 });
    const stream = h.stream(sessionId);
    const { turnId } = await h.service.sendMessage(sessionId, "write a lot");
    for (let k = 1; k <= 10; k += 1) {
      h.claude.upsert(sessionId, turnId, { status: k === 1 ? "create" : "update", content: "w".repeat(1_000 * k) });
    }
    h.claude.upsert(sessionId, turnId, { status: "complete", content: "w".repeat(10_000) });
    h.claude.completeTurn(sessionId, turnId);
    // The user message, 11 upserts, the turn's start and end: only the last two fit in 12,000 bytes.
    expect(stream).toHaveLength(14);
    expect(await h.service.openSession(sessionId, { afterSeq: 12 })).toEqual({
      kind: "replay",
      messages: stream.slice(12),
    });
    const result = await h.service.openSession(sessionId, { afterSeq: 11 });
    if (result.kind !== "history") throw new Error("expected history");
    expect(result.seq).toBe(14);
    expect(result.entries.map((e) => (e.type === "message" ? e.content : undefined))).toEqual([
      "write a lot",
      "w".repeat(10_000),
    ]);
  });

  it("reads a session found on disk from its transcript without starting a CLI", async () => {
    h = await createServiceHarness();
    const history: UpsertObject[] = [
      fakeMessage({ sessionId: "x", turnId: "t1", itemId: "t1:user", origin: "user", content: "old question" }),
      fakeMessage({ sessionId: "x", turnId: "t1", itemId: "t1:1:0", content: "old answer" }),
    ];
    h.disk.add({ providerSessionId: "abc", cwd: h.projectDir }, history);
    const [listed] = await h.service.listSessions(h.project.projectId);
    expect(listed?.sessionId).toBe("claude-code:abc");
    const result = await h.service.openSession("claude-code:abc");
    expect(result).toEqual({
      kind: "history",
      entries: history.map((u) => ({ ...u, sessionId: "claude-code:abc" })),
      seq: 0,
      hasMore: false,
      inFlight: [],
    });
    expect(h.claude.calls.loadSession).toEqual([]);
    expect(h.claude.aliveCount()).toBe(0);
  });

  it("reads an app session's transcript after a restart, before any new turn", async () => {
    const sessionId = await setup();
    await turn(sessionId, "before restart");
    h.disk.histories.set("claude-code:fake-1", [
      fakeMessage({ sessionId: "x", turnId: "t0", itemId: "t0:user", origin: "user", content: "before restart" }),
    ]);
    await h.restart();
    const result = await h.service.openSession(sessionId);
    if (result.kind !== "history") throw new Error("expected history");
    expect(result.entries).toEqual([expect.objectContaining({ sessionId, content: "before restart" })]);
    expect(h.claude.calls.loadSession).toEqual([]);
  });
});
