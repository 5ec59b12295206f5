// Browser test: a Claude Code session that already exists on disk is listed in the sidebar and opens with its history.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { claudeTranscriptPath, readClaudeTranscript } from "../server/providers/claude/index.js";
import { E2E_TEST_TIMEOUT_MS, useBrowserSuite } from "../testing/app/browser-suite.js";
import { chatView } from "../testing/app/page.js";
import { fixturesDir } from "../testing/fixtures/index.js";

/** A real Claude Code 2.1 transcript (see testing/fixtures/SOURCES.md): one prompt, 13 tool calls. */
const FIXTURE = path.join(fixturesDir(), "claude-jsonl", "claude-reliability", "coverage-test-fix.transcript.jsonl");
const PROVIDER_SESSION_ID = "c64cc478-3430-40fe-8e9c-4ee9986e9754";

const suite = useBrowserSuite({ claudeWarmStart: false });

/**
 * Copies the fixture to where Claude Code keeps transcripts of `projectDir` (in the stack's CLAUDE_CONFIG_DIR), every
 * record's `cwd` rewritten to `projectDir`, as if the CLI had run there. Returns the file's path.
 */
async function placeTranscript(configDir: string, projectDir: string): Promise<string> {
  const lines = (await readFile(FIXTURE, "utf8")).split("\n").map((line) => {
    if (!line.trim().startsWith("{")) return line;
    const record = JSON.parse(line) as Record<string, unknown>;
    if (typeof record.cwd === "string") record.cwd = projectDir;
    return JSON.stringify(record);
  });
  const file = claudeTranscriptPath(configDir, projectDir, PROVIDER_SESSION_ID);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, lines.join("\n"));
  return file;
}

describe("sessions found on disk", { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it("a Claude Code session already on disk appears in the sidebar and opens with its full history", async () => {
    const { stack } = suite;
    const file = await placeTranscript(stack.claudeConfigDir, stack.projectDir);
    const sessionId = `claude-code:${PROVIDER_SESSION_ID}`;
    const expected = (await readClaudeTranscript(file, { sessionId })).history;
    expect(expected.length).toBeGreaterThan(20);

    const { page } = await suite.open();
    const row = page.locator(`[data-testid=session-row][data-session-id="${sessionId}"]`);
    await row.waitFor({ state: "visible" });
    expect(await row.getByTestId("session-cli").textContent()).toBe("Claude Code");
    expect(await row.textContent()).toContain("Add a function called multiply_numbers");

    await row.click();
    const view = chatView(page, sessionId);
    await view.waitFor({ state: "visible" });
    const items = view.locator("[data-testid=chat-item]");
    await page.waitForFunction(
      ([id, count]) =>
        document.querySelectorAll(`[data-testid=chat-view][data-session-id="${id}"] [data-testid=chat-item]`).length >=
        count,
      [sessionId, expected.length] as const,
    );
    const shown = await items.evaluateAll((els) =>
      els.map((el) => ({
        itemId: (el as HTMLElement).dataset.itemId,
        type: (el as HTMLElement).dataset.type,
        status: (el as HTMLElement).dataset.status,
      })),
    );
    expect(shown).toEqual(expected.map((item) => ({ itemId: item.itemId, type: item.type, status: item.status })));
    expect(await view.getByTestId("tool-call").count()).toBe(expected.filter((i) => i.type === "tool_call").length);
    expect(await items.first().textContent()).toContain("Add a function called multiply_numbers");
    expect(await view.getByTestId("session-empty").count()).toBe(0);
  });
});
