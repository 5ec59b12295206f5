// Where the CLIs keep their session files: Claude transcripts per project folder, Codex rollouts per day.
import type { Dirent } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { claudeProjectFolderName } from "../../providers/claude/transcript-path.js";

/** Claude Code cuts project folder names longer than this and appends a hash. */
const CLAUDE_FOLDER_MAX = 200;

/** The forms of `projectPath` a CLI may have recorded as its cwd: as given (resolved) and its real path. */
export async function projectPathForms(projectPath: string): Promise<Set<string>> {
  const resolved = path.resolve(projectPath);
  const forms = new Set([resolved]);
  try {
    forms.add(await realpath(resolved));
  } catch {
    // the folder may be gone; its sessions are still listed by the recorded path
  }
  return forms;
}

/** True when the Claude project folder `folder` can hold transcripts whose cwd is one of `forms`. */
export function claudeFolderMatches(folder: string, forms: Iterable<string>): boolean {
  for (const form of forms) {
    const name = claudeProjectFolderName(form);
    if (folder === name) return true;
    if (name.length > CLAUDE_FOLDER_MAX && folder.startsWith(name.slice(0, CLAUDE_FOLDER_MAX))) return true;
  }
  return false;
}

/**
 * Top-level transcripts (`<id>.jsonl`) of the folders under `$configDir/projects` that `folderFilter` accepts.
 * Sub-agent transcripts (`<id>/subagents/agent-*.jsonl`, or `agent-*.jsonl` beside the sessions) are left out.
 */
export async function claudeTranscriptFiles(
  configDir: string,
  folderFilter: (folder: string) => boolean,
): Promise<{ folders: string[]; files: string[] }> {
  const projectsDir = path.join(configDir, "projects");
  const folders = (await listDir(projectsDir))
    .filter((d) => d.isDirectory() && folderFilter(d.name))
    .map((d) => path.join(projectsDir, d.name));
  const perFolder = await Promise.all(
    folders.map(async (folder) =>
      (await listDir(folder))
        .filter((d) => d.isFile() && d.name.endsWith(".jsonl") && !d.name.startsWith("agent-"))
        .map((d) => path.join(folder, d.name)),
    ),
  );
  return { folders, files: perFolder.flat() };
}

/** Every `$codexHome/sessions/YYYY/MM/DD/rollout-*.jsonl`, newest day first. */
export async function codexRolloutFiles(codexHome: string): Promise<string[]> {
  const sessionsDir = path.join(codexHome, "sessions");
  const files: string[] = [];
  for (const year of await numberedDirs(sessionsDir)) {
    for (const month of await numberedDirs(year)) {
      const days = await numberedDirs(month);
      const perDay = await Promise.all(
        days.map(async (day) =>
          (await listDir(day))
            .filter((d) => d.isFile() && d.name.startsWith("rollout-") && d.name.endsWith(".jsonl"))
            .map((d) => path.join(day, d.name))
            .sort()
            .reverse(),
        ),
      );
      files.push(...perDay.flat());
    }
  }
  return files;
}

/** The transcript `$configDir/projects/<any folder>/<id>.jsonl`, or undefined. */
export async function findClaudeTranscript(configDir: string, providerSessionId: string): Promise<string | undefined> {
  const projectsDir = path.join(configDir, "projects");
  const candidates = (await listDir(projectsDir))
    .filter((d) => d.isDirectory())
    .map((d) => path.join(projectsDir, d.name, `${providerSessionId}.jsonl`));
  const found = await Promise.all(candidates.map(async (file) => ((await isFile(file)) ? file : undefined)));
  return found.find((file) => file !== undefined);
}

/** The rollout whose file name ends with `-<id>.jsonl`, or undefined. */
export async function findCodexRollout(codexHome: string, providerSessionId: string): Promise<string | undefined> {
  const suffix = `-${providerSessionId}.jsonl`;
  return (await codexRolloutFiles(codexHome)).find((file) => path.basename(file).endsWith(suffix));
}

/** True for an id that is safe to put in a file name (no separators, not `.` or `..`). */
export function isSafeId(id: string): boolean {
  return id !== "" && id !== "." && id !== ".." && !/[/\\\0]/.test(id);
}

/** True when `file` exists and is a regular file. */
export async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

async function numberedDirs(dir: string): Promise<string[]> {
  return (await listDir(dir))
    .filter((d) => d.isDirectory() && /^\d+$/.test(d.name))
    .map((d) => d.name)
    .sort()
    .reverse()
    .map((name) => path.join(dir, name));
}

async function listDir(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}
