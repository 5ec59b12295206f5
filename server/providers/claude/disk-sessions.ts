// Claude Code's disk facet: transcripts under `$CLAUDE_CONFIG_DIR/projects/`, listed per project folder.
import path from "node:path";
import type { UpsertObject } from "../../../shared/contracts/index.js";
import type { DiskSessions, SessionFileSet } from "../disk-sessions.js";
import type { FileStamp, IndexEntry, MetadataScanner } from "../session-file-entry.js";
import { ClaudeMetadataScanner } from "./metadata-scanner.js";
import { claudeFolderMatches, claudeTranscriptFiles, findClaudeTranscript } from "./session-files.js";
import { readClaudeTranscript } from "./transcript.js";

/**
 * Claude Code transcripts on disk (see `DiskSessions`): a project's sessions are the top-level transcripts of the
 * `projects/` folders named after its path forms (other projects' folders are never opened); a session's file is
 * `projects/<any folder>/<id>.jsonl`.
 */
export class ClaudeDiskSessions implements DiskSessions {
  readonly cliType = "claude-code" as const;
  readonly roots: readonly string[];
  private readonly configDir: string;

  /** `configDir` is the CLI's config folder (`CLAUDE_CONFIG_DIR`, e.g. `~/.claude`); it is resolved to absolute. */
  constructor(configDir: string) {
    this.configDir = path.resolve(configDir);
    this.roots = [path.join(this.configDir, "projects")];
  }

  /** @see DiskSessions.projectFiles; covers the matching folders only. */
  async projectFiles(projectPaths: ReadonlySet<string>): Promise<SessionFileSet> {
    const { folders, files } = await claudeTranscriptFiles(this.configDir, (folder) =>
      claudeFolderMatches(folder, projectPaths),
    );
    return { files, covers: (filePath) => folders.includes(path.dirname(filePath)) };
  }

  /** @see DiskSessions.findFile */
  findFile(providerSessionId: string): Promise<string | undefined> {
    return findClaudeTranscript(this.configDir, providerSessionId);
  }

  /** @see DiskSessions.scanner */
  scanner(filePath: string, stamp: FileStamp, previous?: IndexEntry): MetadataScanner {
    return new ClaudeMetadataScanner(filePath, stamp, previous);
  }

  /** @see DiskSessions.readHistory; the transcript reader's history (`readClaudeTranscript`). */
  async readHistory(filePath: string, options: { sessionId: string }): Promise<UpsertObject[]> {
    return (await readClaudeTranscript(filePath, options)).history;
  }
}
