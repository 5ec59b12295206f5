// Browser test of model choice (issue 16 §2): the header's picker lists the CLI's models and changes the model
// between turns (the turn's footer and the header show it, the model API stand-in saw it); the new-session form
// offers the CLI's models once one of its sessions has started.
import { describe, expect, it } from "vitest";
import type { CliType } from "../shared/contracts/index.js";
import { E2E_TEST_TIMEOUT_MS, useBrowserSuite } from "../testing/app/browser-suite.js";
import { chatView, projectGroup, sendInUi, startSessionInUi, waitForFinishedTurns } from "../testing/app/page.js";

const suite = useBrowserSuite({ claudeWarmStart: false });

/** The `model` of the latest turn request the stand-in of `cli` received. */
function lastModelAtTheApi(cli: CliType): string | undefined {
  const { anthropic, openai } = suite.stack;
  const requests =
    cli === "claude-code"
      ? anthropic.requests.filter((r) => r.kind === "turn")
      : openai.requests.filter((r) => r.url.startsWith("/v1/responses"));
  const model = (requests.at(-1)?.body as { model?: unknown } | undefined)?.model;
  return typeof model === "string" ? model : undefined;
}

describe("choosing the model", { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it.each<CliType>(["codex", "claude-code"])(
    "%s: picks another model in the header; the next turn's footer and the stand-in show it",
    async (cli) => {
      const { page } = await suite.open();
      const sessionId = await startSessionInUi(page, { cliType: cli });
      const picker = page.getByTestId("session-model");
      await expect.poll(() => picker.isEnabled(), { timeout: 30_000 }).toBe(true);
      const options = await picker
        .locator("option")
        .evaluateAll((els) => els.map((el) => (el as HTMLOptionElement).value));
      expect(options.length).toBeGreaterThan(1);
      const before = await picker.inputValue();
      const target = options.at(-1) ?? "";
      expect(target).not.toBe(before);

      await picker.selectOption(target);
      const header = page.getByTestId("session-header");
      await expect.poll(() => header.locator(".session-header-model").getAttribute("data-model")).toBe(target);
      await sendInUi(page, "Which model are you? scenario:slow pace:200");
      // During the turn (a slow answer) the picker is disabled, saying why.
      await expect.poll(() => picker.getAttribute("title")).toMatch(/between turns/);
      expect(await picker.isDisabled()).toBe(true);
      await waitForFinishedTurns(page, sessionId, 1);

      const wire = lastModelAtTheApi(cli) ?? "";
      expect(cli === "codex" ? wire : wire.includes(target)).toBe(cli === "codex" ? target : true);
      const footer = chatView(page, sessionId).getByTestId("turn-model").last();
      expect(await footer.textContent()).toBe(wire);
      expect(await picker.isEnabled()).toBe(true);
      expect(await picker.inputValue()).toBe(target);
    },
  );

  it("offers the CLI's models in the new-session form and starts the session with the one chosen", async () => {
    const { page } = await suite.open();
    await startSessionInUi(page, { cliType: "codex" });
    await expect.poll(() => page.getByTestId("session-model").isEnabled(), { timeout: 30_000 }).toBe(true);

    const group = projectGroup(page);
    await group.getByTestId("new-session-button").click();
    await group.getByTestId("new-session-cli").selectOption("codex");
    const model = group.getByTestId("new-session-model");
    const known = suite.stack.service.cliModels("codex").models.map((m) => m.id);
    expect(known.length).toBeGreaterThan(1);
    const values = () => model.locator("option").evaluateAll((els) => els.map((el) => (el as HTMLOptionElement).value));
    // "CLI default" first, then Codex's own list (not Claude Code's, asked for when the form opened).
    await expect.poll(values, { timeout: 10_000 }).toEqual(["", ...known]);
    const chosen = known.at(-1) ?? "";
    await model.selectOption(chosen);
    await group.getByTestId("new-session-submit").click();

    const header = page.getByTestId("session-header");
    await expect.poll(() => header.locator(".session-header-model").getAttribute("data-model")).toBe(chosen);
    const sessionId = (await header.getAttribute("data-session-id")) ?? "";
    await sendInUi(page, "Hello from the chosen model. scenario:text");
    await waitForFinishedTurns(page, sessionId, 1);
    expect(lastModelAtTheApi("codex")).toBe(chosen);
  });
});
