// Tool approvals with the real Claude Code CLI through the session service: ask, allow, deny, allow always, cancel.
import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PermissionMode } from "../../shared/contracts/index.js";
import { cliProcesses, type LiminalStack, startLiminalStack } from "../../testing/app/index.js";
import { recordSession, type SessionRecorder } from "./testing/session-recorder.js";

const CONTENT = "Hello from Liminal Builder\n";

let stack: LiminalStack;
let hello: string;

beforeAll(async () => {
  stack = await startLiminalStack({ seedProject: false });
  hello = path.join(stack.projectDir, "hello.txt");
});

afterAll(async () => {
  await stack?.close();
  expect(cliProcesses()).toEqual([]);
});

/** A new Claude Code session in `permissionMode`, recorded from the start; hello.txt is removed first. */
async function claudeSession(permissionMode: PermissionMode = "default"): Promise<{ id: string; s: SessionRecorder }> {
  await rm(hello, { force: true });
  const projectId = stack.project?.projectId ?? "";
  const { sessionId } = await stack.service.createSession({ projectId, cliType: "claude-code", permissionMode });
  return { id: sessionId, s: recordSession(stack.service, sessionId) };
}

describe("Claude Code asks before it writes (permission mode default)", () => {
  it("asks with the file and content; allowed, the file is written and the tool call completes", async () => {
    const { id, s } = await claudeSession();
    const { turnId } = await stack.service.sendMessage(id, "scenario:tool-write");
    const request = await s.request(0);
    expect(request).toMatchObject({
      sessionId: id,
      turnId,
      toolName: "Write",
      title: expect.stringContaining("hello.txt"),
      input: { file_path: hello, content: CONTENT },
      diff: { path: hello, newText: CONTENT },
    });
    expect(request.options.map((o) => o.kind)).toEqual(["allow_once", "allow_always", "reject_once"]);
    expect(stack.service.pendingPermissions(id)).toEqual([request]);
    expect(existsSync(hello)).toBe(false);

    const allow = request.options.find((o) => o.kind === "allow_once")?.optionId ?? "";
    stack.service.respondToPermission(id, request.requestId, allow);
    expect(await s.turnEnd(turnId)).toMatchObject({ type: "turn_complete", status: "completed" });
    expect(await readFile(hello, "utf8")).toBe(CONTENT);
    expect(s.toolCalls(turnId)).toEqual([
      expect.objectContaining({ toolName: "Write", callId: request.callId, status: "complete" }),
    ]);
    expect(s.resolutions).toEqual([
      { sessionId: id, requestId: request.requestId, optionId: allow, outcome: "selected" },
    ]);
    expect(stack.service.pendingPermissions(id)).toEqual([]);
    s.stop();
  });

  it("denied, no file is written, the tool call ends as an error showing the denial, and the turn ends normally", async () => {
    const { id, s } = await claudeSession();
    const { turnId } = await stack.service.sendMessage(id, "scenario:tool-write");
    const request = await s.request(0);
    const deny = request.options.find((o) => o.kind === "reject_once")?.optionId ?? "";
    stack.service.respondToPermission(id, request.requestId, deny);
    expect(await s.turnEnd(turnId)).toMatchObject({ type: "turn_complete", status: "completed" });
    expect(existsSync(hello)).toBe(false);
    const [tool] = s.toolCalls(turnId);
    expect(tool).toMatchObject({
      toolName: "Write",
      callId: request.callId,
      status: "error",
      toolOutputIsError: true,
      toolOutput: expect.stringMatching(/denied/i),
    });
    s.stop();
  });

  it("denied with a reason: the reason reaches the model with the tool result, and the card said it could take one", async () => {
    const { id, s } = await claudeSession();
    const { turnId } = await stack.service.sendMessage(id, "scenario:tool-write");
    const request = await s.request(0);
    const deny = request.options.find((o) => o.kind === "reject_once");
    expect(deny).toMatchObject({ feedback: true });
    const before = stack.anthropic.requests.length;
    stack.service.respondToPermission(id, request.requestId, deny?.optionId ?? "", "  Write it to notes.txt instead  ");
    expect(await s.turnEnd(turnId)).toMatchObject({ type: "turn_complete", status: "completed" });
    expect(existsSync(hello)).toBe(false);
    const followUp = stack.anthropic.requests
      .slice(before)
      .filter((r) => r.kind === "turn")
      .map((r) => JSON.stringify(r.body));
    expect(
      followUp.some((body) => body.includes("Write it to notes.txt instead") && body.includes("tool_result")),
    ).toBe(true);
    const [tool] = s.toolCalls(turnId);
    expect(tool).toMatchObject({
      status: "error",
      toolOutput: expect.stringContaining("Write it to notes.txt instead"),
    });
    s.stop();
  });

  it("allow always: the same Write later in the session runs without asking", async () => {
    const { id, s } = await claudeSession();
    const first = await stack.service.sendMessage(id, "scenario:tool-write");
    const request = await s.request(0);
    // For a Write, Claude Code's suggestion is to accept edits for the rest of the session; the app shows that mode.
    const always = request.options.find((o) => o.kind === "allow_always");
    expect(always).toMatchObject({ setsMode: "acceptEdits" });
    stack.service.respondToPermission(id, request.requestId, always?.optionId ?? "");
    expect(stack.service.getSession(id).permissionMode).toBe("acceptEdits");
    expect(await s.turnEnd(first.turnId)).toMatchObject({ status: "completed" });
    expect(await readFile(hello, "utf8")).toBe(CONTENT);

    await rm(hello);
    const second = await stack.service.sendMessage(id, "scenario:tool-write");
    expect(await s.turnEnd(second.turnId)).toMatchObject({ status: "completed" });
    expect(s.requests).toHaveLength(1);
    expect(await readFile(hello, "utf8")).toBe(CONTENT);
    expect(s.toolCalls(second.turnId)).toEqual([expect.objectContaining({ toolName: "Write", status: "complete" })]);
    s.stop();
  });

  it("cancelling the turn while a request waits closes the request and ends the turn cancelled", async () => {
    const { id, s } = await claudeSession();
    const { turnId } = await stack.service.sendMessage(id, "scenario:tool-write");
    const request = await s.request(0);
    await stack.service.cancelTurn(id);
    expect(await s.resolution(request.requestId)).toEqual({
      sessionId: id,
      requestId: request.requestId,
      outcome: "cancelled",
    });
    expect(await s.turnEnd(turnId)).toMatchObject({ type: "turn_complete", status: "cancelled" });
    expect(stack.service.pendingPermissions(id)).toEqual([]);
    expect(existsSync(hello)).toBe(false);
    expect(() => stack.service.respondToPermission(id, request.requestId, "allow")).toThrow(/already closed/);
    expect(s.toolCalls(turnId).every((tool) => tool.status === "error")).toBe(true);

    const next = await stack.service.sendMessage(id, "scenario:text");
    expect(await s.turnEnd(next.turnId)).toMatchObject({ status: "completed" });
    s.stop();
  });
});

