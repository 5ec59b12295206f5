// Assertions the browser tests share: what a finished shell tool call must show the user.
import type { Locator } from "playwright-core";
import { expect } from "vitest";

/**
 * Expects the single finished tool call in `view` to show, visibly: its tool name in the header, the command in its
 * arguments (the Arguments section is opened when collapsed), and the command's output, with no error mark.
 */
export async function expectToolCallShown(view: Locator, expected: { command: string; output: string }): Promise<void> {
  const tool = view.getByTestId("tool-call");
  expect(await tool.count()).toBe(1);
  const toolName = (await tool.getAttribute("data-tool-name")) ?? "";
  expect(toolName).not.toBe("");
  expect(toolName).not.toBe("unknown");
  expect(await tool.locator(".tool-head").textContent()).toContain(toolName);
  expect(await tool.locator("[data-testid=tool-running]").count()).toBe(0);

  const args = tool.getByTestId("tool-arguments");
  if (!(await args.evaluate((details) => (details as HTMLDetailsElement).open))) {
    await args.locator("summary").click();
  }
  expect(await args.locator("pre").isVisible()).toBe(true);
  expect(await args.locator("pre").textContent()).toContain(expected.command);

  const output = tool.getByTestId("tool-output");
  expect(await output.getAttribute("data-error")).toBeNull();
  expect(await output.locator("pre").isVisible()).toBe(true);
  expect(await output.locator("pre").textContent()).toContain(expected.output);
}
