// The folders of one app stack: app data, the CLIs' isolated config dirs, HOME, temp files, and the project folder.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, realpath, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * Every folder a stack uses, all absolute and existing.
 * - `root`: the folder holding the others (a fresh `mkdtemp` folder, or the caller's persistent `rootDir`).
 * - `dataDir`: the app's own data (projects.json, sessions.json, access-token) — `LIMINAL_DATA_DIR` of the server.
 * - `claudeConfigDir` / `codexHome`: `CLAUDE_CONFIG_DIR` / `CODEX_HOME` of the CLIs (transcripts, rollouts).
 * - `homeDir`: `HOME` of both CLIs (empty, so `bash -lc` sources no profile of the real user).
 * - `claudeTmpDir`: `CLAUDE_CODE_TMPDIR` (Claude Code's temp files and sockets).
 * - `projectDir`: the project folder the agents work in (its real path).
 */
export interface StackDirs {
  root: string;
  dataDir: string;
  claudeConfigDir: string;
  codexHome: string;
  homeDir: string;
  claudeTmpDir: string;
  projectDir: string;
}

/**
 * Creates the stack's folders. With `rootDir` the folders live there and persist (demo mode); without it a new
 * `liminal-stack-*` folder under `os.tmpdir()` is made. `dataDir` / `projectDir` override those two locations.
 * Sub-folders: `data/`, `claude/`, `codex/`, `home/`, `tmp/`, `project/`.
 * @returns the folders, with `temporary: true` when `root` was made here (the caller removes it).
 */
export async function createStackDirs(options: {
  rootDir?: string;
  dataDir?: string;
  projectDir?: string;
}): Promise<StackDirs & { temporary: boolean }> {
  const temporary = options.rootDir === undefined;
  const made = options.rootDir ?? (await mkdtemp(path.join(tmpdir(), "liminal-stack-")));
  await mkdir(made, { recursive: true, mode: 0o700 });
  const root = await realpath(made);
  const dirs = {
    root,
    dataDir: options.dataDir ?? path.join(root, "data"),
    claudeConfigDir: path.join(root, "claude"),
    codexHome: path.join(root, "codex"),
    homeDir: path.join(root, "home"),
    claudeTmpDir: path.join(root, "tmp"),
    projectDir: options.projectDir ?? path.join(root, "project"),
  };
  for (const dir of Object.values(dirs)) await mkdir(dir, { recursive: true });
  return { ...dirs, projectDir: await realpath(dirs.projectDir), temporary };
}

/** The files a fresh demo project starts with (relative path → content). The scenarios read README.md and write hello.txt. */
export const DEMO_PROJECT_FILES: Readonly<Record<string, string>> = {
  "README.md": [
    "# Demo project",
    "",
    "A small folder for trying Liminal Builder with the local demo models.",
    "Ask an agent to read this file, run a command, or create and edit `hello.txt`.",
    "",
  ].join("\n"),
  "package.json": `${JSON.stringify(
    { name: "demo-project", version: "1.0.0", private: true, type: "module", scripts: { start: "node src/greet.js" } },
    null,
    2,
  )}\n`,
  "src/greet.js": [
    "// Prints a greeting.",
    "export function greet(name) {",
    '  return "Hello, " + name + "!";',
    "}",
    "",
    'console.log(greet("world"));',
    "",
  ].join("\n"),
};

/**
 * Writes {@link DEMO_PROJECT_FILES} into `projectDir`, leaving every file that already exists untouched (so a user's
 * edits survive a restart of demo mode), and makes the folder a git repository (`git init -b main` and a first commit
 * of the seeded files, once, when it is none yet and git is installed) so worktree sessions can be tried. Returns the
 * relative paths written.
 */
export async function seedDemoProject(projectDir: string): Promise<string[]> {
  const written: string[] = [];
  for (const [relative, content] of Object.entries(DEMO_PROJECT_FILES)) {
    const file = path.join(projectDir, relative);
    if (existsSync(file)) continue;
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
    written.push(relative);
  }
  if (!existsSync(path.join(projectDir, ".git"))) initDemoRepository(projectDir);
  return written;
}

/** `git init -b main` + a first commit in `projectDir` (identity given on the command line); no-op without git. */
function initDemoRepository(projectDir: string): void {
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=Liminal Builder demo", "-c", "user.email=demo@localhost", ...args], {
      cwd: projectDir,
      stdio: "ignore",
    });
  try {
    git("init", "-q", "-b", "main");
    git("add", "-A");
    git("commit", "-q", "-m", "The demo project");
  } catch {
    // git is not installed: the demo runs without worktrees (the new-session form says why).
  }
}