describe("Claude Code permission modes", () => {
  it("a session started in acceptEdits writes without asking; switched live to default it asks again", async () => {
    const { id, s } = await claudeSession("acceptEdits");
    expect(stack.service.getSession(id).permissionMode).toBe("acceptEdits");
    const quiet = await stack.service.sendMessage(id, "scenario:tool-write");
    expect(await s.turnEnd(quiet.turnId)).toMatchObject({ status: "completed" });
    expect(s.requests).toEqual([]);
    expect(await readFile(hello, "utf8")).toBe(CONTENT);

    await rm(hello);
    expect(await stack.service.setPermissionMode(id, "default")).toMatchObject({ permissionMode: "default" });
    expect(s.summaries.at(-1)).toMatchObject({ permissionMode: "default" });
    const asking = await stack.service.sendMessage(id, "scenario:tool-write");
    const request = await s.request(0);
    stack.service.respondToPermission(id, request.requestId, "deny");
    expect(await s.turnEnd(asking.turnId)).toMatchObject({ status: "completed" });
    expect(existsSync(hello)).toBe(false);
    s.stop();
  });

  it("killing the session while a request waits closes the request, ends the turn and the CLI", async () => {
    const { id, s } = await claudeSession();
    const { turnId } = await stack.service.sendMessage(id, "scenario:tool-write");
    const request = await s.request(0);
    expect(await stack.service.killSession(id)).toMatchObject({ state: "dead" });
    expect(await s.resolution(request.requestId)).toMatchObject({ outcome: "cancelled" });
    expect(await s.turnEnd(turnId)).toMatchObject({ type: "turn_complete", status: "cancelled" });
    expect(stack.service.pendingPermissions(id)).toEqual([]);
    expect(stack.service.status(id)).toMatchObject({ isAlive: false, state: "dead" });
    expect(existsSync(hello)).toBe(false);
    s.stop();
  });
});
