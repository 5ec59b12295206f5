// Words for the user: error sentences by code, turn status lines with usage, relative ages, the sidebar's state dot.
import { describe, expect, it } from "vitest";
import { describeError } from "./error-text.js";
import { formatRelative, turnEndText, turnStatusText } from "./format.js";
import type { PermissionEntry } from "./items.js";
import { applySessionSummary, sessionDot } from "./sessions.js";

describe("describeError", () => {
  it("prefixes known codes with a sentence", () => {
    expect(describeError("AUTHENTICATION_FAILED", "invalid x-api-key")).toBe(
      "Authentication failed: invalid x-api-key",
    );
    expect(describeError("PROCESS_CRASH", "exit code 1")).toBe("The CLI process crashed: exit code 1");
  });

  it("gives messages that are already sentences as they are", () => {
    expect(describeError("SESSION_CREATE_FAILED", "Could not start Codex: spawn ENOENT")).toBe(
      "Could not start Codex: spawn ENOENT",
    );
    expect(describeError("DUPLICATE_PROJECT", "")).toBe("That folder is already a project");
    expect(describeError("SERVER_SHUTDOWN", "Liminal Builder stopped before this turn ended")).toBe(
      "Liminal Builder stopped before this turn ended",
    );
  });

  it("does not repeat a prefix the message already has", () => {
    expect(describeError("AUTHENTICATION_FAILED", "Authentication failed: bad key")).toBe(
      "Authentication failed: bad key",
    );
  });

  it("says only Cancelled for an item a cancel cut short", () => {
    expect(describeError("CANCELLED", "The turn was cancelled")).toBe("Cancelled");
  });

  it("shows an unknown code next to its message", () => {
    expect(describeError("WEIRD", "something broke")).toBe("something broke (WEIRD)");
  });
});

describe("turnStatusText", () => {
  it("reads completed with usage and cost", () => {
    expect(
      turnStatusText({
        turnId: "t",
        status: "completed",
        usage: { inputTokens: 1234, outputTokens: 56, costUsd: 0.01 },
      }),
    ).toBe("completed · 1,234 in / 56 out tokens · $0.01");
  });

  it("reads cancelled, and a turn error in words", () => {
    expect(turnStatusText({ turnId: "t", status: "cancelled" })).toBe("cancelled");
    expect(turnStatusText({ turnId: "t", status: "error", errorCode: "RATE_LIMITED", errorMessage: "429" })).toBe(
      "Rate limited by the model API: 429",
    );
  });
});

describe("formatRelative", () => {
  const now = Date.parse("2026-03-10T12:00:00Z");
  it("reads ages from seconds to dates", () => {
    expect(formatRelative(now - 10_000, now)).toBe("just now");
    expect(formatRelative(now - 5 * 60_000, now)).toBe("5m ago");
    expect(formatRelative(now - 3 * 3600_000, now)).toBe("3h ago");
    expect(formatRelative(now - 2 * 86400_000, now)).toBe("2d ago");
    expect(formatRelative(now - 15 * 86400_000, now)).toBe("2w ago");
    expect(formatRelative(Date.parse("2026-01-03T00:00:00Z"), now)).toBe("Jan 3");
    expect(formatRelative(Date.parse("2024-07-01T00:00:00Z"), now)).toBe("Jul 1, 2024");
  });
});

describe("session lists", () => {
  const base = { cliType: "codex" as const, projectId: "p", title: "", state: "idle" as const };
  it("keeps newest activity first when a session is updated, and drops archived ones", () => {
    let lists = applySessionSummary({}, { ...base, sessionId: "a", lastActiveAt: "2026-01-01T00:00:00Z" });
    lists = applySessionSummary(lists, { ...base, sessionId: "b", lastActiveAt: "2026-01-02T00:00:00Z" });
    lists = applySessionSummary(lists, {
      ...base,
      sessionId: "a",
      title: "renamed",
      lastActiveAt: "2026-01-03T00:00:00Z",
    });
    expect(lists.p?.map((s) => [s.sessionId, s.title])).toEqual([
      ["a", "renamed"],
      ["b", ""],
    ]);
    lists = applySessionSummary(lists, {
      ...base,
      sessionId: "b",
      archived: true,
      lastActiveAt: "2026-01-04T00:00:00Z",
    });
    expect(lists.p?.map((s) => s.sessionId)).toEqual(["a"]);
  });

  it("shows running over an old error, and an error over dead", () => {
    expect(sessionDot({ state: "running", lastError: { code: "X", message: "" } })).toBe("running");
    expect(sessionDot({ state: "dead", lastError: { code: "PROCESS_CRASH", message: "" } })).toBe("error");
    expect(sessionDot({ state: "sleeping" })).toBe("sleeping");
    expect(sessionDot({ state: "dead" })).toBe("dead");
    expect(sessionDot({ state: "idle" })).toBe("idle");
  });
});

describe("turnEndText", () => {
  const request = (requestId: string): PermissionEntry["request"] => ({
    requestId,
    sessionId: "s",
    turnId: "t",
    toolName: "exec_command",
    title: "touch approved.txt",
    input: {},
    options: [
      { optionId: "approved", name: "Yes", kind: "allow_once" },
      { optionId: "abort", name: "No", kind: "reject_once" },
    ],
  });
  const cancelled = { turnId: "t", status: "cancelled" as const };

  it("says the user denied the request that stopped a cancelled turn", () => {
    const denied: PermissionEntry = {
      request: request("p1"),
      resolution: { outcome: "selected", optionId: "abort" },
    };
    expect(turnEndText(cancelled, [denied])).toBe("Stopped: you denied touch approved.txt");
  });

  it("keeps the plain line when the request was allowed, closed, or the turn completed", () => {
    const allowed: PermissionEntry = {
      request: request("p1"),
      resolution: { outcome: "selected", optionId: "approved" },
    };
    const closed: PermissionEntry = { request: request("p2"), resolution: { outcome: "cancelled" } };
    expect(turnEndText(cancelled, [allowed, closed])).toBe("cancelled");
    const denied: PermissionEntry = { request: request("p3"), resolution: { outcome: "selected", optionId: "abort" } };
    expect(turnEndText({ turnId: "t", status: "completed" }, [denied])).toBe("completed");
  });
});

describe("formatUsage of a CLI that reports the context window's fill (Codex)", () => {
  it("shows the context used of its size instead of '0 in / 0 out'", () => {
    expect(
      turnStatusText({
        turnId: "t",
        status: "completed",
        usage: { inputTokens: 0, outputTokens: 0, contextUsedTokens: 12345, contextWindowTokens: 258400 },
      }),
    ).toBe("completed · context 12,345 of 258,400 tokens (5%)");
    expect(
      turnStatusText({
        turnId: "t",
        status: "completed",
        usage: { inputTokens: 10, outputTokens: 2, contextUsedTokens: 900, costUsd: 0.5 },
      }),
    ).toBe("completed · 10 in / 2 out tokens · context 900 tokens · $0.50");
  });
});
