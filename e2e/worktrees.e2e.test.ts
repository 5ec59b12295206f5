// Browser test: a session in its own git worktree (real Claude Code against the stand-in) writes a file; the Changes
// panel shows it with its +/−; Commit and Merge put it in the project's main checkout; the terminal runs in the worktree.
import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { E2E_TEST_TIMEOUT_MS, useBrowserSuite } from "../testing/app/browser-suite.js";
import { sendInUi, startSessionInUi, waitForFinishedTurns } from "../testing/app/page.js";

const suite = useBrowserSuite();
const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, encoding: "utf8" }).trim();

describe("a worktree session", { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it("writes in its worktree; the Changes panel shows it; commit and merge bring it to the main checkout", async () => {
    const { page } = await suite.open();
    const projectDir = suite.stack.projectDir;
    const sessionId = await startSessionInUi(page, {
      cliType: "claude-code",
      permissionMode: "acceptEdits",
      worktree: { branch: "lb/e2e-hello" },
    });
    const branch = page.getByTestId("header-branch");
    await expect.poll(() => branch.textContent()).toBe("⎇ lb/e2e-hello");
    const worktree = (await branch.getAttribute("title")) ?? "";
    expect(worktree).toBe(join(suite.stack.dataDir, "worktrees", worktree.split("/").at(-3) ?? "", "lb", "e2e-hello"));

    await sendInUi(page, "scenario:tool-write");
    await waitForFinishedTurns(page, sessionId, 1);
    expect(await readFile(join(worktree, "hello.txt"), "utf8")).toBe("Hello from Liminal Builder\n");
    await expect.poll(() => page.getByTestId("header-changes").textContent(), { timeout: 10_000 }).toBe("1 file +1 −0");
    const row = page.locator(`[data-testid=session-row][data-session-id="${sessionId}"]`);
    expect(await row.getByTestId("session-branch").textContent()).toBe("⎇ lb/e2e-hello");

    await page.getByTestId("open-changes").click();
    const file = page.locator("[data-testid=changes-file][data-path='hello.txt']");
    await file.waitFor({ timeout: 10_000 });
    expect(await file.getAttribute("data-status")).toBe("added");
    expect(await file.getByTestId("changes-file-additions").textContent()).toBe("+1");
    await file.click();
    const diff = page.getByTestId("changes-diff");
    await expect.poll(() => diff.textContent(), { timeout: 10_000 }).toContain("Hello from Liminal Builder");
    await page.getByTestId("changes-diff-mode").click();
    await page.locator("[data-testid=changes-diff] .d2h-file-side-diff").first().waitFor({ timeout: 5_000 });

    expect(await page.getByTestId("changes-merge").isDisabled()).toBe(true);
    await page.getByTestId("changes-commit-message").fill("Say hello");
    await page.getByTestId("changes-commit").click();
    await expect
      .poll(() => page.getByTestId("changes-status").textContent(), { timeout: 10_000 })
      .toMatch(/^Committed [0-9a-f]{7}$/);
    expect(git(worktree, "log", "-1", "--format=%s")).toBe("Say hello");
    await expect.poll(() => page.getByTestId("changes-merge").isDisabled(), { timeout: 10_000 }).toBe(false);
    await page.getByTestId("changes-merge").click();
    await expect
      .poll(() => page.getByTestId("changes-status").textContent(), { timeout: 10_000 })
      .toBe("Merged into main (fast-forward)");
    expect(await readFile(join(projectDir, "hello.txt"), "utf8")).toBe("Hello from Liminal Builder\n");
    expect(git(projectDir, "log", "-1", "--format=%s")).toBe("Say hello");

    // The session's terminal runs in its worktree, not in the project folder.
    await page.getByTestId("session-terminal").click();
    const view = page.locator("[data-testid=terminal-view]:not([hidden])");
    await view.locator("xpath=self::*[@data-status='open']").waitFor({ timeout: 15_000 });
    await view.locator(".xterm-screen").click();
    await page.keyboard.type('echo "in=$(pwd)"');
    await page.keyboard.press("Enter");
    await page.waitForFunction(
      (wanted) =>
        (document.querySelector("[data-testid=terminal-view]:not([hidden]) .xterm-rows")?.textContent ?? "").includes(
          wanted,
        ),
      `in=${worktree}`,
      { timeout: 15_000 },
    );
  });

  it("is refused with the reason for a branch that exists, runs the project's setup command, and Discard asks first, then removes it", async () => {
    const { page } = await suite.open();
    const projectDir = suite.stack.projectDir;
    git(projectDir, "branch", "taken-branch");
    const group = page.getByTestId("project-group").first();
    await group.getByTestId("project-settings").click();
    await group.getByTestId("project-setup-command").fill("echo setup-ran-$((20+22)) | tee setup.txt");
    await group.getByTestId("project-settings-save").click();
    await group.getByTestId("project-settings-form").waitFor({ state: "detached", timeout: 10_000 });
    await group.getByTestId("new-session-button").click();
    await group
      .locator("[data-testid=new-session-where] option[value=worktree]:not([disabled])")
      .waitFor({ state: "attached" });
    await group.getByTestId("new-session-where").selectOption("worktree");
    await group.getByTestId("new-session-branch").fill("taken-branch");
    await group.getByTestId("new-session-submit").click();
    await expect
      .poll(() => group.getByTestId("new-session-error").textContent(), { timeout: 10_000 })
      .toContain("A branch named taken-branch already exists");
    await group.getByTestId("new-session-branch").fill("lb/e2e-discard");
    await group.getByTestId("new-session-submit").click();
    await expect
      .poll(() => page.getByTestId("header-branch").textContent(), { timeout: 30_000 })
      .toBe("⎇ lb/e2e-discard");
    const worktree = (await page.getByTestId("header-branch").getAttribute("title")) ?? "";
    // The project's setup command ran in the new worktree, its output shown in the session.
    await expect
      .poll(() => page.locator("[data-testid=tool-call]").last().textContent(), { timeout: 15_000 })
      .toContain("setup-ran-42");
    expect(await readFile(join(worktree, "setup.txt"), "utf8")).toBe("setup-ran-42\n");

    await page.keyboard.press("Control+Alt+KeyG");
    await page.getByTestId("changes-discard").click();
    const confirm = page.getByTestId("discard-confirm");
    expect(await confirm.textContent()).toContain(`branch lb/e2e-discard`);
    expect(git(projectDir, "branch", "--list", "--format=%(refname:short)", "lb/e2e-discard")).toBe("lb/e2e-discard");
    await page.getByTestId("discard-confirm-button").click();
    await expect
      .poll(() => git(projectDir, "branch", "--list", "--format=%(refname:short)", "lb/e2e-discard"), {
        timeout: 15_000,
      })
      .toBe("");
    expect(git(projectDir, "worktree", "list")).not.toContain(worktree);
  });
});
