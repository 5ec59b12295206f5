// Browser test (issue 17 §4): archiving offers Undo; an archived session is found under "Archived (N)" of its project,
// unarchived (or opened) from there, and stays where it was put across a reload.
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ARTIFACTS_DIR, E2E_TEST_TIMEOUT_MS, useBrowserSuite } from "../testing/app/browser-suite.js";
import {
  chatView,
  sendInUi,
  startSessionInUi,
  tabIds,
  waitForConnected,
  waitForFinishedTurns,
} from "../testing/app/page.js";

const suite = useBrowserSuite();

const row = (page: Page, sessionId: string) =>
  page.locator(`.session-list [data-testid=session-row][data-session-id="${sessionId}"]`);
const archivedRow = (page: Page, sessionId: string) =>
  page.locator(`[data-testid=archived-row][data-session-id="${sessionId}"]`);

/** Archives `sessionId` with its row's archive button and waits until the row left the list. */
async function archiveFromRow(page: Page, sessionId: string): Promise<void> {
  const listed = row(page, sessionId);
  await listed.hover();
  await listed.getByTestId("session-archive").click();
  await listed.waitFor({ state: "detached" });
}

/** The "Archived (N)" toggle's text of the first project, or null when the disclosure is not shown. */
async function archivedToggleText(page: Page): Promise<string | null> {
  const toggle = page.getByTestId("project-group").first().getByTestId("archived-toggle");
  return (await toggle.count()) === 0 ? null : toggle.textContent();
}

describe("archived sessions", () => {
  it(
    "archive offers Undo; Undo puts the session back in the list, also after a reload",
    async () => {
      const { page } = await suite.open();
      const sessionId = await startSessionInUi(page, { cliType: "codex" });
      await row(page, sessionId).waitFor();
      await archiveFromRow(page, sessionId);
      expect(await tabIds(page)).not.toContain(sessionId);

      const toast = page.getByTestId("archive-undo-toast");
      await toast.waitFor();
      expect(await toast.textContent()).toContain("Archived");
      await page.screenshot({ path: path.join(ARTIFACTS_DIR, "archive-undo-toast.png") });
      await toast.getByTestId("archive-undo").click();

      await row(page, sessionId).waitFor();
      await toast.waitFor({ state: "detached" });
      await expect.poll(() => archivedToggleText(page)).toBeNull();
      await page.reload();
      await waitForConnected(page);
      await row(page, sessionId).waitFor();
    },
    E2E_TEST_TIMEOUT_MS,
  );

  it(
    "the Undo offer ends by itself; the session is under Archived (N), also after a reload; Unarchive brings it back for good",
    async () => {
      const { page } = await suite.open();
      const kept = await startSessionInUi(page, { cliType: "codex" });
      const archived = await startSessionInUi(page, { cliType: "codex" });
      await archiveFromRow(page, archived);
      const toast = page.getByTestId("archive-undo-toast");
      await toast.waitFor();
      // The offer is withdrawn by itself after its few seconds (ARCHIVE_UNDO_MS, 6 s).
      await toast.waitFor({ state: "detached", timeout: 15_000 });

      await expect.poll(() => archivedToggleText(page)).toMatch(/Archived \(\d+\)/);
      await page.reload();
      await waitForConnected(page);
      await row(page, kept).waitFor();
      expect(await row(page, archived).count()).toBe(0);
      const toggle = page.getByTestId("project-group").first().getByTestId("archived-toggle");
      await toggle.click();
      expect(await toggle.getAttribute("aria-expanded")).toBe("true");
      const entry = archivedRow(page, archived);
      await entry.waitFor();
      await page.screenshot({ path: path.join(ARTIFACTS_DIR, "archived-list.png") });

      await entry.getByTestId("archived-unarchive").click();
      await row(page, archived).waitFor();
      await entry.waitFor({ state: "detached" });
      await page.reload();
      await waitForConnected(page);
      await row(page, archived).waitFor();
      expect(await archivedRow(page, archived).count()).toBe(0);
    },
    E2E_TEST_TIMEOUT_MS,
  );

  it(
    "Open on an archived session unarchives it and opens its tab with its conversation",
    async () => {
      const { page } = await suite.open();
      const sessionId = await startSessionInUi(page, { cliType: "codex" });
      await sendInUi(page, "Remember the archived word");
      await waitForFinishedTurns(page, sessionId, 1);
      await archiveFromRow(page, sessionId);
      expect(await tabIds(page)).not.toContain(sessionId);

      await page.getByTestId("project-group").first().getByTestId("archived-toggle").click();
      await archivedRow(page, sessionId).getByTestId("archived-open").click();

      await expect.poll(() => tabIds(page)).toContain(sessionId);
      await row(page, sessionId).waitFor();
      await expect
        .poll(() =>
          chatView(page, sessionId).locator("[data-testid=chat-item][data-origin=user]").first().textContent(),
        )
        .toContain("Remember the archived word");
    },
    E2E_TEST_TIMEOUT_MS,
  );
});
