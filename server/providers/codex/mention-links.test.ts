// mentionLinks: the `@path` mentions of a Codex prompt become ACP resource_link blocks only for files inside the
// session's folder; anything outside it (../, absolute paths, symbolic links pointing out) stays text only.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MAX_MENTION_LINKS, mentionLinks, mentionTokens } from "./mention-links.js";

let base: string;
let folder: string;

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), "mention-links-"));
  folder = join(base, "project");
  mkdirSync(join(folder, "src"), { recursive: true });
  writeFileSync(join(folder, "src", "app.ts"), "export const app = 1;\n");
  writeFileSync(join(folder, "README.md"), "# readme\n");
  writeFileSync(join(folder, "my notes.md"), "notes\n");
  writeFileSync(join(base, "outside.txt"), "secret\n");
});
afterEach(() => {
  rmSync(base, { recursive: true, force: true });
});

const names = async (text: string) =>
  (await mentionLinks(text, folder)).map((block) => (block as { name: string }).name);

describe("mentionTokens", () => {
  it('finds @path and @"quoted path" tokens at the start, after spaces and brackets, each once; not e-mail addresses', () => {
    expect(mentionTokens('@src/app.ts and (@README.md) or @"my notes.md", again @src/app.ts; mail a@b.com')).toEqual([
      "src/app.ts",
      "README.md)",
      "my notes.md",
      "src/app.ts;",
    ]);
  });
});

describe("mentionLinks", () => {
  it("gives one resource_link per mentioned file inside the folder: file:// uri of its absolute path, name relative", async () => {
    const blocks = await mentionLinks("look at @src/app.ts please", folder);
    expect(blocks).toEqual([
      {
        type: "resource_link",
        uri: pathToFileURL(join(folder, "src", "app.ts")).href,
        name: "src/app.ts",
        size: "export const app = 1;\n".length,
      },
    ]);
  });

  it("keeps the order mentioned, each file once, trailing punctuation tried off, quoted paths with spaces", async () => {
    expect(
      await names('see @README.md, then @src/app.ts. And @"my notes.md" and ./@README.md again: @README.md'),
    ).toEqual(["README.md", "src/app.ts", "my notes.md"]);
  });

  it("gives nothing for a folder, a missing file, or text without mentions", async () => {
    expect(await names("@src @missing.ts @src/ nothing here")).toEqual([]);
    expect(await mentionLinks("no mention at all", folder)).toEqual([]);
  });

  it("never points outside the folder: ../, absolute paths and symbolic links leading out give no block", async () => {
    symlinkSync(join(base, "outside.txt"), join(folder, "link-out.txt"));
    symlinkSync(base, join(folder, "dir-out"));
    const text = `@../outside.txt @${join(base, "outside.txt")} @src/../../outside.txt @link-out.txt @dir-out/outside.txt`;
    expect(await mentionLinks(text, folder)).toEqual([]);
  });

  it("follows a symbolic link that stays inside the folder, naming the path as mentioned", async () => {
    symlinkSync(join(folder, "src", "app.ts"), join(folder, "alias.ts"));
    expect(await names("@alias.ts")).toEqual(["alias.ts"]);
  });

  it(`carries at most ${MAX_MENTION_LINKS} links`, async () => {
    const many = Array.from({ length: MAX_MENTION_LINKS + 5 }, (_, i) => `f${i}.txt`);
    for (const file of many) writeFileSync(join(folder, file), "");
    const blocks = await mentionLinks(many.map((file) => `@${file}`).join(" "), folder);
    expect(blocks.map((block) => (block as { name: string }).name)).toEqual(many.slice(0, MAX_MENTION_LINKS));
  });

  it("gives nothing when the folder itself is gone", async () => {
    expect(await mentionLinks("@README.md", join(base, "gone"))).toEqual([]);
  });
});
