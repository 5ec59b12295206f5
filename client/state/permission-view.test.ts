// Approval cards: how a request ended in words, and each proposed change shown once (Claude Write, Codex patch).
import { describe, expect, it } from "vitest";
import type { PermissionRequest } from "../../shared/contracts/index.js";
import type { PermissionEntry } from "./items.js";
import { extraPermissionDiffs, permissionCardState, permissionResultText } from "./permission-view.js";
import { shellCommand, toolDiffs } from "./tool-view.js";

const claudeOptions: PermissionRequest["options"] = [
  { optionId: "allow", name: "Allow once", kind: "allow_once" },
  { optionId: "allow_always", name: "Allow always", kind: "allow_always" },
  { optionId: "deny", name: "Deny", kind: "reject_once" },
];

function request(extra: Partial<PermissionRequest> = {}): PermissionRequest {
  return {
    requestId: "r1",
    sessionId: "s1",
    turnId: "t1",
    toolName: "Write",
    input: { file_path: "/p/hello.txt", content: "Hello\n" },
    options: claudeOptions,
    ...extra,
  };
}

const answered = (optionId: string): PermissionEntry => ({
  request: request(),
  resolution: { optionId, outcome: "selected" },
});

describe("how a request ended", () => {
  it("names the chosen option's kind: allowed, allowed always, denied", () => {
    expect([answered("allow"), answered("allow_always"), answered("deny")].map(permissionResultText)).toEqual([
      "Allowed",
      "Allowed always",
      "Denied",
    ]);
    expect([answered("allow"), answered("allow_always"), answered("deny")].map(permissionCardState)).toEqual([
      "allowed",
      "allowed",
      "denied",
    ]);
  });

  it("a request closed by the turn's end or a cancel reads as closed without an answer; an open one waits", () => {
    const closed: PermissionEntry = { request: request(), resolution: { outcome: "cancelled" } };
    expect([permissionCardState(closed), permissionResultText(closed)]).toEqual(["closed", "Closed without an answer"]);
    expect(permissionCardState({ request: request() })).toBe("pending");
    expect(permissionResultText({ request: request() })).toBe("Waiting for your answer");
  });

  it("an option id the request does not list reads as answered", () => {
    expect(permissionCardState(answered("other"))).toBe("answered");
    expect(permissionResultText(answered("other"))).toBe("Answered");
  });
});

describe("the change a card shows", () => {
  it("a Claude Write shows its content once, as a new file, from the tool's own arguments", () => {
    const write = request({ diff: { path: "/p/hello.txt", newText: "Hello\n" } });
    expect(extraPermissionDiffs(write)).toEqual([]);
    const own = toolDiffs({ toolName: write.toolName, toolArguments: write.input });
    expect(own).toEqual([{ path: "/p/hello.txt", lines: [{ kind: "add", text: "Hello" }] }]);
  });

  it("a Codex apply_patch whose arguments hold no readable change shows the request's diff against the old text", () => {
    const patch = request({
      toolName: "apply_patch",
      input: { call_id: "c1", diffs: [{ path: "/p/a.txt", oldText: "old\n", newText: "new\n" }] },
      diff: { path: "/p/a.txt", oldText: "old\n", newText: "new\n" },
    });
    expect(extraPermissionDiffs(patch)).toEqual([
      {
        path: "/p/a.txt",
        lines: [
          { kind: "del", text: "old" },
          { kind: "add", text: "new" },
        ],
      },
    ]);
  });

  it("a Codex command request shows the command line from its argv (bash -lc)", () => {
    const command = request({
      toolName: "exec_command",
      title: "touch approved.txt",
      input: { command: ["/bin/bash", "-lc", "touch approved.txt"], cwd: "/p" },
    });
    expect(shellCommand({ toolName: command.toolName, toolArguments: command.input })).toBe("touch approved.txt");
    expect(extraPermissionDiffs(command)).toEqual([]);
  });
});
