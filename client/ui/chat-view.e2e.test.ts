// Browser test: a long session opens at its newest items, the rest of its history page fills in above them, and
// scrolling to the top still loads the older pages.
import { describe, expect, it } from "vitest";
import { writeLongTranscript } from "../../bench/fixtures/make-long-transcript.js";
import { E2E_TEST_TIMEOUT_MS, useBrowserSuite } from "../../testing/app/browser-suite.js";
import { chatView } from "../../testing/app/page.js";

const suite = useBrowserSuite({ claudeWarmStart: false });

describe("opening a long session", { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it("shows the newest items at once, then the whole history page above them, and loads older pages on scroll", async () => {
    const { stack } = suite;
    const transcript = writeLongTranscript({
      claudeConfigDir: stack.claudeConfigDir,
      projectPath: stack.projectDir,
      items: 300,
      label: "long-view",
    });
    const sessionId = `claude-code:${transcript.sessionId}`;
    const { page } = await suite.open();
    const row = page.locator(`[data-testid=session-row][data-session-id="${sessionId}"]`);
    await row.click();
    const view = chatView(page, sessionId);
    const items = view.locator("[data-testid=chat-item]");
    const lastText = transcript.lastText.split(":")[0] ?? transcript.lastText;
    await expect.poll(() => items.last().textContent()).toContain(lastText);

    // The first history page (the server sends the newest 100 items) ends up drawn whole, in order, at the bottom.
    await expect.poll(() => items.count()).toBe(100);
    const scroller = view.getByTestId("chat-scroll");
    const fromBottom = () => scroller.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
    expect(await fromBottom()).toBeLessThan(2);
    const ids = await items.evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.itemId ?? ""));
    const held = await page.evaluate(
      (id) =>
        (window as unknown as { __liminal: { session(id: string): { items: { itemId: string }[] } } }).__liminal
          .session(id)
          .items.map((item) => item.itemId),
      sessionId,
    );
    expect(ids).toEqual(held);

    // Scrolling to the top asks for the next older page, which is drawn above.
    await scroller.evaluate((el) => {
      el.scrollTop = 0;
    });
    await expect.poll(() => items.count()).toBe(200);
  });
});
