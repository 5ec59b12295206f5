// What a session's runtime reads from and writes to its metadata record: start options, resume id, title, activity.
import type { PermissionMode, TurnTerminalEvent } from "../../shared/contracts/index.js";
import type { ProjectStore } from "../projects/index.js";
import type { MetadataStore, SessionRecord } from "./metadata-store.js";
import { titleFromMessage } from "./titles.js";
import { ServiceError } from "./types.js";

/** Where and how a session's CLI starts; `providerSessionId` set means resume (`provider.loadSession`). */
export interface StartOptions {
  projectDir: string;
  permissionMode: PermissionMode;
  providerSessionId?: string;
  /** The model / effort level chosen in the app (passed to the provider as `providerOptions`). */
  model?: string;
  effort?: string;
}

/**
 * The metadata record (sessions.json) of one session, as its `SessionRuntime` keeps it: starts in its worktree, else in
 * the project's folder (or the folder recorded with the session when its project was removed) with the recorded permission mode
 * and resume id; keeps the CLI's resume id; titles the session from its first user message unless it has a title;
 * sets `lastActiveAt` on every send and turn end; sets `lastError` on `turn_error` and clears it on the next message.
 * Every method throws ServiceError `SESSION_NOT_FOUND` when the record is gone.
 */
export class SessionRecordKeeper {
  constructor(
    private readonly sessionId: string,
    private readonly records: MetadataStore,
    private readonly projects: ProjectStore,
  ) {}

  /** Where and how to start the CLI now. */
  startOptions(): StartOptions {
    const r = this.record();
    return {
      projectDir: r.workspace?.path ?? this.projects.find(r.projectId)?.path ?? r.projectPath,
      permissionMode: r.permissionMode,
      ...(r.providerSessionId ? { providerSessionId: r.providerSessionId } : {}),
      ...(r.model ? { model: r.model } : {}),
      ...(r.effort ? { effort: r.effort } : {}),
    };
  }

  /** The CLI session is up: records its resume id when it changed. */
  started(providerSessionId: string): void {
    if (this.record().providerSessionId !== providerSessionId) {
      this.records.update(this.sessionId, { providerSessionId });
    }
  }

  /** The user's message `content` was accepted: title (when untitled), last activity, last error cleared. */
  userMessage(content: string): void {
    const title = this.record().title || titleFromMessage(content);
    this.records.update(this.sessionId, { title, lastActiveAt: new Date().toISOString(), lastError: undefined });
  }

  /** A turn ended: last activity; a `turn_error` becomes the session's last error. */
  turnEnded(event: TurnTerminalEvent): void {
    const lastActiveAt = new Date().toISOString();
    const lastError =
      event.type === "turn_error" ? { code: event.errorCode, message: event.errorMessage } : this.record().lastError;
    this.records.update(this.sessionId, { lastActiveAt, lastError });
  }

  private record(): SessionRecord {
    const found = this.records.get(this.sessionId);
    if (!found) throw new ServiceError("SESSION_NOT_FOUND", `No metadata for session ${this.sessionId}`);
    return found;
  }
}
