// Browser tests with the real Codex CLI (codex-acp) and the local OpenAI stand-in: streamed answers and tool calls.
import { describe, expect, it } from "vitest";
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

const suite = useBrowserSuite({ claudeWarmStart: false });

describe("Codex in the browser", { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it("Codex: a new session streams its markdown answer into the page", async () => {
    const { page } = await suite.open();
    const sessionId = await startSessionInUi(page, { cliType: "codex" });
    await recordItemStates(page, sessionId);
    await sendInUi(page, "Show me a helper. scenario:markdown pace:40");
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

  it("Codex: a tool call shows its name, arguments and result", async () => {
    const { page } = await suite.open();
    const sessionId = await startSessionInUi(page, { cliType: "codex" });
    await sendInUi(page, "scenario:tool-shell");
    await waitForFinishedTurns(page, sessionId, 1);

    const view = chatView(page, sessionId);
    await expectToolCallShown(view, { command: "echo hello-from-tool", output: "hello-from-tool" });
    expect(await view.locator("[data-testid=chat-item][data-origin=agent]").last().textContent()).toContain(
      "The command printed hello-from-tool.",
    );
  });
});
