// Browser test of idle sleep (issue 18 §2): a Codex session left idle shows "Sleeping" in its header and row; typing
// wakes its CLI before the message is sent; the message is answered once.
import { describe, expect, it } from "vitest";
import { E2E_TEST_TIMEOUT_MS, useBrowserSuite } from "../testing/app/browser-suite.js";
import { sendInUi, startSessionInUi, waitForFinishedTurns } from "../testing/app/page.js";

/** 4 s of idle time before a session's CLI sleeps. */
const suite = useBrowserSuite({ idleMinutes: 4 / 60 });

describe("an idle session", { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it("sleeps, wakes while its user types, and answers the message once", async () => {
    const { page } = await suite.open();
    const sessionId = await startSessionInUi(page, { cliType: "codex" });
    await sendInUi(page, "First question. scenario:text");
    await waitForFinishedTurns(page, sessionId, 1);

    const header = page.getByTestId("session-header-state");
    await expect.poll(() => header.textContent(), { timeout: 15_000 }).toBe("Sleeping · a new message wakes it");
    const row = page.locator(`[data-testid=session-row][data-session-id="${sessionId}"]`);
    await expect.poll(() => row.getAttribute("data-state"), { timeout: 5_000 }).toBe("sleeping");
    expect(suite.stack.service.status(sessionId)).toMatchObject({ isAlive: false, state: "sleeping" });

    await page.getByTestId("composer-input").pressSequentially("Second", { delay: 20 });
    await expect.poll(() => suite.stack.service.status(sessionId).isAlive, { timeout: 15_000 }).toBe(true);
    await expect.poll(() => header.textContent(), { timeout: 5_000 }).toBe("Idle");
    await page.getByTestId("composer-input").fill("");
    await sendInUi(page, "Second question. scenario:text");
    await waitForFinishedTurns(page, sessionId, 2);
    const asked = suite.stack.openai.requests.filter((r) => JSON.stringify(r.body).includes("Second question"));
    expect(asked).toHaveLength(1);
  });
});
