// Browser tests with the real Claude Code CLI and the local Anthropic stand-in: what only Claude Code is tested for
// here (cancel mid-stream); streaming and tool calls run for both CLIs in agents.e2e.test.ts.
import { describe, expect, it } from "vitest";
import { E2E_TEST_TIMEOUT_MS, useBrowserSuite } from "../testing/app/browser-suite.js";
import { chatView, sendInUi, startSessionInUi, waitForFinishedTurns } from "../testing/app/page.js";
import { SCENARIOS } from "../testing/scenarios/scenarios.js";

const suite = useBrowserSuite();

/** The whole text of a one-block text scenario. */
function scenarioText(name: string): string {
  const block = SCENARIOS[name]?.steps[0]?.blocks[0];
  if (block?.kind !== "text") throw new Error(`scenario ${name} does not start with text`);
  return block.text;
}

const normalize = (text: string) => text.replace(/\s+/g, " ").trim();

describe("Claude Code in the browser", { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it("Claude Code: cancel mid-stream keeps the partial answer, and the next message works", async () => {
    const { page } = await suite.open();
    const sessionId = await startSessionInUi(page, { cliType: "claude-code" });
    await sendInUi(page, "Tell me a long story. scenario:slow");
    const view = chatView(page, sessionId);
    const agent = view.locator("[data-testid=chat-item][data-origin=agent]").first();
    await page.waitForFunction(
      (id) => {
        const item = document.querySelector(
          `[data-testid=chat-view][data-session-id="${id}"] [data-testid=chat-item][data-origin=agent] .md`,
        );
        return (item?.textContent ?? "").length > 60;
      },
      sessionId,
      { timeout: 30_000 },
    );
    await page.getByTestId("composer-cancel").click();
    await waitForFinishedTurns(page, sessionId, 1);

    expect(await view.getByTestId("turn-status").getAttribute("data-status")).toBe("cancelled");
    expect(await agent.getAttribute("data-status")).toBe("error");
    const partial = normalize((await agent.locator(".md").textContent()) ?? "");
    const whole = scenarioText("slow");
    expect(partial.length).toBeGreaterThan(60);
    expect(partial.length).toBeLessThan(whole.length);
    expect(whole.startsWith(partial)).toBe(true);

    await sendInUi(page, "scenario:text");
    await waitForFinishedTurns(page, sessionId, 2);
    const statuses = await view
      .getByTestId("turn-status")
      .evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.status));
    expect(statuses).toEqual(["cancelled", "completed"]);
    const answers = view.locator("[data-testid=chat-item][data-origin=agent]");
    expect(normalize((await answers.last().textContent()) ?? "")).toBe(scenarioText("text"));
    expect(normalize((await agent.locator(".md").textContent()) ?? "")).toBe(partial);
  });
});
