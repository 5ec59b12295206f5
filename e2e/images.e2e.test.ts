// Browser test of images in a message (issue 16 §5): pick or paste a PNG, its thumbnail shows and can be removed,
// the sent user message shows it (opening larger on click), and the model API received the same bytes; a file that
// cannot go is refused with the reason before anything is sent.
import { describe, expect, it } from "vitest";
import { requestImages } from "../testing/anthropic/images.js";
import { E2E_TEST_TIMEOUT_MS, useBrowserSuite } from "../testing/app/browser-suite.js";
import { chatView, startSessionInUi, waitForFinishedTurns } from "../testing/app/page.js";
import { RED_PIXEL_PNG_BASE64, redPixelPng } from "../testing/fixtures/images.js";

const suite = useBrowserSuite();

describe("images in the composer", { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  it("picks, removes, pastes and sends a PNG; the message shows it and the model API got it", async () => {
    const { page } = await suite.open();
    const sessionId = await startSessionInUi(page, { cliType: "claude-code" });
    const thumbs = page.getByTestId("composer-thumb");

    await page.getByTestId("composer-image-input").setInputFiles({
      name: "pixel.png",
      mimeType: "image/png",
      buffer: redPixelPng(),
    });
    await expect.poll(() => thumbs.count()).toBe(1);
    await page.getByTestId("composer-thumb-remove").click();
    await expect.poll(() => thumbs.count()).toBe(0);

    await page.getByTestId("composer-input").evaluate((input, base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], "image.png", { type: "image/png" }));
      input.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, RED_PIXEL_PNG_BASE64);
    await expect.poll(() => thumbs.count()).toBe(1);
    expect(await page.getByTestId("composer-input").inputValue()).toBe("");

    const word = "e2e-screenshot";
    await page.getByTestId("composer-input").fill(`What is in this ${word}? scenario:text`);
    await page.getByTestId("composer-input").press("Enter");
    await waitForFinishedTurns(page, sessionId, 1);
    await expect.poll(() => thumbs.count()).toBe(0);

    const shown = chatView(page, sessionId).getByTestId("message-image");
    expect(await shown.count()).toBe(1);
    await expect
      .poll(() => shown.locator("img").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBe(1);
    await shown.click();
    await expect.poll(() => page.getByTestId("image-viewer").isVisible()).toBe(true);
    await page.getByTestId("image-viewer").click();
    await expect.poll(() => page.getByTestId("image-viewer").count()).toBe(0);

    const asked = suite.stack.anthropic.requests.filter(
      (r) => r.kind === "turn" && JSON.stringify(r.body).includes(word),
    );
    expect(asked.length).toBeGreaterThan(0);
    expect(requestImages(asked[0]?.body)).toEqual([{ mediaType: "image/png", data: RED_PIXEL_PNG_BASE64 }]);
  });

  it("refuses a file that is no image, or too large, with the reason, and adds nothing", async () => {
    const { page } = await suite.open();
    await startSessionInUi(page, { cliType: "claude-code" });
    const big = Buffer.alloc(6 * 1024 * 1024);
    redPixelPng().copy(big);
    await page.getByTestId("composer-image-input").setInputFiles([
      { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello") },
      { name: "huge.png", mimeType: "image/png", buffer: big },
    ]);
    const error = page.getByTestId("composer-image-error");
    await expect.poll(() => error.isVisible()).toBe(true);
    expect(await error.innerText()).toBe(
      [
        "notes.txt is a text/plain file: only PNG, JPEG, GIF and WebP images can be sent.",
        "huge.png is 6.0 MB: an image may be at most 5 MB.",
      ].join("\n"),
    );
    expect(await page.getByTestId("composer-thumb").count()).toBe(0);
    expect(await page.getByTestId("composer-send").isDisabled()).toBe(true);
  });
});
