// Browser test (issue 13 §8, §9): a Claude Code transcript on disk with a screenshot between two paragraphs, IDE
// context and an image in a tool's result opens with thumbnails in place (a click shows them larger, loaded from
// `GET /api/images/:imageId`) and the context as a chip that expands, not as the user's words.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { claudeTranscriptPath } from "../server/providers/claude/index.js";
import { E2E_TEST_TIMEOUT_MS, useBrowserSuite } from "../testing/app/browser-suite.js";
import { chatView } from "../testing/app/page.js";
import { RED_PIXEL_PNG_BASE64, PIXEL_GIF_BASE64 } from "../testing/fixtures/images.js";

const PROVIDER_SESSION_ID = "3c0d9a51-7e0b-4c52-9a39-5d1f2e6b7a80";
const OPENED =
  "The user opened the file /work/src/app.ts in the IDE. This may or may not be related to the current task.";

const suite = useBrowserSuite({ claudeWarmStart: false });

/** A transcript in the Claude Code 2.x record format (see CLI-NOTES.md "Transcripts"), run in `cwd`. */
function transcript(cwd: string): string {
  let parent: string | null = null;
  let n = 0;
  const record = (type: string, message: Record<string, unknown>) => {
    const uuid = `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`;
    const line = {
      type,
      uuid,
      parentUuid: parent,
      sessionId: PROVIDER_SESSION_ID,
      cwd,
      isSidechain: false,
      message,
      timestamp: `2026-12-01T10:00:${String(n).padStart(2, "0")}.000Z`,
    };
    parent = uuid;
    return JSON.stringify(line);
  };
  const image = (mediaType: string, data: string) => ({
    type: "image",
    source: { type: "base64", media_type: mediaType, data },
  });
  return [
    record("user", {
      role: "user",
      content: [
        { type: "text", text: `<ide_opened_file>${OPENED}</ide_opened_file>` },
        { type: "text", text: "Here is the broken page" },
        image("image/png", RED_PIXEL_PNG_BASE64),
        { type: "text", text: "Why is it red?" },
      ],
    }),
    record("assistant", {
      id: "msg_1",
      role: "assistant",
      content: [{ type: "tool_use", id: "toolu_1", name: "Read", input: { file_path: `${cwd}/logo.gif` } }],
    }),
    record("user", {
      role: "user",
      content: [{ type: "tool_result", tool_use_id: "toolu_1", content: [image("image/gif", PIXEL_GIF_BASE64)] }],
    }),
    record("assistant", { id: "msg_2", role: "assistant", content: [{ type: "text", text: "The CSS sets it red." }] }),
  ].join("\n");
}

describe("images and IDE context in history from disk", { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it("shows the screenshot in place, larger on click, the tool's image, and the IDE context as a chip", async () => {
    const { stack } = suite;
    const file = claudeTranscriptPath(stack.claudeConfigDir, stack.projectDir, PROVIDER_SESSION_ID);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, transcript(stack.projectDir));
    const sessionId = `claude-code:${PROVIDER_SESSION_ID}`;

    const { page } = await suite.open();
    const row = page.locator(`[data-testid=session-row][data-session-id="${sessionId}"]`);
    await row.waitFor({ state: "visible" });
    expect(await row.textContent()).toContain("Here is the broken page");
    await row.click();
    const view = chatView(page, sessionId);
    const user = view.locator("[data-testid=chat-item][data-type=message]").first();
    await user.getByTestId("message-parts").waitFor({ state: "visible" });

    // Text, image, text: in the order of the blocks, and the IDE context is not part of the user's words.
    const order = await user
      .getByTestId("message-parts")
      .evaluate((el) =>
        [...el.children].map((child) => (child.querySelector("img") ? "image" : (child.textContent ?? "").trim())),
      );
    expect(order).toEqual(["Here is the broken page", "image", "Why is it red?"]);
    expect(await user.textContent()).not.toContain("<ide_opened_file>");

    const thumb = user.getByTestId("message-image");
    await expect
      .poll(() => thumb.locator("img").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBe(1);
    await thumb.click();
    const viewer = page.getByTestId("image-viewer");
    await expect.poll(() => viewer.isVisible()).toBe(true);
    expect(await viewer.locator("img").getAttribute("src")).toBe(await thumb.locator("img").getAttribute("src"));
    await viewer.click();
    await expect.poll(() => viewer.count()).toBe(0);

    const chip = user.getByTestId("context-chip");
    expect(await chip.count()).toBe(1);
    expect(await chip.locator("summary").textContent()).toBe("Opened file");
    expect(await chip.locator("pre").isVisible()).toBe(false);
    await chip.locator("summary").click();
    await expect.poll(() => chip.locator("pre").isVisible()).toBe(true);
    expect(await chip.locator("pre").textContent()).toBe(OPENED);

    const tool = view.locator('[data-testid=tool-call][data-tool-name="Read"]');
    const toolImage = tool.getByTestId("message-image").locator("img");
    await expect.poll(() => toolImage.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
    expect(await tool.textContent()).not.toContain("[image]");
    expect(await tool.getByTestId("tool-output").count()).toBe(0); // no empty "(no output)" beside the image
  });
});
