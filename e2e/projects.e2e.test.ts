// Browser test: adding a project folder that does not exist shows the error where the user typed it.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { E2E_TEST_TIMEOUT_MS, useBrowserSuite } from "../testing/app/browser-suite.js";

const suite = useBrowserSuite({ claudeWarmStart: false });

describe("adding a project", { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it("shows an error under the path field for a folder that does not exist", async () => {
    const { page } = await suite.open();
    const missing = path.join(suite.stack.root, "no-such-folder");
    await page.getByTestId("project-add-input").fill(missing);
    await page.getByTestId("project-add-input").press("Enter");

    const error = page.getByTestId("project-add-error");
    await error.waitFor({ state: "visible" });
    expect(await error.textContent()).toMatch(/no-such-folder|does not exist|not found|No such/i);
    expect(await page.getByTestId("project-add-input").inputValue()).toBe(missing);
    const form = page.locator("form.project-add");
    expect(await form.locator("[data-testid=project-add-error]").isVisible()).toBe(true);
    expect(await page.getByTestId("project-group").count()).toBe(1);
  });
});
