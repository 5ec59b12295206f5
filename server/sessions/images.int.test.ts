// Images in a message with the real CLIs (issue 16 §5): the image the user sends reaches the model API (Claude Code:
// an Anthropic `image` block; Codex: a Responses API `input_image` data URL) with the same bytes, and the user's
// message refers to the stored image, which `GET /api/images/:imageId` serves.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliType, MessageUpsert } from "../../shared/contracts/index.js";
import { requestImages as anthropicImages } from "../../testing/anthropic/images.js";
import { cliProcesses, type LiminalStack, startLiminalStack } from "../../testing/app/index.js";
import { RED_PIXEL_PNG_BASE64, redPixelPng } from "../../testing/fixtures/images.js";
import { requestImages as openaiImages } from "../../testing/openai/images.js";
import { recordSession } from "./testing/session-recorder.js";

let stack: LiminalStack;

beforeAll(async () => {
  stack = await startLiminalStack({ seedProject: false, claudeWarmStart: false });
});

afterAll(async () => {
  await stack?.close();
  expect(cliProcesses()).toEqual([]);
});

/** The images of each model request of `cli`'s stand-in that mentions `word`, one list per request. */
function imagesAtTheApi(cli: CliType, word: string): { mediaType: string; data: string }[][] {
  if (cli === "claude-code") {
    return stack.anthropic.requests
      .filter((r) => r.kind === "turn" && JSON.stringify(r.body).includes(word))
      .map((r) => anthropicImages(r.body));
  }
  return stack.openai.requests
    .filter((r) => r.url.startsWith("/v1/responses") && JSON.stringify(r.body).includes(word))
    .map((r) => openaiImages(r.body));
}

async function post(path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${stack.url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${stack.token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe.each<CliType>(["claude-code", "codex"])("%s: an image in a message", (cli) => {
  it("reaches the model API with the same bytes, and the user message refers to the stored image", async () => {
    const projectId = stack.project?.projectId ?? "";
    const { sessionId } = await stack.service.createSession({ projectId, cliType: cli });
    const s = recordSession(stack.service, sessionId);
    const word = `${cli}-picture`;

    const sent = await post(`/api/session/${sessionId}/send`, {
      content: `What is in this ${word}?`,
      images: [{ mediaType: "image/png", data: RED_PIXEL_PNG_BASE64 }],
    });
    expect(sent.status).toBe(202);
    const turnId = String(sent.json.turnId);
    expect(await s.turnEnd(turnId)).toMatchObject({ type: "turn_complete", status: "completed" });

    const asked = imagesAtTheApi(cli, word);
    expect(asked.length).toBeGreaterThan(0);
    for (const images of asked) expect(images).toEqual([{ mediaType: "image/png", data: RED_PIXEL_PNG_BASE64 }]);

    const user = s.messages
      .map((m) => (m.type === "session:upsert" ? m.payload : undefined))
      .find((p): p is MessageUpsert => p?.type === "message" && p.origin === "user" && p.turnId === turnId);
    expect(user?.content).toBe(`What is in this ${word}?`);
    expect(user?.images).toEqual([
      { imageId: expect.stringMatching(/^[0-9a-f]{64}$/), mediaType: "image/png", byteLength: redPixelPng().length },
    ]);
    const served = await fetch(`${stack.url}/api/images/${user?.images?.[0]?.imageId}`, {
      headers: { authorization: `Bearer ${stack.token}` },
    });
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(served.headers.get("cache-control")).toContain("immutable");
    expect(Buffer.from(await served.arrayBuffer())).toEqual(redPixelPng());
    s.stop();
    await stack.service.killSession(sessionId);
  });
});

describe("refusals before anything is sent", () => {
  it("answers INVALID_IMAGE for bytes that are not the declared type and IMAGE_TOO_LARGE over 5 MB", async () => {
    const projectId = stack.project?.projectId ?? "";
    const { sessionId } = await stack.service.createSession({ projectId, cliType: "claude-code" });
    const before = stack.anthropic.requests.length;
    const wrongType = await post(`/api/session/${sessionId}/send`, {
      content: "a jpeg?",
      images: [{ mediaType: "image/jpeg", data: RED_PIXEL_PNG_BASE64 }],
    });
    expect(wrongType).toMatchObject({
      status: 400,
      json: { code: "INVALID_IMAGE", message: "Image 1 is declared JPEG but its bytes are a PNG image" },
    });
    const big = Buffer.concat([redPixelPng(), Buffer.alloc(5 * 1024 * 1024)]).toString("base64");
    const tooLarge = await post(`/api/session/${sessionId}/send`, {
      content: "",
      images: [{ mediaType: "image/png", data: big }],
    });
    expect(tooLarge).toMatchObject({ status: 413, json: { code: "IMAGE_TOO_LARGE" } });
    expect(stack.anthropic.requests.slice(before).filter((r) => r.kind === "turn")).toEqual([]);
    await stack.service.killSession(sessionId);
  });
});
