// What a LiveSession needs from the service: its record (start options, title, activity, errors) and the fan-out.
import type {
  PermissionMode,
  PermissionRequest,
  StreamMessage,
  TurnTerminalEvent,
} from "../../shared/contracts/index.js";
import type { Logger } from "../../shared/util/index.js";
import type { ProjectStore } from "../projects/index.js";
import type { ProviderSession } from "../providers/index.js";
import type { ServiceEvents } from "./listeners.js";
import type { MetadataStore, SessionRecord } from "./metadata-store.js";
import { titleFromMessage } from "./titles.js";
import { type PermissionResolution, ServiceError } from "./types.js";

/** What a `LiveSession` asks of the service that owns it (metadata and fan-out live there). */
export interface LiveSessionHost {
  /** Where and how to start the CLI; `providerSessionId` set means resume (`provider.loadSession`). */
  startOptions(): { projectDir: string; permissionMode: PermissionMode; providerSessionId?: string };
  /** The CLI session is up (record its `providerSessionId`). */
  started(session: ProviderSession): void;
  /** A numbered stream message to fan out. */
  stream(message: StreamMessage): void;
  /** The user's message was accepted as turn `turnId` (title, last activity, clear last error). */
  userMessage(content: string, turnId: string): void;
  /** A turn ended (last activity; `turn_error` sets the last error). */
  turnEnded(event: TurnTerminalEvent): void;
  /** State or liveness changed (`session:updated`). */
  changed(): void;
  /** A new permission request to announce (`permission:request`). */
  permissionRequested(request: PermissionRequest): void;
  /** A permission request was answered or closed (`permission:resolved`). */
  permissionResolved(resolution: PermissionResolution): void;
  /** Where the session's warnings and dropped-event notes go. */
  logger: Logger;
}

/** The service's parts a host reaches; `announce` emits `session:updated` for the session (when it should). */
export interface HostDependencies {
  records: MetadataStore;
  projects: ProjectStore;
  events: ServiceEvents;
  logger: Logger;
  announce(sessionId: string): void;
}

/**
 * The `LiveSessionHost` of `sessionId`: starts in the project's folder (or the folder recorded with the session
 * when its project was removed) with the recorded permission mode and resume id; keeps the CLI's resume id; titles
 * the session from its first user message unless it has a title; sets `lastActiveAt` on every send and turn end;
 * sets `lastError` on `turn_error` and clears it on the next message.
 */
export function createLiveSessionHost(sessionId: string, deps: HostDependencies): LiveSessionHost {
  const { records, projects, events } = deps;
  const record = (): SessionRecord => {
    const found = records.get(sessionId);
    if (!found) throw new ServiceError("SESSION_NOT_FOUND", `No metadata for session ${sessionId}`);
    return found;
  };
  return {
    logger: deps.logger,
    startOptions: () => {
      const r = record();
      return {
        projectDir: projects.find(r.projectId)?.path ?? r.projectPath,
        permissionMode: r.permissionMode,
        ...(r.providerSessionId ? { providerSessionId: r.providerSessionId } : {}),
      };
    },
    started: (session) => {
      if (record().providerSessionId !== session.providerSessionId) {
        records.update(sessionId, { providerSessionId: session.providerSessionId });
      }
    },
    stream: (message) => events.stream(message),
    userMessage: (content) => {
      const title = record().title || titleFromMessage(content);
      records.update(sessionId, { title, lastActiveAt: new Date().toISOString(), lastError: undefined });
    },
    turnEnded: (event) => {
      const lastActiveAt = new Date().toISOString();
      const lastError =
        event.type === "turn_error" ? { code: event.errorCode, message: event.errorMessage } : record().lastError;
      records.update(sessionId, { lastActiveAt, lastError });
    },
    changed: () => deps.announce(sessionId),
    permissionRequested: (request) => events.permissionRequested.emit(sessionId, request),
    permissionResolved: (resolution) => events.permissionResolved.emit(resolution),
  };
}
