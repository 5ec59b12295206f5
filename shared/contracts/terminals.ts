// Terminals: a shell in a session's folder. The panel's commands ride on `/ws`; each terminal's bytes have their own
// socket, `/ws/terminal/:terminalId` (client/README.md "Terminals" describes the protocol).
import { z } from "zod";
import { IdSchema, TimestampSchema } from "./ids.js";

/** Terminal sizes a browser may ask for, in character cells (xterm.js's own bounds are looser). */
export const TERMINAL_SIZE = { minCols: 2, maxCols: 1000, minRows: 1, maxRows: 500 } as const;
/** The longest `input` one message may carry, in UTF-16 code units (a paste above it is sent in several). */
export const TERMINAL_INPUT_MAX_CHARS = 64 * 1024;
/** The longest terminal name, in characters. */
export const TERMINAL_NAME_MAX_CHARS = 60;

const cols = z.number().int().min(TERMINAL_SIZE.minCols).max(TERMINAL_SIZE.maxCols);
const rows = z.number().int().min(TERMINAL_SIZE.minRows).max(TERMINAL_SIZE.maxRows);
const name = z.string().trim().min(1, "name must not be empty").max(TERMINAL_NAME_MAX_CHARS);

/**
 * One terminal as the browser sees it. `state`: `running` while its shell runs, `exited` once it ended by itself
 * (then `exitCode`, or `signal` when a signal ended it, e.g. `SIGKILL`); `shell` the program run (`$SHELL`, else
 * `bash`); `cwd` the folder it started in (the session's folder); `cols` × `rows` its current size in cells.
 */
export const TerminalInfoSchema = z.object({
  terminalId: IdSchema,
  sessionId: IdSchema,
  name: z.string(),
  shell: z.string(),
  cwd: z.string(),
  state: z.enum(["running", "exited"]),
  exitCode: z.number().int().optional(),
  signal: z.string().optional(),
  cols,
  rows,
  createdAt: TimestampSchema,
});
/** One terminal. */
export type TerminalInfo = z.infer<typeof TerminalInfoSchema>;

/** The `/ws` commands of the terminal panel (their replies are in ws-server.ts). */
export const TERMINAL_COMMAND_SCHEMAS = [
  z.object({ type: z.literal("terminal:list"), requestId: z.string().min(1).optional(), sessionId: IdSchema }),
  z.object({
    type: z.literal("terminal:create"),
    requestId: z.string().min(1).optional(),
    sessionId: IdSchema,
    name: name.optional(),
    cols: cols.optional(),
    rows: rows.optional(),
  }),
  z.object({ type: z.literal("terminal:rename"), requestId: z.string().min(1).optional(), terminalId: IdSchema, name }),
  z.object({ type: z.literal("terminal:restart"), requestId: z.string().min(1).optional(), terminalId: IdSchema }),
  z.object({ type: z.literal("terminal:close"), requestId: z.string().min(1).optional(), terminalId: IdSchema }),
] as const;

/**
 * What a browser sends on a terminal's own socket: keystrokes and pastes (`input`, at most
 * {@link TERMINAL_INPUT_MAX_CHARS}), a new size (`resize`), and how far it has processed the output (`ack`: the
 * absolute output offset in bytes its emulator has parsed; the server pauses the shell while a browser lags far behind).
 */
export const TerminalClientFrameSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("input"), data: z.string().min(1).max(TERMINAL_INPUT_MAX_CHARS) }),
  z.object({ type: z.literal("resize"), cols, rows }),
  z.object({ type: z.literal("ack"), offset: z.number().int().min(0) }),
]);
/** A frame from the browser on a terminal socket. */
export type TerminalClientFrame = z.infer<typeof TerminalClientFrameSchema>;

/**
 * What the server sends on a terminal's socket as text (its output goes as binary frames, the shell's raw bytes):
 * - `attached` first: `offset` is the absolute byte offset the following output starts at; `reset: true` when that
 *   is not the offset the browser asked for (`?since=`), so it clears its screen and shows the kept scrollback;
 * - `terminal` whenever the terminal changes (exited, restarted, renamed, resized);
 * - `error` for a frame that was refused (the socket stays open), or before closing for a terminal that is gone.
 */
export const TerminalServerFrameSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("attached"),
    terminal: TerminalInfoSchema,
    offset: z.number().int().min(0),
    reset: z.boolean(),
  }),
  z.object({ type: z.literal("terminal"), terminal: TerminalInfoSchema }),
  z.object({ type: z.literal("error"), code: z.string().min(1), message: z.string() }),
]);
/** A text frame from the server on a terminal socket. */
export type TerminalServerFrame = z.infer<typeof TerminalServerFrameSchema>;
