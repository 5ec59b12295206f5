// Target check of the composer's @ mentions (issue "The composer and session control" §4): fuzzy file search in a
// 50,000-file git repository through the real route of our server, warm (a keystroke) and cold (the first search).
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { FileIndex } from "../../server/workspaces/index.js";
import { appSandbox, startAppServer } from "../app/app-server.js";
import { appUnavailable } from "../app/app-status.js";
import { missingCli } from "../lib/binaries.js";
import type { Check, CheckContext } from "../lib/check.js";
import { epochNow } from "../lib/timing.js";

/** Files in the fixture repository. */
export const FILE_SEARCH_FILES = 50_000;

const AREAS = ["packages", "apps", "libs", "services", "tools"];
const WORDS = [
  "auth",
  "billing",
  "cache",
  "config",
  "dashboard",
  "editor",
  "events",
  "gateway",
  "history",
  "invoice",
  "jobs",
  "kernel",
  "layout",
  "metrics",
  "network",
  "orders",
  "payments",
  "queue",
  "render",
  "search",
  "session",
  "theme",
  "upload",
  "vault",
  "widget",
];
const KINDS = ["components", "hooks", "utils", "models", "routes", "tests", "styles", "fixtures"];
const EXTS = [".ts", ".tsx", ".test.ts", ".css", ".json", ".md"];

/** The i-th fixture path: `<area>/<word>-<n>/src/<kind>/<word><Word>-<i>.<ext>` (deterministic, realistic depth). */
function fixturePath(i: number): string {
  const area = AREAS[i % AREAS.length];
  const pkg = `${WORDS[Math.floor(i / 7) % WORDS.length]}-${Math.floor(i / 400)}`;
  const kind = KINDS[Math.floor(i / 3) % KINDS.length];
  const a = WORDS[(i * 7) % WORDS.length] ?? "x";
  const b = WORDS[(i * 13 + 5) % WORDS.length] ?? "y";
  const name = `${a}${b.charAt(0).toUpperCase()}${b.slice(1)}-${i}${EXTS[i % EXTS.length]}`;
  return `${area}/${pkg}/src/${kind}/${name}`;
}

/** A git repository of {@link FILE_SEARCH_FILES} empty files in one commit, plus an ignored `dist/` of 5,000 more. */
function makeRepo(ctx: CheckContext): string {
  const root = ctx.tmpDir("file-search-repo");
  const made = new Set<string>();
  for (let i = 0; i < FILE_SEARCH_FILES; i++) {
    const file = path.join(root, fixturePath(i));
    const dir = path.dirname(file);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    writeFileSync(file, "");
  }
  mkdirSync(path.join(root, "dist"), { recursive: true });
  for (let i = 0; i < 5000; i++) writeFileSync(path.join(root, "dist", `chunk-${i}.js`), "");
  writeFileSync(path.join(root, ".gitignore"), "dist/\n");
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=Bench", "-c", "user.email=bench@localhost", "-c", "gc.auto=0", ...args], {
      cwd: root,
      stdio: "ignore",
    });
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-q", "-m", "fixture");
  return root;
}

/** What a user types after `@`, one keystroke at a time, towards a file: its name's start, then a folder hint. */
function keystrokes(i: number): { queries: string[]; wanted: string } {
  const wanted = fixturePath(i);
  const name = wanted.slice(wanted.lastIndexOf("/") + 1);
  const typed = `${name.slice(0, name.indexOf("-") + 1)}${i}`;
  return { queries: Array.from({ length: typed.length }, (_, k) => typed.slice(0, k + 1)), wanted };
}

type Files = { files: { path: string }[] };

/** `file-search-50k`: one keystroke's search (`GET /api/session/:id/files?q=`) in a 50,000-file repository. */
export const fileSearchCheck: Check = {
  name: "file-search-50k",
  measures:
    "The composer's @-mention search in a 50,000-file git repository (plus a 5,000-file ignored dist/): GET /api/session/:id/files?q=<typed>&limit=50 of our server (server/main.ts, a Claude Code session) over loopback HTTP, one request per keystroke while typing towards a file's name, the folder's index warm. Also: the first search of the folder (git ls-files, fuzzysort's prepared index) through the route, and the index build in-process.",
  unit: "ms",
  n: { default: 20, quick: 2 },
  threshold: { kind: "absolute", stat: "p95", op: "<", limit: 100 },
  level: "target",
  timeoutMs: 10 * 60_000,
  unavailable: (ctx) => appUnavailable(ctx.repoRoot) ?? missingCli(ctx.repoRoot, "claude-sdk"),
  async run(ctx) {
    const started = epochNow();
    const repo = makeRepo(ctx);
    ctx.log(`wrote the ${FILE_SEARCH_FILES}-file repository in ${((epochNow() - started) / 1000).toFixed(1)} s`);
    const sandbox = await appSandbox(ctx, { project: repo });
    const server = await startAppServer(ctx, sandbox);
    const { project } = await server.api<{ project: { projectId: string } }>("POST", "/api/projects", { path: repo });
    const { sessionId } = await server.api<{ sessionId: string }>("POST", "/api/session/create", {
      projectId: project.projectId,
      cliType: "claude-code",
    });
    const search = async (q: string): Promise<{ ms: number; files: string[] }> => {
      const start = epochNow();
      const body = await server.api<Files>(
        "GET",
        `/api/session/${sessionId}/files?q=${encodeURIComponent(q)}&limit=50`,
      );
      return { ms: epochNow() - start, files: body.files.map((file) => file.path) };
    };
    const cold = await search("");
    const violations: string[] = [];
    if (cold.files.some((file) => file.startsWith("dist/"))) violations.push("the ignored dist/ was listed");
    const samples: number[] = [];
    for (let round = 0; round < ctx.n; round++) {
      const { queries, wanted } = keystrokes(round * 2477 + 11);
      let last: string[] = [];
      for (const q of queries) {
        const { ms, files } = await search(q);
        samples.push(ms);
        last = files;
      }
      if (!last.slice(0, 5).includes(wanted))
        violations.push(`typing ${queries.at(-1)} did not bring ${wanted} in the top 5`);
    }
    const builds: number[] = [];
    for (let round = 0; round < Math.min(ctx.n, 5); round++) {
      const start = epochNow();
      await new FileIndex().search(repo, "a", 50);
      builds.push(epochNow() - start);
    }
    return {
      subject: samples,
      subjectLabel: "keystroke, warm index (GET …/files)",
      extra: { "first search, cold (GET …/files)": [cold.ms], "index build in-process (ls-files + prepare)": builds },
      notes: [
        `${FILE_SEARCH_FILES} tracked files + 5,000 ignored; ${samples.length} keystrokes over ${ctx.n} file names`,
      ],
      violations,
    };
  },
};
