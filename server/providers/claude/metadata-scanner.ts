// Folds Claude Code transcript lines into an index entry: id, cwd, titles, times (the transcript reader's rules).
import path from "node:path";
import { shortTitle } from "../cli-json.js";
import type { FileStamp, IndexEntry, MetadataScanner } from "../session-file-entry.js";
import { claudeUserText } from "./user-content.js";
import { classifyClaudeUserRecord, claudeRecordTitle, parseClaudeLine, recordTime } from "./transcript-records.js";

/** A transcript named `<uuid>.jsonl` carries its session id in the name. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Scanner for `$CLAUDE_CONFIG_DIR/projects/<folder>/<id>.jsonl`: id from a UUID file name (else the records'
 * `sessionId`), `cwd` of the first main-chain record, the first prompt (else slash command) as user title, the best
 * title record, first and latest record times. Sidechain records only count for times and title records.
 */
export class ClaudeMetadataScanner implements MetadataScanner {
  readonly entry: IndexEntry;
  private readonly idFromName: boolean;

  constructor(filePath: string, stamp: FileStamp, previous?: IndexEntry) {
    const baseName = path.basename(filePath, ".jsonl");
    this.idFromName = UUID.test(baseName);
    this.entry = previous
      ? { ...previous, ...stamp }
      : { cliType: "claude-code", filePath, ...stamp, providerSessionId: baseName, headComplete: false };
  }

  consume(line: string): void {
    const record = parseClaudeLine(line);
    if (!record) return;
    const entry = this.entry;
    const time = recordTime(record);
    if (time) {
      entry.createdAt ??= time;
      if (!entry.lastActiveAt || time > entry.lastActiveAt) entry.lastActiveAt = time;
    }
    const titled = claudeRecordTitle(record);
    if (titled && titled.rank >= (entry.namedTitleRank ?? 0)) {
      entry.namedTitle = titled.title;
      entry.namedTitleRank = titled.rank;
    }
    if (record.isSidechain === true) return;
    if (!this.idFromName && !this.recordIdSeen() && typeof record.sessionId === "string" && record.sessionId) {
      entry.providerSessionId = record.sessionId;
    }
    if (typeof record.cwd === "string") entry.cwd ??= record.cwd;
    if (record.type === "assistant") entry.sawAssistant = true;
    if (record.type !== "user") return;
    const input = classifyClaudeUserRecord(record);
    const typed = input.kind === "prompt" ? claudeUserText(record.message, input.text) : ""; // no IDE context
    if (typed && (entry.userTitle === undefined || entry.userTitleFromCommand)) {
      entry.userTitle = shortTitle(typed);
      entry.userTitleFromCommand = false;
    } else if (input.kind === "command" && entry.userTitle === undefined) {
      entry.userTitle = shortTitle(input.text);
      entry.userTitleFromCommand = true;
    }
  }

  satisfied(): boolean {
    const entry = this.entry;
    return (
      entry.cwd !== undefined &&
      entry.userTitle !== undefined &&
      entry.userTitleFromCommand === false &&
      (this.idFromName || this.recordIdSeen())
    );
  }

  finishHead(): void {
    // Whatever the head held is folded in; later growth is read from `resumeOffset` with the same rules.
    this.entry.headComplete = true;
  }

  private recordIdSeen(): boolean {
    return this.entry.providerSessionId !== path.basename(this.entry.filePath, ".jsonl");
  }
}
