// The checks on a message's images (issue 16 §5): count, type, base64, magic bytes, size; and how the service
// sends, stores and refers to them, or refuses them before anything reaches the CLI.
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sniffImageType } from "../../shared/contracts/index.js";
import { PIXEL_GIF_BASE64, RED_PIXEL_PNG_BASE64, redPixelPng } from "../../testing/fixtures/images.js";
import { checkImages } from "./session-images.js";
import { createServiceHarness, type ServiceHarness } from "./testing/harness.js";

const png = { mediaType: "image/png", data: RED_PIXEL_PNG_BASE64 };
const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return { code: (error as { code?: string }).code, message: (error as Error).message };
  }
  return undefined;
};

describe("sniffImageType", () => {
  it("names PNG, JPEG, GIF and WebP by their magic bytes, and nothing else", () => {
    expect(sniffImageType(redPixelPng())).toBe("image/png");
    expect(sniffImageType(Buffer.from(PIXEL_GIF_BASE64, "base64"))).toBe("image/gif");
    expect(sniffImageType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe("image/jpeg");
    expect(sniffImageType(Buffer.from("RIFF\x10\0\0\0WEBPVP8 ", "latin1"))).toBe("image/webp");
    expect(sniffImageType(Buffer.from("RIFF\x10\0\0\0WAVEfmt ", "latin1"))).toBeUndefined();
    expect(sniffImageType(Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeUndefined();
    expect(sniffImageType(new Uint8Array([0x89, 0x50]))).toBeUndefined();
  });
});

describe("checkImages", () => {
  it("decodes good images in order", () => {
    const gif = { mediaType: "image/gif", data: PIXEL_GIF_BASE64 };
    const checked = checkImages([png, gif]);
    expect(checked.map((i) => i.mediaType)).toEqual(["image/png", "image/gif"]);
    expect(checked[0]?.bytes).toEqual(redPixelPng());
    expect(checkImages(undefined)).toEqual([]);
  });

  it("refuses a type that is not PNG, JPEG, GIF or WebP", () => {
    expect(codeOf(() => checkImages([png, { mediaType: "image/svg+xml", data: "PHN2Zz4=" }]))).toEqual({
      code: "INVALID_IMAGE",
      message: 'Image 2 has type "image/svg+xml"; only PNG, JPEG, GIF, WebP images are accepted',
    });
  });

  it("refuses data that is not base64", () => {
    for (const data of ["", "not base64!", `data:image/png;base64,${RED_PIXEL_PNG_BASE64}`, "iVBORw0KGgo"]) {
      expect(codeOf(() => checkImages([{ mediaType: "image/png", data }]))?.code).toBe("INVALID_IMAGE");
    }
  });

  it("refuses bytes whose magic number is not the declared type", () => {
    expect(codeOf(() => checkImages([{ mediaType: "image/webp", data: RED_PIXEL_PNG_BASE64 }]))).toEqual({
      code: "INVALID_IMAGE",
      message: "Image 1 is declared WebP but its bytes are a PNG image",
    });
    const text = Buffer.from("hello, not an image").toString("base64");
    expect(codeOf(() => checkImages([{ mediaType: "image/png", data: text }]))?.message).toBe(
      "Image 1 is declared PNG but its bytes are no PNG, JPEG, GIF or WebP image",
    );
  });

  it("takes 5 MiB exactly and refuses one byte more with IMAGE_TOO_LARGE", () => {
    const of = (size: number) => {
      const bytes = Buffer.alloc(size);
      redPixelPng().copy(bytes);
      return { mediaType: "image/png", data: bytes.toString("base64") };
    };
    expect(checkImages([of(5 * 1024 * 1024)])[0]?.bytes.length).toBe(5 * 1024 * 1024);
    expect(codeOf(() => checkImages([of(5 * 1024 * 1024 + 1)]))).toEqual({
      code: "IMAGE_TOO_LARGE",
      message: "Image 1 is 5.0 MB; an image may be at most 5 MB",
    });
  });

  it("takes 10 images and refuses 11", () => {
    expect(checkImages(Array.from({ length: 10 }, () => png))).toHaveLength(10);
    expect(codeOf(() => checkImages(Array.from({ length: 11 }, () => png)))).toEqual({
      code: "INVALID_IMAGE",
      message: "A message may carry at most 10 images; this one has 11",
    });
  });
});

describe("sending images through the service", () => {
  let h: ServiceHarness;
  beforeEach(async () => {
    h = await createServiceHarness();
  });
  afterEach(async () => {
    await h.cleanup();
  });

  it("passes them to the provider, stores them once by hash, and the user message refers to them", async () => {
    const session = await h.service.createSession({ projectId: h.project.projectId, cliType: "claude-code" });
    const stream = h.stream(session.sessionId);
    await h.service.sendMessage(session.sessionId, "", [png, png]);
    expect(h.claude.calls.sendMessage.at(-1)).toMatchObject({
      message: "",
      images: [
        { mediaType: "image/png", data: RED_PIXEL_PNG_BASE64 },
        { mediaType: "image/png", data: RED_PIXEL_PNG_BASE64 },
      ],
    });
    const user = stream[0]?.payload;
    expect(user).toMatchObject({ type: "message", origin: "user", content: "" });
    const images = user?.type === "message" ? (user.images ?? []) : [];
    expect(images).toHaveLength(2);
    expect(images[0]).toEqual({ imageId: images[1]?.imageId, mediaType: "image/png", byteLength: 70 });
    expect(JSON.stringify(user)).not.toContain(RED_PIXEL_PNG_BASE64);
    expect(await readdir(join(h.dataDir, "images"))).toEqual([images[0]?.imageId]);
    expect(await h.service.readImage(images[0]?.imageId ?? "")).toEqual({
      mediaType: "image/png",
      bytes: redPixelPng(),
    });
    expect(await h.service.readImage("0".repeat(64))).toBeUndefined();
    expect(await h.service.readImage("../sessions.json")).toBeUndefined();
  });

  it("refuses IMAGES_UNSUPPORTED when the CLI takes no images, before anything is sent or stored", async () => {
    const session = await h.service.createSession({ projectId: h.project.projectId, cliType: "codex" });
    expect(h.service.getSession(session.sessionId)).not.toHaveProperty("imageInput");
    h.codex.imageInput = false;
    expect(h.service.getSession(session.sessionId).imageInput).toBe(false);
    await expect(h.service.sendMessage(session.sessionId, "look", [png])).rejects.toMatchObject({
      code: "IMAGES_UNSUPPORTED",
    });
    expect(h.codex.calls.sendMessage).toEqual([]);
    await expect(readdir(join(h.dataDir, "images"))).rejects.toThrow();
    const { turnId } = await h.service.sendMessage(session.sessionId, "text still goes");
    expect(turnId).toBeTruthy();
  });

  it("sends a message without images as before (no images field)", async () => {
    const session = await h.service.createSession({ projectId: h.project.projectId, cliType: "claude-code" });
    const stream = h.stream(session.sessionId);
    await h.service.sendMessage(session.sessionId, "plain");
    expect(h.claude.calls.sendMessage.at(-1)).toEqual({ sessionId: session.sessionId, message: "plain" });
    expect(stream[0]?.payload).not.toHaveProperty("images");
  });
});
