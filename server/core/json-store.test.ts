// JsonStore: atomic saves that survive a reload, and a corrupt file moved aside and reported instead of overwritten.
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Logger } from "../../shared/util/index.js";
import { JsonStore, type StoreErrorInfo } from "./json-store.js";

const Schema = z.object({ items: z.array(z.string()) });
type Value = z.infer<typeof Schema>;

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "liminal-store-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function storeAt(file: string, onError?: (e: StoreErrorInfo) => void) {
  return new JsonStore<Value>({
    file,
    schema: Schema,
    empty: () => ({ items: [] }),
    logger: quiet,
    ...(onError ? { onError } : {}),
  });
}

describe("JsonStore", () => {
  it("starts empty when the file does not exist and creates its folder on save", async () => {
    const file = join(dir, "nested", "data.json");
    const store = storeAt(file);
    expect(store.load()).toEqual({ items: [] });
    await store.save({ items: ["a"] });
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual({ items: ["a"] });
  });

  it("creates its folder and its file private to the user (0700 / 0600)", async () => {
    const file = join(dir, "data", "data.json");
    const store = storeAt(file);
    store.load();
    await store.save({ items: ["a"] });
    expect((await stat(join(dir, "data"))).mode & 0o777).toBe(0o700);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it("keeps the last of several quick saves and leaves no temporary files behind", async () => {
    const file = join(dir, "data.json");
    const store = storeAt(file);
    store.load();
    for (let i = 0; i < 20; i += 1) void store.save({ items: [`v${i}`] });
    await store.flush();
    expect(storeAt(file).load()).toEqual({ items: ["v19"] });
    expect(await readdir(dir)).toEqual(["data.json"]);
  });

  it("moves a file that is not JSON aside, reports it, and never overwrites the bad data", async () => {
    const file = join(dir, "data.json");
    await writeFile(file, "{ not json");
    const seen: StoreErrorInfo[] = [];
    const store = storeAt(file, (e) => seen.push(e));
    expect(store.load()).toEqual({ items: [] });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.kind).toBe("corrupt");
    const movedTo = seen[0]?.movedTo ?? "";
    expect(movedTo).toMatch(/data\.json\.corrupt-\d{4}-/);
    expect(await readFile(movedTo, "utf8")).toBe("{ not json");
    expect(store.errors()).toEqual(seen);
    await store.save({ items: ["fresh"] });
    expect((await readdir(dir)).sort()).toEqual(["data.json", basename(movedTo)].sort());
  });

  it("treats JSON of the wrong shape as corrupt and names the bad field", async () => {
    const file = join(dir, "data.json");
    await writeFile(file, JSON.stringify({ items: [1] }));
    const store = storeAt(file);
    store.load();
    expect(store.errors()[0]?.message).toMatch(/items\.0/);
  });

  it("rejects a save whose write failed (and reports it), and a later save still works", async () => {
    const file = join(dir, "data.json");
    const store = storeAt(file);
    await store.save({ items: ["good"] });
    await rm(file);
    await writeFile(join(dir, "blocker"), "");
    const blocked = storeAt(join(dir, "blocker", "x.json"));
    await expect(blocked.save({ items: ["lost"] })).rejects.toMatchObject({
      name: "StoreWriteError",
      message: expect.stringMatching(/^Could not save x\.json: ENOTDIR/),
    });
    expect(blocked.errors()[0]).toMatchObject({
      kind: "write",
      message: expect.stringMatching(/Could not save x\.json/),
    });
    await store.save({ items: ["again"] });
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual({ items: ["again"] });
  });
});
