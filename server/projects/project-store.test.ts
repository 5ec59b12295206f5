// ProjectStore: folders are added by real path (with `~` and symlinks resolved), refused when bad, and ids are stable.
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Logger } from "../../shared/util/index.js";
import { ProjectStore } from "./project-store.js";

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

let root: string;
let home: string;
let dataDir: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "liminal-projects-"));
  home = join(root, "home");
  dataDir = join(root, "data");
  await mkdir(join(home, "code", "app"), { recursive: true });
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const newStore = () => new ProjectStore({ dataDir, home, logger: quiet });

describe("ProjectStore", () => {
  it("adds a folder with its real path and name, and lists it after a restart", async () => {
    const store = newStore();
    const project = await store.add(join(home, "code", "app"));
    expect(project).toMatchObject({ path: join(home, "code", "app"), name: "app" });
    await store.flush();
    expect(newStore().list()).toEqual([project]);
  });

  it("expands ~ to the home folder", async () => {
    const project = await newStore().add("~/code/app");
    expect(project.path).toBe(join(home, "code", "app"));
  });

  it("normalises a symlinked or dotted path to the real folder, so both spellings are one project", async () => {
    await symlink(join(home, "code", "app"), join(home, "link"));
    const store = newStore();
    const viaLink = await store.add(join(home, "link"));
    expect(viaLink.path).toBe(join(home, "code", "app"));
    await expect(store.add(`${home}/code/./app/`)).rejects.toMatchObject({ code: "DUPLICATE_PROJECT" });
  });

  it("refuses a duplicate with DUPLICATE_PROJECT naming the folder", async () => {
    const store = newStore();
    await store.add(join(home, "code", "app"));
    await expect(store.add("~/code/app")).rejects.toMatchObject({
      code: "DUPLICATE_PROJECT",
      message: expect.stringContaining(join(home, "code", "app")),
    });
    expect(store.list()).toHaveLength(1);
  });

  it("refuses a missing folder with INVALID_PATH naming the path", async () => {
    await expect(newStore().add("~/nope")).rejects.toMatchObject({
      code: "INVALID_PATH",
      message: `No such folder: ${join(home, "nope")}`,
    });
  });

  it("refuses a file with INVALID_PATH saying it is not a folder", async () => {
    await writeFile(join(home, "notes.txt"), "hi");
    await expect(newStore().add(join(home, "notes.txt"))).rejects.toMatchObject({
      code: "INVALID_PATH",
      message: `Not a folder: ${join(home, "notes.txt")}`,
    });
  });

  it("refuses the file-system root with INVALID_PATH saying why", async () => {
    await expect(newStore().add("/")).rejects.toMatchObject({
      code: "INVALID_PATH",
      message: "/ is the root of the file system: add a project's own folder.",
    });
  });

  it("refuses the data folder, a folder inside it and a CLI's config folder, saying what each is", async () => {
    const claudeDir = join(home, ".claude");
    await mkdir(join(dataDir, "inner"), { recursive: true });
    await mkdir(claudeDir);
    const store = new ProjectStore({
      dataDir,
      home,
      logger: quiet,
      refusedFolders: [{ path: claudeDir, what: "Claude Code's config folder (CLAUDE_CONFIG_DIR)" }],
    });
    await expect(store.add(dataDir)).rejects.toMatchObject({
      code: "INVALID_PATH",
      message: `${dataDir} is Liminal Builder's data folder (it holds the access token): it cannot be a project.`,
    });
    await expect(store.add(join(dataDir, "inner"))).rejects.toMatchObject({
      code: "INVALID_PATH",
      message: expect.stringContaining("is inside Liminal Builder's data folder"),
    });
    await expect(store.add("~/.claude")).rejects.toMatchObject({
      code: "INVALID_PATH",
      message: `${claudeDir} is Claude Code's config folder (CLAUDE_CONFIG_DIR): it cannot be a project.`,
    });
    expect(store.list()).toEqual([]);
  });

  it("resolves a relative path against the home folder, never the server's working folder", async () => {
    const project = await newStore().add("code/app");
    expect(project.path).toBe(join(home, "code", "app"));
    await expect(newStore().add("..")).resolves.toMatchObject({ path: root });
  });

  it("gives the same projectId when a removed folder is added again", async () => {
    const store = newStore();
    const first = await store.add(join(home, "code", "app"));
    await store.remove(first.projectId);
    expect(store.list()).toEqual([]);
    const again = await store.add(join(home, "code", "app"));
    expect(again.projectId).toBe(first.projectId);
  });

  it("refuses to remove an unknown project with PROJECT_NOT_FOUND", async () => {
    await expect(newStore().remove("p-unknown")).rejects.toMatchObject({ code: "PROJECT_NOT_FOUND" });
  });
});

describe("ProjectStore on a full disk", () => {
  /** A write that fails as a full disk does. */
  const fullDisk = async () => {
    throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
  };

  it("refuses an add it could not write with STORE_ERROR, and lists only what is on disk", async () => {
    const kept = await newStore().add(join(home, "code", "app"));
    await mkdir(join(home, "code", "other"), { recursive: true });
    const store = new ProjectStore({ dataDir, home, logger: quiet, write: fullDisk });
    await expect(store.add(join(home, "code", "other"))).rejects.toMatchObject({
      code: "STORE_ERROR",
      message: expect.stringMatching(/Could not save projects\.json: ENOSPC.*other was not added/),
    });
    expect(store.list()).toEqual([kept]);
    await store.flush();
    expect(newStore().list()).toEqual([kept]);
  });

  it("keeps a project it could not remove", async () => {
    const kept = await newStore().add(join(home, "code", "app"));
    const store = new ProjectStore({ dataDir, home, logger: quiet, write: fullDisk });
    await expect(store.remove(kept.projectId)).rejects.toMatchObject({ code: "STORE_ERROR" });
    expect(store.list()).toEqual([kept]);
    expect(newStore().list()).toEqual([kept]);
  });

  it("removes the temporary files an interrupted write left, at start", async () => {
    await mkdir(dataDir, { recursive: true });
    const stale = join(dataDir, ".projects.json.tmp-4242-deadbeef");
    await writeFile(stale, '{"version":1,"proj');
    newStore();
    await expect(readdir(dataDir)).resolves.not.toContain(".projects.json.tmp-4242-deadbeef");
  });
});
