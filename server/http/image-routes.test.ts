// Images over HTTP and /ws (issue 16 §5): the send route's and /ws frames' larger limit (other routes keep 16 MiB),
// the error codes, `GET /api/images/:imageId` with access control, `image:get`.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { MessageUpsert } from "../../shared/contracts/index.js";
import { RED_PIXEL_PNG_BASE64, redPixelPng } from "../../testing/fixtures/images.js";
import { createTestApp, injectJson, listen, TestClient, type TestApp } from "./testing/harness.js";

let t: TestApp;
let projectId: string;
const clients: TestClient[] = [];

beforeEach(async () => {
  t = await createTestApp();
  projectId = (await t.project("app")).projectId;
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await t.close();
});

const png = { mediaType: "image/png", data: RED_PIXEL_PNG_BASE64 };
/** A valid PNG of `size` bytes (the pixel file, padded), base64. */
const pngOf = (size: number) => {
  const bytes = Buffer.alloc(size);
  redPixelPng().copy(bytes);
  return { mediaType: "image/png", data: bytes.toString("base64") };
};

async function createSession(cliType = "claude-code"): Promise<string> {
  const { body } = await injectJson(t, "POST", "/api/session/create", { cliType, projectId });
  return body.sessionId;
}

describe("POST /api/session/:id/send with images", () => {
  it("takes ten 5 MB images (a body far over the 16 MiB other routes take)", async () => {
    const sessionId = await createSession();
    const images = Array.from({ length: 10 }, () => pngOf(5 * 1024 * 1024));
    const { status, body } = await injectJson(t, "POST", `/api/session/${sessionId}/send`, { images });
    expect(status).toBe(202);
    expect(body.turnId).toEqual(expect.any(String));
  });

  it("keeps the 16 MiB limit on other routes, answering 413 in words", async () => {
    const { status, body } = await injectJson(t, "POST", "/api/projects", { path: "x".repeat(17 * 1024 * 1024) });
    expect(status).toBe(413);
    expect(body).toEqual({
      code: "INVALID_REQUEST",
      message: "The request body is larger than this route accepts (16 MiB; a message with images up to 80 MiB)",
    });
  });

  it("answers INVALID_IMAGE, IMAGE_TOO_LARGE and the empty-message refusal", async () => {
    const sessionId = await createSession();
    const send = (body: unknown) => injectJson(t, "POST", `/api/session/${sessionId}/send`, body);
    expect(await send({ content: "x", images: [{ mediaType: "image/bmp", data: "Qk0=" }] })).toMatchObject({
      status: 400,
      body: { code: "INVALID_IMAGE" },
    });
    expect(await send({ images: Array.from({ length: 11 }, () => png) })).toMatchObject({
      status: 400,
      body: { code: "INVALID_IMAGE", message: "A message may carry at most 10 images; this one has 11" },
    });
    expect(await send({ images: [pngOf(5 * 1024 * 1024 + 1)] })).toMatchObject({
      status: 413,
      body: { code: "IMAGE_TOO_LARGE" },
    });
    expect(await send({ content: "  ", images: [] })).toMatchObject({
      status: 400,
      body: { code: "INVALID_REQUEST", message: "Invalid request body: content: content must not be empty" },
    });
  });

  it("answers IMAGES_UNSUPPORTED for a CLI that takes no images", async () => {
    const sessionId = await createSession("codex");
    t.codex.imageInput = false;
    const { status, body } = await injectJson(t, "POST", `/api/session/${sessionId}/send`, { images: [png] });
    expect(status).toBe(400);
    expect(body.code).toBe("IMAGES_UNSUPPORTED");
  });
});

describe("GET /api/images/:imageId and image:get", () => {
  it("serves a sent image with its type and immutable caching, behind the access token", async () => {
    const sessionId = await createSession();
    const { wsUrl } = await listen(t.app);
    const client = await TestClient.connect(wsUrl);
    clients.push(client);
    await client.request({ type: "session:open", sessionId });
    const sent = await client.request({ type: "session:send", sessionId, content: "see", images: [png] });
    expect(sent).toMatchObject({ type: "session:sent" });
    const upsert = await client.waitFor((m) => m.type === "session:upsert" && m.payload.type === "message");
    const imageId = (upsert.type === "session:upsert" ? (upsert.payload as MessageUpsert).images : [])?.[0]?.imageId;
    expect(imageId).toMatch(/^[0-9a-f]{64}$/);

    const response = await t.app.inject({ method: "GET", url: `/api/images/${imageId}`, headers: t.auth });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("image/png");
    expect(response.headers["cache-control"]).toBe("private, max-age=31536000, immutable");
    expect(response.rawPayload).toEqual(redPixelPng());
    const anonymous = await t.app.inject({ method: "GET", url: `/api/images/${imageId}` });
    expect(anonymous.statusCode).toBe(401);
    const missing = await injectJson(t, "GET", `/api/images/${"0".repeat(64)}`);
    expect(missing).toMatchObject({ status: 404, body: { code: "IMAGE_NOT_FOUND" } });

    expect(await client.request({ type: "image:get", imageId })).toMatchObject({
      type: "image:data",
      imageId,
      mediaType: "image/png",
      data: RED_PIXEL_PNG_BASE64,
    });
  });
});
