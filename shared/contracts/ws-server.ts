// Server-to-browser WebSocket messages: the session stream (with `seq`) and the command replies (CONTRACTS.md section 7).
import { z } from "zod";
import { ATTENTION_SERVER_SCHEMAS } from "./attention.js";
import { CommandsReplySchema } from "./commands.js";
import { ErrorBodySchema, ProjectSchema, SessionSummarySchema } from "./entities.js";
import { FileSearchReplySchema } from "./files.js";
import { IdSchema } from "./ids.js";
import { IMAGE_SERVER_SCHEMAS } from "./images.js";
import { MODEL_REPLY_SCHEMAS } from "./models.js";
import { PermissionRequestSchema } from "./permissions.js";
import { TerminalInfoSchema } from "./terminals.js";
import { TurnEventSchema } from "./turns.js";
import { UpsertObjectSchema } from "./upserts.js";
import { ChangesResponseSchema, ProjectGitResponseSchema } from "./workspaces.js";

const requestId = { requestId: z.string().min(1).optional() };
const seq = z.number().int().min(1);

/** One item's new state; `seq` increases by one for every stream message of a session. */
export const SessionUpsertMessageSchema = z.object({
  type: z.literal("session:upsert"),
  sessionId: IdSchema,
  seq,
  payload: UpsertObjectSchema,
});
/** A turn lifecycle event in the session stream. */
export const SessionTurnMessageSchema = z.object({
  type: z.literal("session:turn"),
  sessionId: IdSchema,
  seq,
  payload: TurnEventSchema,
});
/**
 * Completed items in conversation order. `seq` is the last stream `seq` the history reflects (0 when none): the
 * browser resumes after it. `hasMore`: older items exist (ask with `session:history:more`). `older` marks a page of
 * older items answering `session:history:more`, to be put before what the browser shows.
 */
export const SessionHistoryMessageSchema = z.object({
  type: z.literal("session:history"),
  ...requestId,
  sessionId: IdSchema,
  entries: z.array(UpsertObjectSchema),
  seq: z.number().int().min(0),
  hasMore: z.boolean(),
  older: z.boolean().optional(),
});

/** The two stream messages that carry `seq` and are replayed on reconnect. */
export const StreamMessageSchema = z.discriminatedUnion("type", [SessionUpsertMessageSchema, SessionTurnMessageSchema]);
/** `session:upsert | session:turn`. */
export type StreamMessage = z.infer<typeof StreamMessageSchema>;

/** Every message the server may send, discriminated by `type`. */
export const ServerMessageSchema = z.discriminatedUnion("type", [
  SessionUpsertMessageSchema,
  SessionTurnMessageSchema,
  SessionHistoryMessageSchema,
  z.object({ type: z.literal("project:list"), ...requestId, projects: z.array(ProjectSchema) }),
  z.object({ type: z.literal("project:added"), ...requestId, project: ProjectSchema }),
  z.object({ type: z.literal("project:removed"), ...requestId, projectId: IdSchema }),
  z.object({
    type: z.literal("session:list"),
    ...requestId,
    projectId: IdSchema,
    sessions: z.array(SessionSummarySchema),
    /** Set when this answers `session:list { archived: true }`: `sessions` are the project's archived ones. */
    archived: z.literal(true).optional(),
  }),
  z.object({ type: z.literal("session:created"), ...requestId, session: SessionSummarySchema }),
  z.object({ type: z.literal("session:sent"), ...requestId, sessionId: IdSchema, turnId: IdSchema }),
  z.object({ type: z.literal("session:updated"), ...requestId, session: SessionSummarySchema }),
  z.object({ type: z.literal("session:archived"), ...requestId, sessionId: IdSchema }),
  z.object({ type: z.literal("session:closed"), ...requestId, sessionId: IdSchema }),
  z.object({ type: z.literal("permission:request"), sessionId: IdSchema, request: PermissionRequestSchema }),
  z.object({
    type: z.literal("permission:resolved"),
    ...requestId,
    sessionId: IdSchema,
    requestId: IdSchema,
    optionId: z.string().optional(),
    /** How it ended: answered by a browser, or closed because the turn ended or was cancelled. */
    outcome: z.enum(["selected", "cancelled"]).optional(),
  }),
  /** Answers `terminal:list`: the session's terminals, oldest first. */
  z.object({
    type: z.literal("terminal:list"),
    ...requestId,
    sessionId: IdSchema,
    terminals: z.array(TerminalInfoSchema),
  }),
  /** Answers `terminal:create`; every other browser gets `terminal:updated` for the new terminal. */
  z.object({ type: z.literal("terminal:created"), ...requestId, terminal: TerminalInfoSchema }),
  /** A terminal changed (created elsewhere, renamed, exited, restarted): to every browser; answers rename/restart. */
  z.object({ type: z.literal("terminal:updated"), ...requestId, terminal: TerminalInfoSchema }),
  /** A terminal was closed (by a browser, or because its session was archived): to every browser; answers close. */
  z.object({ type: z.literal("terminal:closed"), ...requestId, terminalId: IdSchema, sessionId: IdSchema }),
  /** Answers `project:git`: what the new-session form offers for the project (see `ProjectGitResponseSchema`). */
  z.object({ type: z.literal("project:git"), ...requestId, projectId: IdSchema, ...ProjectGitResponseSchema.shape }),
  /** A project's settings changed: to every browser; answers `project:settings`. */
  z.object({ type: z.literal("project:updated"), ...requestId, project: ProjectSchema }),
  /** Answers `session:changes`. */
  z.object({ type: z.literal("session:changes"), ...requestId, sessionId: IdSchema, changes: ChangesResponseSchema }),
  /** Answers `session:changes:file`: one file's unified diff. */
  z.object({
    type: z.literal("session:changes:file"),
    ...requestId,
    sessionId: IdSchema,
    path: z.string(),
    diff: z.string(),
  }),
  /** Answers `session:commit`. */
  z.object({ type: z.literal("session:committed"), ...requestId, sessionId: IdSchema, commit: z.string() }),
  /** Answers `session:merge`. */
  z.object({
    type: z.literal("session:merged"),
    ...requestId,
    sessionId: IdSchema,
    commit: z.string(),
    fastForward: z.boolean(),
  }),
  /** Answers `session:discard` (every browser also gets `session:updated` with the session archived). */
  z.object({ type: z.literal("session:discarded"), ...requestId, sessionId: IdSchema }),
  ...MODEL_REPLY_SCHEMAS,
  /** Answers `session:files`: the @-mention file search. */
  FileSearchReplySchema,
  /** Answers `session:commands`; also pushed (no `requestId`) to the session's watchers when its list changes. */
  CommandsReplySchema,
  /** `files`: with `MERGE_CONFLICT`, the files that conflicted. */
  z.object({
    type: z.literal("error"),
    ...requestId,
    ...ErrorBodySchema.shape,
    sessionId: IdSchema.optional(),
    files: z.array(z.string()).optional(),
  }),
  ...IMAGE_SERVER_SCHEMAS,
  ...ATTENTION_SERVER_SCHEMAS,
]);
/** A server message. */
export type ServerMessage = z.infer<typeof ServerMessageSchema>;
/** The `type` of a server message. */
export type ServerMessageType = ServerMessage["type"];
/** The server message of one `type`. */
export type ServerMessageOf<T extends ServerMessageType> = Extract<ServerMessage, { type: T }>;
