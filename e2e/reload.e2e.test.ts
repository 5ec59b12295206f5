// Browser test: reloading the page mid-stream loses and duplicates nothing; the answer completes exactly once.
import { describe, expect, it } from "vitest";
import { E2E_TEST_TIMEOUT_MS, useBrowserSuite } from "../testing/app/browser-suite.js";
import {
  chatView,
  sendInUi,
  sessionItems,
  startSessionInUi,
  waitForConnected,
  waitForFinishedTurns,
} from "../testing/app/page.js";
import { SCENARIOS } from "../testing/scenarios/scenarios.js";

const suite = useBrowserSuite();

const LONG_TEXT = (() => {
  const block = SCENARIOS.slow?.steps[0]?.blocks[0];
  if (block?.kind !== "text") throw new Error("scenario slow does not start with text");
  return block.text;
})();

const normalize = (text: string) => text.replace(/\s+/g, " ").trim();

describe.each([
  { cli: "Claude Code", cliType: "claude-code" as const },
  { cli: "Codex", cliType: "codex" as const },
])("reload mid-stream ($cli)", { timeout: E2E_TEST_TIMEOUT_MS }, ({ cli, cliType }) => {
  it(`${cli}: reloading the page mid-stream completes the answer with nothing lost or duplicated`, async () => {
    const { page } = await suite.open();
    const sessionId = await startSessionInUi(page, { cliType });
    await sendInUi(page, "Tell me a long story. scenario:slow pace:200");
    await page.waitForFunction(
      (id) => {
        const md = document.querySelector(
          `[data-testid=chat-view][data-session-id="${id}"] [data-testid=chat-item][data-origin=agent] .md`,
        );
        return (md?.textContent ?? "").length > 150;
      },
      sessionId,
      { timeout: 30_000 },
    );

    await page.reload();
    await waitForConnected(page);
    const view = chatView(page, sessionId);
    await view.waitFor({ state: "visible" });
    await view.locator("[data-testid=turn-status][data-status=running]").waitFor({ state: "visible" });
    await waitForFinishedTurns(page, sessionId, 1);

    expect(await view.getByTestId("turn-status").getAttribute("data-status")).toBe("completed");
    const agent = view.locator("[data-testid=chat-item][data-origin=agent]");
    expect(await agent.count()).toBe(1);
    expect(normalize((await agent.locator(".md").textContent()) ?? "")).toBe(LONG_TEXT);
    const pageText = (await view.textContent()) ?? "";
    expect(pageText.split("Sentence 1 of a long answer").length - 1).toBe(1);
    expect(pageText.split("Sentence 60 of a long answer").length - 1).toBe(1);
    expect(await view.locator("[data-testid=chat-item][data-origin=user]").count()).toBe(1);

    const domIds = await view
      .locator("[data-testid=chat-item]")
      .evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.itemId));
    expect(new Set(domIds).size).toBe(domIds.length);
    const items = await sessionItems(page, sessionId);
    expect(new Set(items.map((item) => item.itemId)).size).toBe(items.length);
    expect(items.map((item) => item.itemId)).toEqual(domIds);
    const answer = items.find((item) => item.type === "message" && item.origin === "agent");
    expect(answer?.type === "message" ? answer.content : undefined).toBe(LONG_TEXT);
    expect(answer?.status).toBe("complete");
  });
});
