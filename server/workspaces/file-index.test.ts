// FileIndex: fuzzy order (the file name counts most), the limit, the empty query, the cache and its refresh.
import { describe, expect, it } from "vitest";
import { FileIndex } from "./file-index.js";
import type { FileListing } from "./file-list.js";

const FILES = [
  "server/http/app.ts",
  "client/app/sync.ts",
  "docs/apples.md",
  "server/app.ts",
  "server/sessions/service.ts",
  "README.md",
  "shared/contracts/files.ts",
  "server/workspaces/file-index.ts",
];

/** A FileIndex over a listing the test controls; `lists` counts the listings made. */
function indexOf(files: string[] | (() => string[]), options: { maxAgeMs?: number; now?: () => number } = {}) {
  const calls = { lists: 0 };
  let release: (() => void) | undefined;
  const state = { hold: false };
  const index = new FileIndex({
    ...options,
    list: async (): Promise<FileListing> => {
      calls.lists += 1;
      if (state.hold) await new Promise<void>((resolve) => (release = resolve));
      return { files: typeof files === "function" ? files() : files, source: "git", truncated: false };
    },
  });
  return { index, calls, state, release: () => release?.() };
}

describe("FileIndex.search", () => {
  it("puts a match in the file name before one spread over the folders", async () => {
    const { index } = indexOf(FILES);
    const paths = await index.search("/p", "app", 10);
    expect(paths.slice(0, 2).sort()).toEqual(["server/app.ts", "server/http/app.ts"]);
    expect(paths.indexOf("docs/apples.md")).toBeLessThan(paths.indexOf("client/app/sync.ts"));
    expect(paths).toContain("client/app/sync.ts"); // matched through its folder name
    expect(paths).not.toContain("README.md");
  });

  it("matches across the path when the name alone does not hold the query", async () => {
    const { index } = indexOf(FILES);
    expect(await index.search("/p", "srv/app", 10)).toEqual(["server/app.ts", "server/http/app.ts"]);
    expect(await index.search("/p", "wsfidx", 10)).toEqual(["server/workspaces/file-index.ts"]);
  });

  it("answers at most `limit` paths", async () => {
    const many = Array.from({ length: 300 }, (_, i) => `src/file${i}.ts`);
    const { index } = indexOf(many);
    expect(await index.search("/p", "file", 7)).toHaveLength(7);
    expect(await index.search("/p", "", 3)).toHaveLength(3);
  });

  it("an empty query gives the shallowest files first, then by path", async () => {
    const { index } = indexOf(FILES);
    expect(await index.search("/p", "  ", 4)).toEqual([
      "README.md",
      "docs/apples.md",
      "server/app.ts",
      "client/app/sync.ts",
    ]);
  });

  it("answers nothing for a query no path holds", async () => {
    const { index } = indexOf(FILES);
    expect(await index.search("/p", "zzzq", 10)).toEqual([]);
  });
});

describe("FileIndex cache", () => {
  it("lists a folder once, then answers from memory; each folder has its own listing", async () => {
    const { index, calls } = indexOf(FILES);
    await index.search("/p", "app", 5);
    await index.search("/p", "sync", 5);
    expect(calls.lists).toBe(1);
    await index.search("/q", "app", 5);
    expect(calls.lists).toBe(2);
  });

  it("after invalidate, answers from the old listing while one rebuild runs, then from the new one", async () => {
    let files = ["old.ts"];
    const t = indexOf(() => files);
    expect(await t.index.search("/p", "", 10)).toEqual(["old.ts"]);
    files = ["old.ts", "new.ts"];
    t.index.invalidate("/p");
    t.state.hold = true;
    expect(await t.index.search("/p", "", 10)).toEqual(["old.ts"]); // the keystroke does not wait
    expect(await t.index.search("/p", "", 10)).toEqual(["old.ts"]);
    expect(t.calls.lists).toBe(2); // one rebuild, however many keystrokes
    t.release();
    await expect.poll(() => t.index.search("/p", "", 10)).toEqual(["new.ts", "old.ts"]);
  });

  it("rebuilds a listing older than maxAgeMs", async () => {
    let clock = 0;
    const t = indexOf(FILES, { maxAgeMs: 1000, now: () => clock });
    await t.index.search("/p", "a", 1);
    clock = 500;
    await t.index.search("/p", "a", 1);
    expect(t.calls.lists).toBe(1);
    clock = 1500;
    await t.index.search("/p", "a", 1);
    expect(t.calls.lists).toBe(2);
  });

  it("a failing first listing fails the search; the next search tries again", async () => {
    let fail = true;
    const index = new FileIndex({
      list: async () => {
        if (fail) throw new Error("gone");
        return { files: ["a.ts"], source: "walk", truncated: false };
      },
    });
    await expect(index.search("/p", "", 5)).rejects.toThrow("gone");
    fail = false;
    expect(await index.search("/p", "", 5)).toEqual(["a.ts"]);
  });
});
