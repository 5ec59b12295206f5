// The /ws endpoint over a real socket: command replies, bad input, stream order, replay, several browsers.
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PermissionRequest } from "../../shared/contracts/index.js";
import { createTestApp, listen, type TestApp, TestClient, textOf } from "./testing/harness.js";

let t: TestApp;
let wsUrl: string;
let projectId: string;
const clients: TestClient[] = [];

beforeEach(async () => {
  t = await createTestApp();
  wsUrl = (await listen(t.app)).wsUrl;
  projectId = (await t.project("app")).projectId;
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await t.close();
});

async function connect(): Promise<TestClient> {
  const client = await TestClient.connect(wsUrl);
  clients.push(client);
  return client;
}

function seqs(client: TestClient, sessionId: string): number[] {
  return client.stream(sessionId).map((m) => m.seq);
}

describe("commands", () => {
  it("answers project and session commands with the reply type of CONTRACTS.md section 7, echoing requestId", async () => {
    const client = await connect();
    const site = await t.folder("site");
    const added = await client.request({ type: "project:add", path: site });
    expect(added).toMatchObject({ type: "project:added", project: { path: site } });
    const listed = await client.request({ type: "project:list" });
    expect(listed.type === "project:list" && listed.projects.map((p) => p.path)).toEqual([await t.folder("app"), site]);
    const created = await client.request({ type: "session:create", projectId, cliType: "codex" });
    expect(created).toMatchObject({ type: "session:created", session: { projectId, cliType: "codex", state: "idle" } });
    const sessionId = created.type === "session:created" ? created.session.sessionId : "";
    const sessions = await client.request({ type: "session:list", projectId });
    expect(sessions).toMatchObject({ type: "session:list", projectId, sessions: [{ sessionId }] });
    const sent = await client.request({ type: "session:send", sessionId, content: "Hello" });
    expect(sent).toEqual({
      type: "session:sent",
      requestId: expect.any(String),
      sessionId,
      turnId: expect.any(String),
    });
    const mode = await client.request({ type: "session:permission-mode", sessionId, permissionMode: "plan" });
    expect(mode).toMatchObject({ type: "session:updated", session: { sessionId, permissionMode: "plan" } });
    const killed = await client.request({ type: "session:kill", sessionId });
    expect(killed).toMatchObject({ type: "session:updated", session: { sessionId, state: "dead" } });
    const loaded = await client.request({ type: "session:load", sessionId });
    expect(loaded).toMatchObject({ type: "session:updated", session: { sessionId, state: "idle" } });
    expect((await client.request({ type: "session:kill", sessionId })).type).toBe("session:updated");
    expect(await client.request({ type: "session:archive", sessionId })).toMatchObject({
      type: "session:archived",
      sessionId,
    });
    const archived = await client.request({ type: "session:list", projectId, archived: true });
    expect(archived).toMatchObject({ type: "session:list", projectId, archived: true, sessions: [{ sessionId }] });
    const unarchived = await client.request({ type: "session:unarchive", sessionId });
    expect(unarchived).toMatchObject({ type: "session:updated", session: { sessionId, archived: false } });
    expect(await client.request({ type: "session:list", projectId })).toMatchObject({ sessions: [{ sessionId }] });
    const removed = await client.request({ type: "project:remove", projectId });
    expect(removed).toMatchObject({ type: "project:removed", projectId });
  });

  it("refuses an unknown cliType with UNSUPPORTED_CLI_TYPE", async () => {
    const client = await connect();
    const reply = await client.request({ type: "session:create", projectId, cliType: "gemini" });
    expect(reply).toMatchObject({ type: "error", code: "UNSUPPORTED_CLI_TYPE" });
  });

  it("reports a service failure as error with the code, the requestId and the session", async () => {
    const client = await connect();
    const { sessionId, provider } = await t.session(projectId);
    provider.failNext("sendMessage", "PROCESS_CRASH");
    const reply = await client.request({ type: "session:send", sessionId, content: "hi" });
    expect(reply).toEqual({
      type: "error",
      requestId: expect.any(String),
      code: "PROCESS_CRASH",
      message: expect.stringContaining("Claude Code is not running"),
      sessionId,
    });
  });

  it("cancels: the turn's terminal event arrives on the stream and the reply carries the session", async () => {
    const client = await connect();
    const { sessionId } = await t.session(projectId);
    await client.request({ type: "session:open", sessionId, afterSeq: 0 });
    const sent = await client.request({ type: "session:send", sessionId, content: "long job" });
    const reply = await client.request({ type: "session:cancel", sessionId });
    expect(reply).toMatchObject({ type: "session:updated", session: { sessionId, state: "idle" } });
    const turnId = sent.type === "session:sent" ? sent.turnId : "";
    await client.waitFor((m) => m.type === "session:turn" && m.payload.type === "turn_complete", "turn_complete");
    expect(client.stream(sessionId).at(-1)?.payload).toEqual({
      type: "turn_complete",
      turnId,
      sessionId,
      status: "cancelled",
    });
  });
});

