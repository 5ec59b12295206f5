// A write the file system refuses halfway (here: over the process's file size limit, EFBIG, as a full disk gives
// ENOSPC) leaves the old file intact and no temporary file behind.
import { spawnSync } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, expect, it } from "vitest";

const STORE = fileURLToPath(new URL("./json-store.ts", import.meta.url));
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "liminal-store-full-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it("removes the partial temp file of a write the file system refused, and keeps the old file", async () => {
  const file = join(dir, "projects.json");
  await writeFile(file, '{"version":1,"projects":[]}\n');
  const script = `
    const { writeAtomically } = await import(${JSON.stringify(STORE)});
    try { await writeAtomically(${JSON.stringify(file)}, "x".repeat(4_000_000)); console.log("written"); }
    catch (error) { console.log("failed:" + error.code); }`;
  // 2,000 blocks of 1 KiB: enough for Node and tsx, not for the 4 MB value. SIGXFSZ ignored, so write() says EFBIG.
  const run = spawnSync(
    "bash",
    [
      "-c",
      `trap '' XFSZ; ulimit -f 2000; exec "$0" --import tsx --input-type=module -e "$1"`,
      process.execPath,
      script,
    ],
    { encoding: "utf8", timeout: 60_000 },
  );
  expect(run.stdout.trim(), run.stderr).toBe("failed:EFBIG");
  expect(await readdir(dir)).toEqual(["projects.json"]);
  expect(await readFile(file, "utf8")).toBe('{"version":1,"projects":[]}\n');
});
