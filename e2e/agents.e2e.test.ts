// Browser tests run against both real CLIs (Claude Code, Codex) and their local model stand-ins: what a user sees of
// a streamed markdown answer and of a tool call is the same whichever agent runs.
import { describe, expect, it } from "vitest";
import type { CliType } from "../shared/contracts/index.js";
import { E2E_TEST_TIMEOUT_MS, useBrowserSuite } from "../testing/app/browser-suite.js";
import {
  chatView,
  readItemStates,
  recordItemStates,
  sendInUi,
  startSessionInUi,
  waitForFinishedTurns,
} from "../testing/app/page.js";
import { expectToolCallShown } from "./expectations.js";

const suite = useBrowserSuite();

/** Per CLI: the tool name its shell tool call carries, when the CLI names it (codex-acp gives only a title). */
const AGENTS: { cliType: CliType; label: string; shellToolName?: string }[] = [
  { cliType: "claude-code", label: "Claude Code", shellToolName: "Bash" },
  { cliType: "codex", label: "Codex" },
];

describe.each(AGENTS)("$label in the browser", { timeout: E2E_TEST_TIMEOUT_MS }, ({ cliType, shellToolName }) => {
  it("streams a markdown answer into the page, rendering it progressively", async () => {
    const { page } = await suite.open();
    const sessionId = await startSessionInUi(page, { cliType });
    await recordItemStates(page, sessionId);
    await sendInUi(page, "Show me a helper. scenario:markdown pace:30");
    await waitForFinishedTurns(page, sessionId, 1);

    const view = chatView(page, sessionId);
    const user = view.locator("[data-testid=chat-item][data-origin=user]");
    expect(await user.textContent()).toContain("Show me a helper.");
    const agent = view.locator("[data-testid=chat-item][data-origin=agent]");
    expect(await agent.count()).toBe(1);
    expect(await agent.getAttribute("data-status")).toBe("complete");
    expect(await agent.locator("strong").textContent()).toBe("TypeScript");
    expect(await agent.locator("pre code").textContent()).toContain("export function greet(name: string): string {");
    expect(await agent.locator("table").count()).toBe(1);
    expect(await view.getByTestId("turn-status").getAttribute("data-status")).toBe("completed");

    const states = await readItemStates(page);
    const streaming = states.filter((state) => state.status !== "complete" && state.length > 0);
    expect(new Set(streaming.map((state) => state.length)).size).toBeGreaterThan(1);
    expect(states.at(-1)?.status).toBe("complete");
  });

  it("shows a tool call's name, arguments and result", async () => {
    const { page } = await suite.open();
    const sessionId = await startSessionInUi(page, { cliType });
    await sendInUi(page, "scenario:tool-shell");
    await waitForFinishedTurns(page, sessionId, 1);

    const view = chatView(page, sessionId);
    await expectToolCallShown(view, { command: "echo hello-from-tool", output: "hello-from-tool" });
    if (shellToolName) expect(await view.getByTestId("tool-call").getAttribute("data-tool-name")).toBe(shellToolName);
    expect(await view.locator("[data-testid=chat-item][data-origin=agent]").last().textContent()).toContain(
      "The command printed hello-from-tool.",
    );
  });
});
