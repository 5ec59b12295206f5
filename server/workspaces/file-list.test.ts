// listFolderFiles: git's own ignore rules in a work tree (nested .gitignore, .git/info/exclude, core.excludesFile),
// the .gitignore-aware walk outside git, never .git/ nor an ignored node_modules.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listFolderFiles } from "./file-list.js";
import { git, initRepo, writeFiles } from "./testing/git-repo.js";

let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "file-list-"));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

const TREE = {
  ".gitignore": "node_modules/\n*.log\n/build/\n",
  "src/app.ts": "",
  "src/app.log": "",
  "src/.gitignore": "generated/\n!keep.log\n",
  "src/generated/out.ts": "",
  "src/keep.log": "",
  "src/deep/.gitignore": "secret.txt\n",
  "src/deep/secret.txt": "",
  "src/deep/open.txt": "",
  "build/bundle.js": "",
  "lib/build/kept.js": "",
  "node_modules/pkg/index.js": "",
  "README.md": "",
};

const sorted = (files: string[]) => [...files].sort();

describe("in a git work tree", () => {
  it("lists tracked and untracked files as git status sees them: nested .gitignore files apply below their folder", async () => {
    initRepo(root, { "README.md": "" });
    writeFiles(root, TREE);
    const listing = await listFolderFiles(root);
    expect(listing.source).toBe("git");
    expect(sorted(listing.files)).toEqual([
      ".gitignore",
      "README.md",
      "lib/build/kept.js",
      "src/.gitignore",
      "src/app.ts",
      "src/deep/.gitignore",
      "src/deep/open.txt",
      "src/keep.log",
    ]);
    expect(listing.truncated).toBe(false);
  });

  it("applies .git/info/exclude and the excludes file of git's config", async () => {
    initRepo(root, { "README.md": "" });
    writeFiles(root, { "a.tmp": "", "b.local": "", "c.ts": "" });
    writeFileSync(join(root, ".git/info/exclude"), "*.tmp\n");
    writeFileSync(join(root, "..", `${root.split("/").pop()}-excludes`), "*.local\n");
    git(root, "config", "core.excludesFile", join(root, "..", `${root.split("/").pop()}-excludes`));
    try {
      expect(sorted((await listFolderFiles(root)).files)).toEqual(["README.md", "c.ts"]);
    } finally {
      rmSync(join(root, "..", `${root.split("/").pop()}-excludes`), { force: true });
    }
  });

  it("lists a tracked file even when a .gitignore matches it (git keeps tracking it), never .git/", async () => {
    initRepo(root, { "dist/tracked.js": "", "README.md": "" });
    writeFiles(root, { ".gitignore": "dist/\n", "dist/untracked.js": "" });
    const files = (await listFolderFiles(root)).files;
    expect(sorted(files)).toEqual([".gitignore", "README.md", "dist/tracked.js"]);
    expect(files.some((file) => file.startsWith(".git/"))).toBe(false);
  });

  it("a folder inside a repository lists its own files, relative to itself", async () => {
    initRepo(root, { "top.txt": "", "pkg/a.ts": "", "pkg/sub/b.ts": "" });
    expect(sorted((await listFolderFiles(join(root, "pkg"))).files)).toEqual(["a.ts", "sub/b.ts"]);
  });
});

describe("outside git", () => {
  it("walks the folder applying each .gitignore below its own folder; skips .git and node_modules", async () => {
    writeFiles(root, { ...TREE, ".git/HEAD": "", "vendor/node_modules/x.js": "" });
    const listing = await listFolderFiles(root);
    expect(listing.source).toBe("walk");
    expect(sorted(listing.files)).toEqual([
      ".gitignore",
      "README.md",
      "lib/build/kept.js",
      "src/.gitignore",
      "src/app.ts",
      "src/deep/.gitignore",
      "src/deep/open.txt",
      "src/keep.log",
    ]);
  });

  it("lists everything when there is no .gitignore (but never node_modules)", async () => {
    writeFiles(root, { "a.txt": "", "b/c.txt": "", "node_modules/x/index.js": "" });
    expect(sorted((await listFolderFiles(root)).files)).toEqual(["a.txt", "b/c.txt"]);
  });
});
