// Codex's disk facet: rollouts under `$CODEX_HOME/sessions/`, every one checked (they are grouped by day).
import path from "node:path";
import type { UpsertObject } from "../../../shared/contracts/index.js";
import type { DiskSessions, SessionFileSet } from "../disk-sessions.js";
import type { FileStamp, IndexEntry, MetadataScanner } from "../session-file-entry.js";
import { CodexMetadataScanner } from "./metadata-scanner.js";
import { readCodexRollout } from "./rollout.js";
import { codexRolloutFiles, findCodexRollout } from "./session-files.js";

/**
 * Codex rollouts on disk (see `DiskSessions`): rollouts are grouped by day, not by project, so a project's candidates
 * are every rollout (discovery keeps those whose `session_meta` cwd matches); a session's file is the rollout named
 * `…-<id>.jsonl`, else the one whose `session_meta` carries the id.
 */
export class CodexDiskSessions implements DiskSessions {
  readonly cliType = "codex" as const;
  readonly roots: readonly string[];
  private readonly codexHome: string;

  /** `codexHome` is Codex's home (`CODEX_HOME`, e.g. `~/.codex`); it is resolved to absolute. */
  constructor(codexHome: string) {
    this.codexHome = path.resolve(codexHome);
    this.roots = [path.join(this.codexHome, "sessions")];
  }

  /** @see DiskSessions.projectFiles; every rollout, so the set covers every indexed rollout. */
  async projectFiles(): Promise<SessionFileSet> {
    return { files: await codexRolloutFiles(this.codexHome), covers: () => true };
  }

  /** @see DiskSessions.findFile; by the id at the end of the file name. */
  findFile(providerSessionId: string): Promise<string | undefined> {
    return findCodexRollout(this.codexHome, providerSessionId);
  }

  /** @see DiskSessions.unnamedFiles; every rollout (a renamed one carries its id in `session_meta` only). */
  unnamedFiles(): Promise<SessionFileSet> {
    return this.projectFiles();
  }

  /** @see DiskSessions.scanner */
  scanner(filePath: string, stamp: FileStamp, previous?: IndexEntry): MetadataScanner {
    return new CodexMetadataScanner(filePath, stamp, previous);
  }

  /** @see DiskSessions.readHistory; the rollout reader's history (`readCodexRollout`). */
  async readHistory(filePath: string, options: { sessionId: string }): Promise<UpsertObject[]> {
    return (await readCodexRollout(filePath, options)).history;
  }
}
