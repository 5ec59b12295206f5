// What a LiveSession needs from the service: its record (start options, title, activity, errors) and the fan-out.
import type { ProjectStore } from "../projects/index.js";
import type { Logger } from "../store/json-store.js";
import type { ServiceEvents } from "./listeners.js";
import type { LiveSessionHost } from "./live-session.js";
import type { MetadataStore, SessionRecord } from "./metadata-store.js";
import { titleFromMessage } from "./titles.js";
import { ServiceError } from "./types.js";

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
