// Permission requests through the service: announced, first answer wins, closed as cancelled when the turn ends.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PermissionRequest, SessionSummary } from "../../shared/contracts/index.js";
import { createServiceHarness, type ServiceHarness } from "./testing/harness.js";

let h: ServiceHarness;
let sessionId: string;
let turnId: string;
beforeEach(async () => {
  h = await createServiceHarness();
  sessionId = (await h.service.createSession({ projectId: h.project.projectId, cliType: "codex" })).sessionId;
  turnId = (await h.service.sendMessage(sessionId, "write a file")).turnId;
});
afterEach(async () => {
  await h.cleanup();
});

describe("permission requests", () => {
  it("announces a request, lists it as pending, and gives the CLI the first answer only", async () => {
    const announced: [string, PermissionRequest][] = [];
    h.service.onPermissionRequest((id, request) => announced.push([id, request]));
    const resolutions = h.resolutions();
    const decision = h.codex.requestPermission(sessionId, { requestId: "perm-1", callId: "call-1" });
    expect(announced).toEqual([[sessionId, expect.objectContaining({ requestId: "perm-1", turnId })]]);
    expect(h.service.pendingPermissions(sessionId).map((r) => r.requestId)).toEqual(["perm-1"]);

    expect(h.service.respondToPermission(sessionId, "perm-1", "allow")).toEqual({
      sessionId,
      requestId: "perm-1",
      optionId: "allow",
      outcome: "selected",
    });
    expect(() => h.service.respondToPermission(sessionId, "perm-1", "deny")).toThrow(
      expect.objectContaining({
        code: "PERMISSION_REQUEST_NOT_FOUND",
        message: expect.stringMatching(/already answered/),
      }),
    );
    await expect(decision).resolves.toEqual({ outcome: "selected", optionId: "allow" });
    expect(resolutions).toHaveLength(1);
    expect(h.service.pendingPermissions(sessionId)).toEqual([]);
  });

  it("closes an unanswered request as cancelled when its turn is cancelled", async () => {
    const resolutions = h.resolutions();
    const decision = h.codex.requestPermission(sessionId, { requestId: "perm-2" });
    await h.service.cancelTurn(sessionId);
    await expect(decision).resolves.toMatchObject({ outcome: "cancelled" });
    expect(resolutions).toEqual([{ sessionId, requestId: "perm-2", outcome: "cancelled" }]);
    expect(() => h.service.respondToPermission(sessionId, "perm-2", "allow")).toThrow(
      expect.objectContaining({ code: "PERMISSION_REQUEST_NOT_FOUND" }),
    );
  });

  it("closes an unanswered request when the CLI process ends", async () => {
    const decision = h.codex.requestPermission(sessionId, { requestId: "perm-3" });
    h.codex.crash(sessionId);
    await expect(decision).resolves.toMatchObject({ outcome: "cancelled" });
    expect(h.service.pendingPermissions(sessionId)).toEqual([]);
  });

  it("refuses an option the request does not offer and an unknown request id", async () => {
    void h.codex.requestPermission(sessionId, { requestId: "perm-4" });
    expect(() => h.service.respondToPermission(sessionId, "perm-4", "yolo")).toThrow(
      expect.objectContaining({ code: "INVALID_REQUEST" }),
    );
    expect(h.service.pendingPermissions(sessionId)).toHaveLength(1);
    expect(() => h.service.respondToPermission(sessionId, "perm-unknown", "allow")).toThrow(
      expect.objectContaining({ code: "PERMISSION_REQUEST_NOT_FOUND" }),
    );
  });

  it("an answer whose option switches the mode (Claude's allow always) records and announces the new mode", async () => {
    const updates: SessionSummary[] = [];
    h.service.onSessionUpdated((summary) => updates.push(summary));
    const decision = h.codex.requestPermission(sessionId, {
      requestId: "perm-5",
      options: [
        { optionId: "allow", name: "Allow once", kind: "allow_once" },
        {
          optionId: "allow_always",
          name: "Allow all edits this session",
          kind: "allow_always",
          setsMode: "acceptEdits",
        },
      ],
    });
    h.service.respondToPermission(sessionId, "perm-5", "allow_always");
    await expect(decision).resolves.toEqual({ outcome: "selected", optionId: "allow_always" });
    expect(h.service.getSession(sessionId).permissionMode).toBe("acceptEdits");
    expect(updates.at(-1)).toMatchObject({ sessionId, permissionMode: "acceptEdits" });
  });

  it("an answer with an option that changes no mode leaves the session's mode as it was", async () => {
    const updates: SessionSummary[] = [];
    h.service.onSessionUpdated((summary) => updates.push(summary));
    void h.codex.requestPermission(sessionId, { requestId: "perm-6" });
    h.service.respondToPermission(sessionId, "perm-6", "allow");
    expect(h.service.getSession(sessionId).permissionMode).toBe("default");
    expect(updates.filter((u) => u.permissionMode !== "default")).toEqual([]);
  });
});
