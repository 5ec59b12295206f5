// Entry point of the session layer: the service, its interface and errors, and the seam to sessions on disk.

export type { Logger } from "../../shared/util/index.js";
export type { StoreErrorInfo } from "../core/index.js";
export type {
  Terminal,
  TerminalChange,
  TerminalManagerOptions,
  TerminalViewer,
  TerminalViewerSink,
} from "../terminals/index.js";
export { createDiskSessionSource } from "./disk-source.js";
export { DEFAULT_EVENT_LOG_LIMIT, DEFAULT_REPLAY_BUDGET_BYTES } from "./event-log.js";
export type { SessionRecord } from "./metadata-store.js";
export { DefaultSessionService } from "./service.js";
export type { SessionServiceOptions } from "./service-options.js";
export {
  type DiscoveredSessionInfo,
  diskSessionId,
  parseDiskSessionId,
  type SessionSource,
} from "./session-source.js";
export type { TerminalOperations } from "./session-terminals.js";
export { TITLE_MAX_CHARS, titleFromMessage, UNTITLED } from "./titles.js";
export * from "./types.js";
