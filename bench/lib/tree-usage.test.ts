// Unit tests: which role a process of the server's tree has.
import { describe, expect, it } from "vitest";
import type { ProcessInfo } from "./process-table.js";
import { processRole } from "./tree-usage.js";

const info = (pid: number, cmdline: string[], comm = "x"): ProcessInfo => ({
  pid,
  ppid: 1,
  pgid: pid,
  state: "S",
  comm,
  cmdline,
  cwd: "",
  env: {},
});

describe("processRole", () => {
  it("tells the server, Claude Code, codex-acp and anything else apart", () => {
    expect(processRole(info(10, ["node", "--import", "tsx", "server/main.ts"]), 10)).toBe("server");
    expect(processRole(info(11, ["/r/node_modules/@anthropic-ai/claude-agent-sdk-linux-x64/claude", "-p"]), 10)).toBe(
      "claude",
    );
    expect(processRole(info(12, ["/r/node_modules/@zed-industries/codex-acp-linux-x64/bin/codex-acp", "-c"]), 10)).toBe(
      "codex-acp",
    );
    expect(processRole(info(13, ["git", "status"]), 10)).toBe("other");
    expect(processRole(info(14, [], "codex-acp"), 10)).toBe("codex-acp");
  });
});
