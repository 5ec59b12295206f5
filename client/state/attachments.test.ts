// The composer's image attachments (issue 16 §5): type, size, count and bytes refused with the reason; per session.
import { describe, expect, it } from "vitest";
import { PIXEL_GIF_BASE64, RED_PIXEL_PNG_BASE64 } from "../../testing/fixtures/images.js";
import { Attachments, checkBytes, refusalOf, toBase64 } from "./attachments.js";

const pngBytes = Uint8Array.from(atob(RED_PIXEL_PNG_BASE64), (c) => c.charCodeAt(0));
const gifBytes = Uint8Array.from(atob(PIXEL_GIF_BASE64), (c) => c.charCodeAt(0));
type File = { name: string; type: string; size: number; bytes: Uint8Array };
const file = (name: string, type: string, bytes: Uint8Array, size = bytes.length): File => ({
  name,
  type,
  size,
  bytes,
});
const read = async (f: File) => f.bytes;

describe("refusalOf", () => {
  it("refuses a type that is not PNG, JPEG, GIF or WebP, a file over 5 MB, an eleventh image", () => {
    expect(refusalOf({ name: "a.png", type: "image/png", size: 10 }, 0)).toBeNull();
    expect(refusalOf({ name: "notes.txt", type: "text/plain", size: 10 }, 0)).toBe(
      "notes.txt is a text/plain file: only PNG, JPEG, GIF and WebP images can be sent.",
    );
    expect(refusalOf({ name: "x", type: "", size: 10 }, 0)).toBe(
      "x is not an image: only PNG, JPEG, GIF and WebP images can be sent.",
    );
    expect(refusalOf({ name: "big.png", type: "image/png", size: 5 * 1024 * 1024 }, 0)).toBeNull();
    expect(refusalOf({ name: "big.png", type: "image/png", size: 6.5 * 1024 * 1024 }, 0)).toBe(
      "big.png is 6.5 MB: an image may be at most 5 MB.",
    );
    expect(refusalOf({ name: "k.png", type: "image/png", size: 10 }, 10)).toBe(
      "k.png was not added: a message may carry at most 10 images.",
    );
  });
});

describe("checkBytes", () => {
  it("takes bytes of the declared type and refuses others", () => {
    expect(checkBytes("a.png", "image/png", pngBytes)).toEqual({ mediaType: "image/png" });
    expect(checkBytes("a.jpg", "image/jpeg", pngBytes)).toEqual({ refusal: "a.jpg claims to be JPEG but is PNG." });
    expect(checkBytes("a.png", "image/png", new TextEncoder().encode("hello"))).toEqual({
      refusal: "a.png is not a PNG, JPEG, GIF or WebP image (its contents say otherwise).",
    });
  });
});

describe("toBase64", () => {
  it("encodes like the server decodes, also past one 32 KiB slice", () => {
    expect(toBase64(pngBytes)).toBe(RED_PIXEL_PNG_BASE64);
    const big = Uint8Array.from({ length: 100_000 }, (_, i) => i % 251);
    expect(atob(toBase64(big)).length).toBe(100_000);
    expect(atob(toBase64(big)).charCodeAt(99_999)).toBe(99_999 % 251);
  });
});

describe("Attachments", () => {
  it("keeps each session's images in order, removes one, and gives them as session:send images", async () => {
    const a = new Attachments();
    const heard: string[] = [];
    a.subscribe((key) => heard.push(key));
    await a.add("s1", [file("a.png", "image/png", pngBytes), file("b.gif", "image/gif", gifBytes)], read);
    await a.add("s2", [file("c.png", "image/png", pngBytes)], read);
    expect(a.list("s1").map((x) => x.name)).toEqual(["a.png", "b.gif"]);
    expect(a.list("s2").map((x) => x.name)).toEqual(["c.png"]);
    expect(a.inputs("s1")).toEqual([
      { mediaType: "image/png", data: RED_PIXEL_PNG_BASE64 },
      { mediaType: "image/gif", data: PIXEL_GIF_BASE64 },
    ]);
    a.remove("s1", a.list("s1")[0]?.id ?? "");
    expect(a.list("s1").map((x) => x.name)).toEqual(["b.gif"]);
    a.clear("s1");
    expect(a.list("s1")).toEqual([]);
    expect(heard).toEqual(["s1", "s2", "s1", "s1"]);
  });

  it("adds what it may and says why the rest was refused, reading only the files it may take", async () => {
    const a = new Attachments();
    const reads: string[] = [];
    const files = [
      file("ok.png", "image/png", pngBytes),
      file("doc.pdf", "application/pdf", pngBytes),
      file("huge.png", "image/png", pngBytes, 6 * 1024 * 1024),
      file("fake.png", "image/png", new TextEncoder().encode("not a png")),
    ];
    await a.add("s", files, async (f) => {
      reads.push(f.name);
      return f.bytes;
    });
    expect(a.list("s").map((x) => x.name)).toEqual(["ok.png"]);
    expect(reads).toEqual(["ok.png", "fake.png"]);
    expect(a.refused("s")).toEqual([
      "doc.pdf is a application/pdf file: only PNG, JPEG, GIF and WebP images can be sent.",
      "huge.png is 6.0 MB: an image may be at most 5 MB.",
      "fake.png is not a PNG, JPEG, GIF or WebP image (its contents say otherwise).",
    ]);
  });

  it("stops at ten images", async () => {
    const a = new Attachments();
    await a.add(
      "s",
      Array.from({ length: 12 }, (_, i) => file(`p${i}.png`, "image/png", pngBytes)),
      read,
    );
    expect(a.list("s")).toHaveLength(10);
    expect(a.refused("s")).toEqual([
      "p10.png was not added: a message may carry at most 10 images.",
      "p11.png was not added: a message may carry at most 10 images.",
    ]);
  });

  it("moves a starting session's images to the new session", async () => {
    const a = new Attachments();
    await a.add("pending", [file("a.png", "image/png", pngBytes)], read);
    a.move("pending", "new");
    expect(a.list("pending")).toEqual([]);
    expect(a.list("new").map((x) => x.name)).toEqual(["a.png"]);
  });
});
