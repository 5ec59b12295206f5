// Browser tests: tool approvals with the real Claude Code CLI (default mode): approve, deny, reload, two pages, modes.
import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { beforeEach, describe, expect, it } from "vitest";
import { E2E_TEST_TIMEOUT_MS, useBrowserSuite } from "../testing/app/browser-suite.js";
import { chatView, sendInUi, startSessionInUi, waitForConnected, waitForFinishedTurns } from "../testing/app/page.js";

const suite = useBrowserSuite();
const CONTENT = "Hello from Liminal Builder\n";
const hello = () => path.join(suite.stack.projectDir, "hello.txt");

beforeEach(async () => {
  await rm(hello(), { force: true });
});

/** The `n`-th approval card (0-based) of the session's view, once it is shown in `state`. */
async function card(page: Page, sessionId: string, n: number, state: string): Promise<Locator> {
  const found = chatView(page, sessionId).getByTestId("permission-card").nth(n);
  await found.and(page.locator(`[data-state="${state}"]`)).waitFor({ state: "visible", timeout: 30_000 });
  return found;
}

/** Clicks the card's option of `kind` (allow_once, allow_always, reject_once). */
async function answer(found: Locator, kind: string): Promise<void> {
  await found.locator(`[data-testid=permission-option][data-kind=${kind}]`).click();
}

describe("tool approvals in the browser (Claude Code, default mode)", { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it("asking to write a file shows an approval card; Allow writes it, Deny does not and the tool call shows the denial", async () => {
    const { page } = await suite.open();
    const sessionId = await startSessionInUi(page, { cliType: "claude-code", permissionMode: "default" });
    expect(await page.getByTestId("session-mode").inputValue()).toBe("default");

    // No scenario marker: the conversational script (as in demo mode) answers "write a file" with a Write.
    await sendInUi(page, "Please write a file");
    const first = await card(page, sessionId, 0, "pending");
    expect(await first.locator(".permission-head").textContent()).toContain("Write");
    expect(await first.getByTestId("tool-diff").textContent()).toContain("Hello from Liminal Builder");
    const options = await first
      .getByTestId("permission-option")
      .evaluateAll((els) => els.map((el) => (el.textContent ?? "").trim()));
    expect(options).toEqual(["Allow once", "Allow all edits this session", "Deny"]);
    expect(await page.getByTestId("session-header-state").textContent()).toBe("Waiting for your approval");
    expect(existsSync(hello())).toBe(false);

    await answer(first, "allow_once");
    await card(page, sessionId, 0, "allowed");
    expect(await first.getByTestId("permission-result").textContent()).toBe("Allowed");
    await waitForFinishedTurns(page, sessionId, 1);
    expect(await readFile(hello(), "utf8")).toBe(CONTENT);
    const view = chatView(page, sessionId);
    const firstTool = view.getByTestId("tool-call").nth(0);
    expect(await firstTool.getByTestId("tool-output").getAttribute("data-error")).toBeNull();
    expect(await view.getByTestId("permission-option").count()).toBe(0);

    await rm(hello());
    await sendInUi(page, "scenario:tool-write");
    const second = await card(page, sessionId, 1, "pending");
    await second.getByTestId("permission-feedback").fill("Not in this folder, please");
    await answer(second, "reject_once");
    await card(page, sessionId, 1, "denied");
    expect(await second.getByTestId("permission-result").textContent()).toBe("Denied");
    await waitForFinishedTurns(page, sessionId, 2);
    expect(existsSync(hello())).toBe(false);
    const denied = view.getByTestId("tool-call").nth(1).getByTestId("tool-output");
    expect(await denied.getAttribute("data-error")).toBe("true");
    expect(await denied.textContent()).toMatch(/denied/i);
    expect(await denied.textContent()).toContain("Not in this folder, please");
    expect(await view.getByTestId("turn-status").nth(1).getAttribute("data-status")).toBe("completed");
  });

  it("Codex: a denied command ends the turn with a line saying the user denied it, not a bare 'cancelled'", async () => {
    const { page } = await suite.open();
    const sessionId = await startSessionInUi(page, { cliType: "codex", permissionMode: "default" });
    await sendInUi(page, "scenario:tool-touch");
    const found = await card(page, sessionId, 0, "pending");
    expect(await found.getByTestId("permission-feedback").count()).toBe(0);
    await answer(found, "reject_once");
    await waitForFinishedTurns(page, sessionId, 1);
    const status = chatView(page, sessionId).getByTestId("turn-status").first();
    expect(await status.getAttribute("data-status")).toBe("cancelled");
    expect(await status.textContent()).toMatch(/^Stopped: you denied .*touch approved\.txt/);
  });

  it("a request still waiting when the page reloads is shown again and can be answered", async () => {
    const { page } = await suite.open();
    const sessionId = await startSessionInUi(page, { cliType: "claude-code" });
    await sendInUi(page, "scenario:tool-write");
    const before = await card(page, sessionId, 0, "pending");
    const requestId = await before.getAttribute("data-request-id");

    await page.reload();
    await waitForConnected(page);
    const after = await card(page, sessionId, 0, "pending");
    expect(await after.getAttribute("data-request-id")).toBe(requestId);
    await answer(after, "allow_once");
    await card(page, sessionId, 0, "allowed");
    await waitForFinishedTurns(page, sessionId, 1);
    expect(await readFile(hello(), "utf8")).toBe(CONTENT);
  });

  it("two pages on one session: the answer given in one shows as answered in the other", async () => {
    const a = await suite.open();
    const sessionId = await startSessionInUi(a.page, { cliType: "claude-code" });
    await sendInUi(a.page, "scenario:tool-write");
    const onA = await card(a.page, sessionId, 0, "pending");

    const b = await suite.open();
    await b.page.locator(`[data-testid=session-row][data-session-id="${sessionId}"]`).click();
    const onB = await card(b.page, sessionId, 0, "pending");
    expect(await onB.getAttribute("data-request-id")).toBe(await onA.getAttribute("data-request-id"));

    await answer(onB, "allow_once");
    await card(a.page, sessionId, 0, "allowed");
    expect(await onA.getByTestId("permission-option").count()).toBe(0);
    expect(await onA.getByTestId("permission-result").textContent()).toBe("Allowed");
    await waitForFinishedTurns(a.page, sessionId, 1);
    await waitForFinishedTurns(b.page, sessionId, 1);
    expect(await readFile(hello(), "utf8")).toBe(CONTENT);
  });

  it("the session header changes the mode of the live session and ends it", async () => {
    const { page } = await suite.open();
    const sessionId = await startSessionInUi(page, { cliType: "claude-code" });
    const row = page.locator(`[data-testid=session-row][data-session-id="${sessionId}"]`);
    expect(await row.getByTestId("session-mode-badge").count()).toBe(0);

    await page.getByTestId("session-mode").selectOption("acceptEdits");
    await row.getByTestId("session-mode-badge").getByText("Accept edits").waitFor();
    await sendInUi(page, "scenario:tool-write");
    await waitForFinishedTurns(page, sessionId, 1);
    expect(await readFile(hello(), "utf8")).toBe(CONTENT);
    expect(await chatView(page, sessionId).getByTestId("permission-card").count()).toBe(0);

    await page.getByTestId("session-kill").click();
    await page.locator(`[data-testid=session-header][data-state=dead]`).waitFor();
    await row.and(page.locator("[data-state=dead]")).waitFor();
    expect(suite.stack.service.status(sessionId)).toMatchObject({ isAlive: false, state: "dead" });
    expect(await page.getByTestId("session-kill").isDisabled()).toBe(true);
  });
});
