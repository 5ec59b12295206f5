// The attention fan-out over a real socket: a browser that watches no session still hears its approvals and turn ends.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PermissionRequest, ServerMessage } from "../../shared/contracts/index.js";
import { ServerMessageSchema } from "../../shared/contracts/index.js";
import { createTestApp, listen, type TestApp, TestClient } from "./testing/harness.js";

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

const request = (sessionId: string): PermissionRequest => ({
  requestId: "perm-1",
  sessionId,
  turnId: "t1",
  toolName: "Bash",
  input: { command: "ls" },
  options: [{ optionId: "allow", name: "Allow once", kind: "allow_once" }],
});

const ofType = <T extends ServerMessage["type"]>(client: TestClient, type: T) =>
  client.messages.filter((m): m is Extract<ServerMessage, { type: T }> => m.type === type);

describe("attention:* to browsers that do not watch the session", () => {
  it("an approval asked, answered from the bystander without opening the session, and the turn's end reach it", async () => {
    const bystander = await connect();
    await bystander.waitFor((m) => m.type === "attention:snapshot", "the snapshot on connect");
    expect(ofType(bystander, "attention:snapshot")[0]).toEqual({
      type: "attention:snapshot",
      approvals: [],
      turns: [],
    });
    const { sessionId, provider } = await t.session(projectId);
    provider.startTurn(sessionId, "t1");

    const decision = provider.requestPermission(sessionId, request(sessionId));
    const asked = await bystander.waitFor((m) => m.type === "attention:approval", "the approval");
    expect(asked).toMatchObject({ type: "attention:approval", sessionId, request: { requestId: "perm-1" } });
    expect(bystander.messages.some((m) => m.type === "permission:request")).toBe(false);

    // `permission:respond`'s `requestId` is the permission request's own id (CONTRACTS.md section 7).
    bystander.send({ type: "permission:respond", sessionId, requestId: "perm-1", optionId: "allow" });
    const reply = await bystander.waitFor((m) => m.type === "permission:resolved", "the reply");
    expect(reply).toMatchObject({ type: "permission:resolved", requestId: "perm-1", optionId: "allow" });
    expect(await decision).toEqual({ outcome: "selected", optionId: "allow" });
    await bystander.waitFor((m) => m.type === "attention:resolved", "the resolution");

    provider.completeTurn(sessionId, "t1");
    const ended = await bystander.waitFor((m) => m.type === "attention:turn", "the turn's end");
    expect(ended).toMatchObject({ type: "attention:turn", sessionId, turnId: "t1", outcome: "completed" });
    expect(bystander.stream(sessionId)).toEqual([]);
    for (const message of bystander.messages) expect(ServerMessageSchema.safeParse(message).success).toBe(true);
  });

  it("a failed turn carries its words, and a browser connecting later gets the waiting approvals and last turn ends", async () => {
    const first = await connect();
    const { sessionId: failed, provider } = await t.session(projectId);
    const { sessionId: asking } = await t.session(projectId);
    provider.startTurn(failed, "t1");
    provider.failTurn(failed, "t1", "PROVIDER_API_ERROR", "Authentication failed");
    const turn = await first.waitFor((m) => m.type === "attention:turn", "the failure");
    expect(turn).toMatchObject({ sessionId: failed, outcome: "error", errorMessage: "Authentication failed" });
    provider.startTurn(asking, "t2");
    void provider.requestPermission(asking, { ...request(asking), requestId: "perm-2", turnId: "t2" });
    await first.waitFor((m) => m.type === "attention:approval", "the approval");

    const later = await connect();
    const snapshot = await later.waitFor((m) => m.type === "attention:snapshot", "the snapshot");
    expect(snapshot).toMatchObject({
      approvals: [{ sessionId: asking, request: { requestId: "perm-2" } }],
      turns: [{ sessionId: failed, turnId: "t1", outcome: "error", errorMessage: "Authentication failed" }],
    });

    provider.completeTurn(asking, "t2", "cancelled");
    await later.waitFor((m) => m.type === "attention:resolved", "the approval closed with its turn");
    const third = await connect();
    const after = await third.waitFor((m) => m.type === "attention:snapshot", "the next snapshot");
    expect(after).toMatchObject({ approvals: [] });
    expect((after as Extract<ServerMessage, { type: "attention:snapshot" }>).turns).toHaveLength(2);
  });
});
