// Browser test of the composer's ownership (issue 16 §1): what is typed and sent while a new session starts goes to
// the new session, never to the tab that was in view; a sent message is scrolled to.
import { describe, expect, it } from "vitest";
import { E2E_TEST_TIMEOUT_MS, useBrowserSuite } from "../testing/app/browser-suite.js";
import {
  chatView,
  projectGroup,
  sendInUi,
  sessionItems,
  startSessionInUi,
  tabIds,
  waitForFinishedTurns,
} from "../testing/app/page.js";

/** Claude Code starts cold (≈ 1–2 s), so there is time to type while it starts, as a user would. */
const suite = useBrowserSuite({ claudeWarmStart: false });

const userTexts = async (page: Parameters<typeof sessionItems>[0], sessionId: string) =>
  (await sessionItems(page, sessionId))
    .filter((item) => item.type === "message" && item.origin === "user")
    .map((item) => (item.type === "message" ? item.content : ""));

describe("the composer", { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it("sends what is typed while a new session starts to that new session, not to the tab in view", async () => {
    const { page } = await suite.open();
    const first = await startSessionInUi(page, { cliType: "codex" });
    await sendInUi(page, "For the first session. scenario:text");
    await waitForFinishedTurns(page, first, 1);

    const group = projectGroup(page);
    await group.getByTestId("new-session-button").click();
    await group.getByTestId("new-session-cli").selectOption("claude-code");
    await group.getByTestId("new-session-submit").click();
    await sendInUi(page, "For the new session. scenario:text");

    const handle = await page.waitForFunction(
      (known) =>
        [...document.querySelectorAll<HTMLElement>("[data-testid=tab]")]
          .map((tab) => tab.dataset.sessionId)
          .find((id) => id !== undefined && id !== known) ?? false,
      first,
      { timeout: 30_000 },
    );
    const second = (await handle.jsonValue()) as string;
    await waitForFinishedTurns(page, second, 1);
    expect(await userTexts(page, second)).toEqual(["For the new session. scenario:text"]);
    expect(await userTexts(page, first)).toEqual(["For the first session. scenario:text"]);
    expect(await tabIds(page)).toEqual([first, second]);
    expect(await page.getByTestId("composer-input").inputValue()).toBe("");
    await page.getByTestId("tab").first().click();
    await expect.poll(() => page.getByTestId("session-header").getAttribute("data-session-id")).toBe(first);
    expect(await page.getByTestId("composer-input").inputValue()).toBe("");
  });

  it("scrolls to the user's own message even when they had scrolled up", async () => {
    const { page } = await suite.open();
    const sessionId = await startSessionInUi(page, { cliType: "codex" });
    for (let turn = 1; turn <= 3; turn += 1) {
      await sendInUi(page, `Long answer ${turn}. scenario:markdown`);
      await waitForFinishedTurns(page, sessionId, turn);
    }
    const scroller = chatView(page, sessionId).getByTestId("chat-scroll");
    await scroller.evaluate((el) => {
      el.scrollTop = 0;
      el.dispatchEvent(new Event("scroll"));
    });
    await sendInUi(page, "Where did it go? scenario:text");
    await waitForFinishedTurns(page, sessionId, 4);
    const gap = await scroller.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
    expect(gap).toBeLessThan(40);
  });

  it("renames a session from the header and from the sidebar; the title is kept after a reload", async () => {
    const { page } = await suite.open();
    const sessionId = await startSessionInUi(page, { cliType: "codex" });
    await sendInUi(page, "Name me later. scenario:text");
    await waitForFinishedTurns(page, sessionId, 1);
    const headerTitle = page.getByTestId("session-header-title");
    const row = page.locator(`[data-testid=session-row][data-session-id="${sessionId}"]`);

    await page.getByTestId("session-rename").click();
    await page.getByTestId("title-input").fill("Fix the login bug");
    await page.getByTestId("title-input").press("Enter");
    await expect.poll(() => headerTitle.textContent()).toBe("Fix the login bug");
    await expect.poll(() => row.locator(".session-title").textContent()).toBe("Fix the login bug");
    expect(suite.stack.service.getSession(sessionId).title).toBe("Fix the login bug");

    await row.hover();
    await row.getByTestId("session-rename-row").click();
    await page.getByTestId("title-input").fill("Never mind");
    await page.getByTestId("title-input").press("Escape");
    expect(await headerTitle.textContent()).toBe("Fix the login bug");
    await row.getByTestId("session-rename-row").click();
    await page.getByTestId("title-input").fill("Login bug, take two");
    await page.getByTestId("title-input").press("Enter");
    await expect.poll(() => row.locator(".session-title").textContent()).toBe("Login bug, take two");

    await page.reload();
    await expect
      .poll(() =>
        page.locator(`[data-testid=session-row][data-session-id="${sessionId}"] .session-title`).textContent(),
      )
      .toBe("Login bug, take two");
  });

  it("copies a code block and a message, and collapses a long message of the user behind Show all", async () => {
    const { page, context } = await suite.open();
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: suite.stack.url });
    const sessionId = await startSessionInUi(page, { cliType: "codex" });
    const long = `Read all of this. scenario:markdown\n${Array.from({ length: 60 }, (_, i) => `line ${i + 1}`).join("\n")}`;
    await sendInUi(page, long);
    await waitForFinishedTurns(page, sessionId, 1);
    const view = chatView(page, sessionId);

    const code = view.locator(".msg-agent pre").first();
    await code.hover();
    await code.getByTestId("code-copy").click();
    const codeText = (await code.locator("code").textContent()) ?? "";
    expect(codeText.length).toBeGreaterThan(0);
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(codeText);

    const user = view.locator(".msg-user").first();
    expect(await user.locator(".collapsible").getAttribute("data-collapsed")).toBe("true");
    const box = await user.boundingBox();
    expect(box?.height ?? 0).toBeLessThan(400);
    await user.getByTestId("message-expand").click();
    expect(await user.locator(".collapsible").getAttribute("data-collapsed")).toBe("false");
    expect((await user.boundingBox())?.height ?? 0).toBeGreaterThan(box?.height ?? 0);

    await user.hover();
    await user.getByTestId("message-copy").click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(long);
  });
});
