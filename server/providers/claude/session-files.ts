// Where Claude Code keeps transcripts: `$CLAUDE_CONFIG_DIR/projects/<folder of the cwd>/<id>.jsonl`.
import path from "node:path";
import { isFile, listDir } from "../disk-files.js";
import { claudeProjectFolderName } from "./transcript-path.js";

/** Claude Code cuts project folder names longer than this and appends a hash. */
const CLAUDE_FOLDER_MAX = 200;

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
 * Top-level transcripts (`<id>.jsonl`) of the folders under `$configDir/projects` that `folderFilter` accepts, and
 * those folders (absolute). Sub-agent transcripts (`<id>/subagents/agent-*.jsonl`, or `agent-*.jsonl` beside the
 * sessions) are left out. A missing folder gives nothing.
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

/** The transcript `$configDir/projects/<any folder>/<id>.jsonl`, or undefined (`providerSessionId` is file-safe). */
export async function findClaudeTranscript(configDir: string, providerSessionId: string): Promise<string | undefined> {
  const projectsDir = path.join(configDir, "projects");
  const candidates = (await listDir(projectsDir))
    .filter((d) => d.isDirectory())
    .map((d) => path.join(projectsDir, d.name, `${providerSessionId}.jsonl`));
  const found = await Promise.all(candidates.map(async (file) => ((await isFile(file)) ? file : undefined)));
  return found.find((file) => file !== undefined);
}
