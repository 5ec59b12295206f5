// The layering rules of biome.json (README "Layout") fail the lint on imports against them, and pass allowed ones.
import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const REPO = fileURLToPath(new URL("..", import.meta.url));
const BIOME = path.join(REPO, "node_modules", ".bin", "biome");
const run = promisify(execFile);

/** A file that imports `from`, placed at `file` (a repo-relative path), and whether the rules must refuse it. */
const CASES: { file: string; from: string; refused: boolean }[] = [
  { file: "server/sessions/zz-deep.ts", from: "../providers/claude/index.js", refused: true },
  { file: "server/sessions/zz-barrel.ts", from: "../providers/index.js", refused: false },
  { file: "server/sessions/zz-up.ts", from: "../http/index.js", refused: true },
  { file: "server/providers/zz-up.ts", from: "../sessions/index.js", refused: true },
  { file: "server/providers/codex/zz-cross.ts", from: "../claude/index.js", refused: true },
  { file: "server/http/zz-types.ts", from: "../sessions/types.js", refused: true },
  { file: "server/sessions/zz-testing.ts", from: "../../testing/app/index.js", refused: true },
  { file: "server/sessions/zz-testing.test.ts", from: "../../testing/app/index.js", refused: false },
  { file: "client/state/zz-up.ts", from: "../net/connection.js", refused: true },
  { file: "client/ui/zz-net.ts", from: "../net/connection.js", refused: true },
  { file: "client/app/zz-down.ts", from: "../state/store.js", refused: false },
  { file: "shared/util/zz-node.ts", from: "node:fs", refused: true },
];

let dir: string;
let output = "";

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "liminal-layering-"));
  await copyFile(path.join(REPO, "biome.json"), path.join(dir, "biome.json"));
  for (const { file, from } of CASES) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), `import { x } from "${from}";\n\nexport const y = x;\n`);
  }
  try {
    await run(BIOME, ["lint", "--max-diagnostics=200", "."], { cwd: dir });
  } catch (error) {
    output = `${(error as { stdout?: string }).stdout ?? ""}${(error as { stderr?: string }).stderr ?? ""}`;
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("biome.json layering rules", () => {
  it.each(CASES)("$file importing $from: refused = $refused", ({ file, refused }) => {
    const flagged = output
      .split("\n")
      .some((line) => line.startsWith(`${file}:`) && line.includes("noRestrictedImports"));
    expect(flagged).toBe(refused);
  });
});
