// Tool approvals with the real codex-acp (approval_policy untrusted) through the session service: ask, allow, abort, cancel.
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PermissionMode, PermissionRequest } from "../../shared/contracts/index.js";
import { cliProcesses, type LiminalStack, startLiminalStack } from "../../testing/app/index.js";
import { writeCodexConfig } from "../../testing/openai/codex-config.js";
import { recordSession, type SessionRecorder } from "./testing/session-recorder.js";

let stack: LiminalStack;
let approved: string;

beforeAll(async () => {
  stack = await startLiminalStack({ seedProject: false, claudeWarmStart: false });
  // Under `untrusted` Codex asks before any command it does not know to be read-only (`touch`, not `echo`).
  writeCodexConfig(stack.codexHome, {
    baseUrl: stack.openai.baseUrl,
    approvalPolicy: "untrusted",
  });
  approved = path.join(stack.projectDir, "approved.txt");
});

afterAll(async () => {
  await stack?.close();
  expect(cliProcesses()).toEqual([]);
});

/** A new Codex session in `permissionMode`, recorded from the start; approved.txt is removed first. */
async function codexSession(permissionMode: PermissionMode = "default"): Promise<{ id: string; s: SessionRecorder }> {
  await rm(approved, { force: true });
  const projectId = stack.project?.projectId ?? "";
  const { sessionId } = await stack.service.createSession({ projectId, cliType: "codex", permissionMode });
  return { id: sessionId, s: recordSession(stack.service, sessionId) };
}

const optionOf = (request: PermissionRequest, kind: string): string =>
  request.options.find((o) => o.kind === kind)?.optionId ?? `no ${kind} option`;

describe("Codex asks before it runs a command (approval_policy untrusted)", () => {
  it("asks with the command and Codex's own options; approved, the command runs and the turn completes", async () => {
    const { id, s } = await codexSession();
    const { turnId } = await stack.service.sendMessage(id, "scenario:tool-touch");
    const request = await s.request(0);
    expect(request).toMatchObject({ sessionId: id, turnId, toolName: "exec_command", title: "touch approved.txt" });
    expect(JSON.stringify(request.input.command)).toContain("touch approved.txt");
    expect(request.options.map((o) => [o.optionId, o.kind])).toEqual([
      ["approved", "allow_once"],
      ["approved-execpolicy-amendment", "allow_always"],
      ["abort", "reject_once"],
    ]);
    expect(existsSync(approved)).toBe(false);

    stack.service.respondToPermission(id, request.requestId, "approved");
    expect(await s.turnEnd(turnId)).toMatchObject({ type: "turn_complete", status: "completed" });
    expect(existsSync(approved)).toBe(true);
    expect(s.toolCalls(turnId)).toEqual([
      expect.objectContaining({ toolName: "exec_command", callId: request.callId, status: "complete" }),
    ]);
    expect(s.resolutions).toEqual([
      { sessionId: id, requestId: request.requestId, optionId: "approved", outcome: "selected" },
    ]);
    s.stop();
  });

  it("abort: the command does not run and the turn ends cancelled", async () => {
    const { id, s } = await codexSession();
    const { turnId } = await stack.service.sendMessage(id, "scenario:tool-touch");
    const request = await s.request(0);
    stack.service.respondToPermission(id, request.requestId, optionOf(request, "reject_once"));
    expect(await s.turnEnd(turnId)).toMatchObject({ type: "turn_complete", status: "cancelled" });
    expect(existsSync(approved)).toBe(false);
    // codex-acp reports no tool call for a command it was told not to run: the answered request is all there is.
    expect(s.toolCalls(turnId)).toEqual([]);
    expect(s.resolutions).toEqual([expect.objectContaining({ requestId: request.requestId, optionId: "abort" })]);
    s.stop();
  });

  it("cancelling the turn while a request waits closes it as cancelled; the next message works", async () => {
    const { id, s } = await codexSession();
    const { turnId } = await stack.service.sendMessage(id, "scenario:tool-touch");
    const request = await s.request(0);
    await stack.service.cancelTurn(id);
    expect(await s.resolution(request.requestId)).toEqual({
      sessionId: id,
      requestId: request.requestId,
      outcome: "cancelled",
    });
    expect(await s.turnEnd(turnId)).toMatchObject({ type: "turn_complete", status: "cancelled" });
    expect(stack.service.pendingPermissions(id)).toEqual([]);
    expect(existsSync(approved)).toBe(false);
    expect(() => stack.service.respondToPermission(id, request.requestId, "approved")).toThrow(/already closed/);

    const next = await stack.service.sendMessage(id, "scenario:text");
    expect(await s.turnEnd(next.turnId)).toMatchObject({ status: "completed" });
    s.stop();
  });

  it("a request nobody answers is closed when its turn ends (the session is killed)", async () => {
    const { id, s } = await codexSession();
    const { turnId } = await stack.service.sendMessage(id, "scenario:tool-touch");
    const request = await s.request(0);
    await stack.service.killSession(id);
    expect(await s.resolution(request.requestId)).toMatchObject({ outcome: "cancelled" });
    expect(await s.turnEnd(turnId)).toMatchObject({ status: "cancelled" });
    expect(stack.service.status(id)).toMatchObject({ isAlive: false, state: "dead" });
    expect(existsSync(approved)).toBe(false);
    s.stop();
  });
});

describe("Codex permission modes, changed while the session lives", () => {
  it("bypassPermissions runs the command without asking; plan refuses it without asking", async () => {
    const { id, s } = await codexSession();
    await stack.service.setPermissionMode(id, "bypassPermissions");
    const bypass = await stack.service.sendMessage(id, "scenario:tool-touch");
    expect(await s.turnEnd(bypass.turnId)).toMatchObject({ status: "completed" });
    expect(existsSync(approved)).toBe(true);

    await rm(approved);
    expect(await stack.service.setPermissionMode(id, "plan")).toMatchObject({ permissionMode: "plan" });
    const planned = await stack.service.sendMessage(id, "scenario:tool-touch");
    expect(await s.turnEnd(planned.turnId)).toMatchObject({ status: "cancelled" });
    expect(existsSync(approved)).toBe(false);

    await stack.service.setPermissionMode(id, "default");
    const asking = await stack.service.sendMessage(id, "scenario:tool-touch");
    const request = await s.request(0);
    expect(request.turnId).toBe(asking.turnId);
    await stack.service.cancelTurn(id);
    expect(await s.turnEnd(asking.turnId)).toMatchObject({ status: "cancelled" });
    expect(s.requests).toHaveLength(1);
    s.stop();
  });
});

// Last in the file: Codex keeps an allow-always rule (an execpolicy amendment) in CODEX_HOME, for every later session.
describe("Codex allow always", () => {
  it("allow always: the same command later runs without asking", async () => {
    const { id, s } = await codexSession();
    const first = await stack.service.sendMessage(id, "scenario:tool-touch");
    const request = await s.request(0);
    stack.service.respondToPermission(id, request.requestId, optionOf(request, "allow_always"));
    expect(await s.turnEnd(first.turnId)).toMatchObject({ status: "completed" });
    await rm(approved);
    const second = await stack.service.sendMessage(id, "scenario:tool-touch");
    expect(await s.turnEnd(second.turnId)).toMatchObject({ status: "completed" });
    expect(s.requests).toHaveLength(1);
    expect(existsSync(approved)).toBe(true);
    s.stop();
  });
});
