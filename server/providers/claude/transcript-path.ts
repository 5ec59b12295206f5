// Locates Claude Code transcripts: the project folder name for a cwd and a session's transcript path.
import path from "node:path";

/** The project folder Claude Code uses for `cwd`: every character that is not `[A-Za-z0-9]` becomes `-` (CLI-NOTES.md). */
export function claudeProjectFolderName(cwd: string): string {
  return cwd.replace(/[^a-zA-Z0-9]/g, "-");
}

/** `${configDir}/projects/${claudeProjectFolderName(projectDir)}/${providerSessionId}.jsonl`. */
export function claudeTranscriptPath(configDir: string, projectDir: string, providerSessionId: string): string {
  return path.join(configDir, "projects", claudeProjectFolderName(projectDir), `${providerSessionId}.jsonl`);
}
