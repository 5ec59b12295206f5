// Browser test: a turn the server's shutdown ends says so once: its status line gives the reason, the answer it cut
// short keeps its text and is only marked cut short.
import { describe, expect, it } from "vitest";
import { E2E_TEST_TIMEOUT_MS, useBrowserSuite } from "../testing/app/browser-suite.js";
import { chatView, sendInUi, startSessionInUi } from "../testing/app/page.js";

// Its own file: the test shuts the stack's session service down.
const suite = useBrowserSuite();

const STOPPED = "Liminal Builder stopped before this turn ended";

describe("server shutdown mid-turn", { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it("says 'Liminal Builder stopped before this turn ended' once for the turn it ended", async () => {
    const { page } = await suite.open();
    const sessionId = await startSessionInUi(page, { cliType: "codex" });
    await sendInUi(page, "Tell me a long story. scenario:slow");
    const view = chatView(page, sessionId);
    const answer = view.locator("[data-testid=chat-item][data-origin=agent]");
    const shown = async () => ((await answer.locator(".md").textContent()) ?? "").length;
    await expect.poll(shown, { timeout: 30_000 }).toBeGreaterThan(60);

    // What Ctrl+C does to a running turn: SessionRuntime.dispose ends it turn_error SERVER_SHUTDOWN.
    await suite.stack.service.shutdown();
    await view.locator("[data-testid=turn-status][data-status=error]").waitFor({ state: "visible" });
    await expect.poll(() => answer.getAttribute("data-status"), { timeout: 10_000 }).toBe("error");

    const text = (await view.textContent()) ?? "";
    expect(text.split(STOPPED).length - 1).toBe(1);
    expect(await view.getByTestId("turn-end").textContent()).toBe(STOPPED);
    expect(await answer.getByTestId("item-note").textContent()).toBe("Cut short");
    expect(await answer.locator(".md").textContent()).toContain("Sentence 1 of a long answer");
  });
});