describe("bad input", () => {
  it("answers malformed JSON, unknown types and invalid fields with error, and the socket stays usable", async () => {
    const client = await connect();
    client.send("{not json");
    const malformed = await client.waitFor((m) => m.type === "error", "error for malformed JSON");
    expect(malformed).toEqual({ type: "error", code: "INVALID_REQUEST", message: expect.stringMatching(/JSON/) });
    client.send({ type: "session:explode", requestId: "r-unknown" });
    const unknown = await client.waitFor((m) => "requestId" in m && m.requestId === "r-unknown");
    expect(unknown).toMatchObject({
      type: "error",
      code: "INVALID_REQUEST",
      message: expect.stringContaining("explode"),
    });
    client.send({ type: "session:send", sessionId: "s-1", requestId: "r-invalid" });
    const invalid = await client.waitFor((m) => "requestId" in m && m.requestId === "r-invalid");
    expect(invalid).toMatchObject({
      type: "error",
      code: "INVALID_REQUEST",
      message: expect.stringContaining("content"),
    });
    client.send([1, 2, 3]);
    expect(await client.request({ type: "project:list" })).toMatchObject({ type: "project:list" });
  });

  it("answers opening an unknown session with SESSION_NOT_FOUND, and another session's stream goes on", async () => {
    const client = await connect();
    const live = await t.session(projectId);
    const { sessionId } = live;
    await client.request({ type: "session:open", sessionId, afterSeq: 0 });
    const reply = await client.request({ type: "session:open", sessionId: "s-missing" });
    expect(reply).toMatchObject({ type: "error", code: "SESSION_NOT_FOUND", sessionId: "s-missing" });
    live.startTurn("t1");
    live.text("t1", "still here");
    await client.waitFor((m) => m.type === "session:upsert" && m.sessionId === sessionId);
  });
});

