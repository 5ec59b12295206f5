// Folds Codex rollout lines into an index entry: id, cwd, title, times (the rollout reader's rules).
import path from "node:path";
import { isObject, shortTitle } from "../cli-json.js";
import type { FileStamp, IndexEntry, MetadataScanner } from "../session-file-entry.js";
import {
  type CodexRecord,
  codexRealUserIndexes,
  codexUserEventText,
  codexUserText,
  parseCodexLine,
} from "./rollout-records.js";
import { uuidBeforeJsonl } from "./session-files.js";

/** Records kept after the first typed `user_message` event before deciding which user item it belongs to. */
const RECORDS_AFTER_EVENT = 3;

/**
 * Scanner for `$CODEX_HOME/sessions/YYYY/MM/DD/rollout-*.jsonl`: id, cwd and start time from the first
 * `session_meta`, the first real user message as title (decided like the reader does, from the records around the
 * first typed `user_message` event), first and latest record times.
 */
export class CodexMetadataScanner implements MetadataScanner {
  readonly entry: IndexEntry;
  private buffer: CodexRecord[] | undefined;
  private eventIndex = -1;
  private metaSeen: boolean;

  constructor(filePath: string, stamp: FileStamp, previous?: IndexEntry) {
    const fallbackId = uuidBeforeJsonl(path.basename(filePath)) ?? path.basename(filePath, ".jsonl");
    this.entry = previous
      ? { ...previous, ...stamp }
      : { cliType: "codex", filePath, ...stamp, providerSessionId: fallbackId, headComplete: false };
    this.metaSeen = previous?.cwd !== undefined;
    this.buffer = previous?.headComplete ? undefined : [];
  }

  consume(line: string): void {
    const record = parseCodexLine(line);
    if (!record) return;
    const entry = this.entry;
    const time = isoTime(record.timestamp);
    if (time) {
      entry.createdAt ??= time;
      if (!entry.lastActiveAt || time > entry.lastActiveAt) entry.lastActiveAt = time;
    }
    const payload: CodexRecord = isObject(record.payload) ? record.payload : {};
    if (record.type === "session_meta" && !this.metaSeen) {
      this.metaSeen = true;
      if (typeof payload.id === "string" && payload.id) entry.providerSessionId = payload.id;
      if (typeof payload.cwd === "string") entry.cwd = payload.cwd;
      const started = isoTime(payload.timestamp);
      if (started) entry.createdAt = started;
    }
    if (!this.buffer || entry.userTitle !== undefined) return;
    this.buffer.push(record);
    if (this.eventIndex < 0 && codexUserEventText(record) !== undefined) this.eventIndex = this.buffer.length - 1;
    if (this.eventIndex >= 0 && this.buffer.length - 1 - this.eventIndex >= RECORDS_AFTER_EVENT) this.resolveTitle();
  }

  satisfied(): boolean {
    return this.metaSeen && this.entry.userTitle !== undefined;
  }

  finishHead(reachedEnd: boolean): void {
    if (this.buffer && this.entry.userTitle === undefined) this.resolveTitle();
    // A file that ended before its first user message is read from the start again when it changes.
    this.entry.headComplete = this.entry.userTitle !== undefined || !reachedEnd;
  }

  private resolveTitle(): void {
    const buffer = this.buffer ?? [];
    const index = codexRealUserIndexes(buffer)[0];
    const first = index === undefined ? undefined : buffer[index];
    const event = this.eventIndex >= 0 ? buffer[this.eventIndex] : undefined;
    const text = (first && codexUserText(first)) ?? (event && codexUserEventText(event));
    if (text) this.entry.userTitle = shortTitle(text);
    this.buffer = undefined;
  }
}

function isoTime(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
