// What the inbox rows, the page title and the favicon badge say.
import { describe, expect, it } from "vitest";
import type { PermissionRequest } from "../../shared/contracts/index.js";
import { approvalSummary, entryDetail, faviconUrl, pageTitle } from "./attention-view.js";

const request = (toolName: string, input: Record<string, unknown>): PermissionRequest => ({
  requestId: "r",
  sessionId: "s",
  turnId: "t",
  toolName,
  input,
  options: [],
});

describe("attention words", () => {
  it("an approval names the tool and what it would touch", () => {
    expect(approvalSummary(request("Bash", { command: "rm -rf build" }))).toBe("Bash: rm -rf build");
    expect(approvalSummary(request("Write", { file_path: "/w/hello.txt", content: "x" }))).toBe("Write: /w/hello.txt");
  });

  it("a row says how many approvals wait, a failure's words, or that the turn finished or stopped", () => {
    const approval = { sessionId: "s", askedAt: "2026-01-01T00:00:00.000Z", request: request("Bash", {}) };
    expect(entryDetail({ sessionId: "s", kind: "approval", at: "", approvals: [approval, approval] })).toBe(
      "2 approvals waiting",
    );
    const turn = { sessionId: "s", turnId: "t", endedAt: "2026-01-01T00:00:00.000Z" };
    expect(
      entryDetail({
        sessionId: "s",
        kind: "failed",
        at: "",
        approvals: [],
        turn: { ...turn, outcome: "error", errorMessage: "Rate limited" },
      }),
    ).toBe("Rate limited");
    expect(
      entryDetail({ sessionId: "s", kind: "finished", at: "", approvals: [], turn: { ...turn, outcome: "cancelled" } }),
    ).toBe("Stopped");
  });

  it("the title carries the count and the favicon a badge only while something needs attention", () => {
    expect(pageTitle("Liminal Builder", 2)).toBe("(2) Liminal Builder");
    expect(pageTitle("Liminal Builder", 0)).toBe("Liminal Builder");
    const svg = (count: number) => decodeURIComponent(faviconUrl(count).replace("data:image/svg+xml,", ""));
    expect(svg(0)).not.toContain("<text");
    expect(svg(3)).toContain(">3</text>");
    expect(svg(14)).toContain(">9+</text>");
  });
});