describe("the session stream", () => {
  it("arrives in the order and with the seq the service emitted", async () => {
    const client = await connect();
    const live = await t.session(projectId);
    const { sessionId } = live;
    const opened = await client.request({ type: "session:open", sessionId });
    expect(opened).toMatchObject({ type: "session:history", sessionId, entries: [], seq: 0, hasMore: false });
    const started = live.startTurn("t1");
    const emitted = Array.from({ length: 50 }, (_, i) => live.text("t1", `word ${i}`));
    await client.waitFor((m) => m.type === "session:upsert" && m.seq === 51, "the 50th upsert");
    expect(seqs(client, sessionId)).toEqual([started, ...emitted]);
    expect(seqs(client, sessionId)).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
    const upserts = client.stream(sessionId).filter((m) => m.type === "session:upsert");
    expect(upserts.map((m) => textOf(m.payload))).toEqual(emitted.map((_, i) => `word ${i}`));
  });

  it("after a reconnect, replays exactly what was missed (open with afterSeq)", async () => {
    const live = await t.session(projectId);
    const { sessionId } = live;
    const first = await connect();
    await first.request({ type: "session:open", sessionId, afterSeq: 0 });
    live.startTurn("t1");
    for (let i = 0; i < 5; i += 1) live.text("t1", `a${i}`);
    await first.waitFor((m) => m.type === "session:upsert" && m.seq === 6);
    await first.close();
    for (let i = 0; i < 5; i += 1) live.text("t1", `b${i}`);
    const lastApplied = Math.max(...seqs(first, sessionId));
    const second = await connect();
    second.send({ type: "session:open", sessionId, afterSeq: lastApplied, requestId: "reopen" });
    await second.waitFor((m) => m.type === "session:upsert" && m.seq === 11, "the missed upserts");
    expect(second.messages.filter((m) => m.type === "session:history")).toEqual([]);
    live.text("t1", "live");
    await second.waitFor((m) => m.type === "session:upsert" && m.seq === 12, "the live upsert");
    expect([...seqs(first, sessionId), ...seqs(second, sessionId)]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it("stops after session:close", async () => {
    const client = await connect();
    const { sessionId } = await t.session(projectId);
    await client.request({ type: "session:open", sessionId, afterSeq: 0 });
    expect(t.streamListenerCount(sessionId)).toBe(1);
    expect(await client.request({ type: "session:close", sessionId })).toMatchObject({ type: "session:closed" });
    expect(t.streamListenerCount(sessionId)).toBe(0);
  });

  it("pages older history on session:history:more", async () => {
    const client = await connect();
    const live = await t.session(projectId);
    const { sessionId } = live;
    for (let i = 0; i < 3; i += 1) {
      live.startTurn(`t${i}`);
      live.text(`t${i}`, `item ${i}`, "complete");
      live.completeTurn(`t${i}`);
    }
    const reply = await client.request({ type: "session:history:more", sessionId, beforeItemId: "t2:1:0" });
    expect(reply).toMatchObject({ type: "session:history", older: true, sessionId, hasMore: false });
    expect(reply.type === "session:history" && reply.entries.map((e) => e.itemId)).toEqual(["t0:1:0", "t1:1:0"]);
  });
});

describe("several browsers", () => {
  const request: PermissionRequest = {
    requestId: "perm-1",
    sessionId: "",
    turnId: "t1",
    toolName: "Bash",
    input: { command: "ls" },
    options: [{ optionId: "allow", name: "Allow once", kind: "allow_once" }],
  };

  it("both receive the stream of a session they opened, and session:updated goes to every socket", async () => {
    const a = await connect();
    const b = await connect();
    const bystander = await connect();
    const { sessionId } = await t.session(projectId);
    await a.request({ type: "session:open", sessionId, afterSeq: 0 });
    await b.request({ type: "session:open", sessionId, afterSeq: 0 });
    const sent = await a.request({ type: "session:send", sessionId, content: "hi" });
    expect(sent.type).toBe("session:sent");
    await b.waitFor((m) => m.type === "session:turn", "turn_started on b");
    await a.waitFor((m) => m.type === "session:turn", "turn_started on a");
    expect(seqs(a, sessionId)).toEqual([1, 2]);
    expect(seqs(b, sessionId)).toEqual([1, 2]);
    await bystander.waitFor((m) => m.type === "session:updated" && m.session.state === "running", "the update");
    expect(bystander.stream(sessionId)).toEqual([]);
  });

  it("sends permission requests to the watchers and the resolution to every watcher", async () => {
    const a = await connect();
    const b = await connect();
    const { sessionId, provider } = await t.session(projectId);
    await a.request({ type: "session:open", sessionId, afterSeq: 0 });
    const decision = provider.requestPermission(sessionId, { ...request, sessionId });
    await a.waitFor((m) => m.type === "permission:request", "the request on a");
    await b.request({ type: "session:open", sessionId, afterSeq: 0 });
    await b.waitFor((m) => m.type === "permission:request", "the pending request re-sent to b");
    b.send({ type: "permission:respond", sessionId, requestId: "perm-1", optionId: "allow" });
    for (const client of [a, b]) {
      const resolved = await client.waitFor((m) => m.type === "permission:resolved");
      expect(resolved).toEqual({
        type: "permission:resolved",
        sessionId,
        requestId: "perm-1",
        optionId: "allow",
        outcome: "selected",
      });
    }
    b.send({ type: "permission:respond", sessionId, requestId: "perm-1", optionId: "allow" });
    const late = await b.waitFor((m) => m.type === "error");
    expect(late).toMatchObject({ code: "PERMISSION_REQUEST_NOT_FOUND", requestId: "perm-1", sessionId });
    expect(await decision).toEqual({ outcome: "selected", optionId: "allow" });
  });

  it("tells every browser about a store problem", async () => {
    const client = await connect();
    // A folder where projects.json should be: the next save cannot rename its temporary file over it.
    const file = join(t.dataDir, "projects.json");
    await rm(file, { force: true });
    await mkdir(file);
    await client.request({ type: "project:add", path: await t.folder("site") });
    const error = await client.waitFor((m) => m.type === "error");
    expect(error).toMatchObject({ code: "STORE_ERROR", message: expect.stringContaining("EISDIR") });
    expect(t.service.storeErrors()).toEqual([expect.objectContaining({ file, kind: "write" })]);
  });
});
