// The WebSocket to /ws: reconnects with backoff, reports its state, validates messages, matches replies by requestId.
import {
  type ClientMessage,
  describeIssues,
  MAX_SEND_BODY_BYTES,
  type ServerMessage,
  ServerMessageSchema,
} from "../../shared/contracts/index.js";
import { consoleLogger, type Logger, unreachable } from "../../shared/util/index.js";
import type { ConnectionInfo } from "../state/connection.js";
import { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF } from "./backoff.js";
import { CLIENT_ERROR_CODES } from "./client-errors.js";

/**
 * A failed command: an `error { code, message }` reply, or a client-side failure (`NOT_CONNECTED`, …). `files`: the
 * files a `MERGE_CONFLICT` names (empty otherwise).
 */
export class CommandError extends Error {
  override readonly name = "CommandError";
  constructor(
    readonly code: string,
    message: string,
    readonly files: readonly string[] = [],
  ) {
    super(message);
  }
}

/** The part of the browser's WebSocket used here. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  send(data: string): void;
  close(): void;
}

/** Every server message type of the contract (CONTRACTS.md section 7). */
const KNOWN_TYPES: ReadonlySet<string> = new Set(ServerMessageSchema.options.map((option) => option.shape.type.value));

/** Options; `createSocket` and `random` exist for tests. */
export interface ConnectionOptions {
  url: string;
  onMessage: (message: ServerMessage) => void;
  /** Called after every successful (re)connect, before queued UI work: re-open sessions here. */
  onOpen: () => void;
  onStatus: (info: ConnectionInfo) => void;
  /** A message of a known type that failed validation (never dispatched). */
  onInvalid?: (problem: string) => void;
  /**
   * Where a message of a type this page does not know (a newer server) is logged, once per type, and ignored
   * (`unreachable`); default `consoleLogger`.
   */
  logger?: Logger;
  createSocket?: (url: string) => SocketLike;
  backoff?: BackoffOptions;
  random?: () => number;
  /** Consecutive failed attempts after which the state reads `offline` (retries continue). */
  offlineAfter?: number;
}

interface Pending {
  resolve: (message: ServerMessage) => void;
  reject: (error: CommandError) => void;
  timer: ReturnType<typeof setTimeout>;
}

const OPEN = 1;
let counter = 0;

/** A fresh request id, unique within this page. */
export function nextRequestId(): string {
  counter += 1;
  return `c${Date.now().toString(36)}${counter.toString(36)}`;
}

/**
 * One logical connection to the server over a sequence of sockets. `start()` connects; a drop reconnects after
 * 0.5 s, 1 s, 2 s … 8 s (jittered) until it succeeds. Incoming messages are checked against `ServerMessageSchema`.
 */
export class Connection {
  private socket: SocketLike | null = null;
  private info: ConnectionInfo = { status: "connecting", attempt: 0, retryAt: null };
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly pending = new Map<string, Pending>();
  private stopped = false;

  constructor(private readonly options: ConnectionOptions) {}

  /** The current state. */
  get state(): ConnectionInfo {
    return this.info;
  }

  /** Opens the first socket. */
  start(): void {
    this.stopped = false;
    this.connect();
  }

  /** Closes the socket for good (no reconnect); pending requests fail with `CONNECTION_LOST`. */
  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.socket?.close();
    this.failPending(CLIENT_ERROR_CODES.CONNECTION_LOST, "The connection was closed.");
  }

  /** Skips the remaining backoff wait and tries to connect now. */
  retryNow(): void {
    if (this.info.status === "connected" || this.stopped) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.connect();
  }

  /**
   * Sends a command as is. @returns false when the socket is not open (nothing sent).
   * @throws CommandError `MESSAGE_TOO_LARGE` when its JSON is over the server's frame limit (`MAX_SEND_BODY_BYTES`):
   * the server would close the socket (1009) without a word, so it is refused here, nothing sent.
   */
  send(message: ClientMessage): boolean {
    if (!this.socket || this.socket.readyState !== OPEN) return false;
    const json = JSON.stringify(message);
    const bytes = utf8Length(json);
    if (bytes > MAX_SEND_BODY_BYTES) {
      throw new CommandError(
        CLIENT_ERROR_CODES.MESSAGE_TOO_LARGE,
        `This message is ${mebibytes(bytes)} MB; at most ${mebibytes(MAX_SEND_BODY_BYTES)} MB fit in one message (send less text or fewer images). Nothing was sent.`,
      );
    }
    this.socket.send(json);
    return true;
  }

  /**
   * Sends `message` with a `requestId` (its own, or a fresh one) and resolves with the first reply echoing it.
   * @throws CommandError with the reply's `code`/`message` for an `error` reply; `NOT_CONNECTED` when the socket is
   * not open; `CONNECTION_LOST` when it drops before the reply; `TIMEOUT` after `timeoutMs` (default 120 s).
   */
  request(message: ClientMessage, timeoutMs = 120_000): Promise<ServerMessage> {
    const requestId = message.requestId ?? nextRequestId();
    return new Promise((resolve, reject) => {
      let sent: boolean;
      try {
        sent = this.send({ ...message, requestId } as ClientMessage);
      } catch (error) {
        reject(error);
        return;
      }
      if (!sent) {
        reject(new CommandError(CLIENT_ERROR_CODES.NOT_CONNECTED, "The command was not sent."));
        return;
      }
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        reject(new CommandError(CLIENT_ERROR_CODES.TIMEOUT, `No answer to ${message.type}.`));
      }, timeoutMs);
      this.pending.set(requestId, { resolve, reject, timer });
    });
  }

  /**
   * Sends a command whose answer may not echo its `requestId` (`session:open` may answer with replayed stream
   * messages, `session:cancel` with the turn's terminal event). Only an `error` reply within `lifetimeMs` reaches
   * `onError`. @returns false when the socket is not open (nothing sent). @throws like `send` (`MESSAGE_TOO_LARGE`).
   */
  fire(message: ClientMessage, onError: (error: CommandError) => void, lifetimeMs = 60_000): boolean {
    const requestId = message.requestId ?? nextRequestId();
    if (!this.send({ ...message, requestId } as ClientMessage)) return false;
    const timer = setTimeout(() => this.pending.delete(requestId), lifetimeMs);
    this.pending.set(requestId, {
      resolve: () => {},
      reject: (error) => {
        if (error.code !== CLIENT_ERROR_CODES.CONNECTION_LOST) onError(error);
      },
      timer,
    });
    return true;
  }

  private setInfo(info: ConnectionInfo): void {
    this.info = info;
    this.options.onStatus(info);
  }

  private connect(): void {
    if (this.stopped) return;
    const create = this.options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
    let socket: SocketLike;
    try {
      socket = create(this.options.url);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    let opened = false;
    socket.onopen = () => {
      opened = true;
      this.setInfo({ status: "connected", attempt: 0, retryAt: null });
      this.options.onOpen();
    };
    socket.onmessage = (event) => this.receive(event.data);
    socket.onerror = () => {};
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.failPending(CLIENT_ERROR_CODES.CONNECTION_LOST, "The connection dropped before the server answered.");
      if (opened) this.info = { ...this.info, attempt: 0 };
      this.scheduleRetry();
    };
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    const attempt = this.info.status === "connected" ? 0 : this.info.attempt;
    const delay = backoffDelay(attempt, this.options.backoff ?? DEFAULT_BACKOFF, this.options.random);
    const offline =
      attempt >= (this.options.offlineAfter ?? 5) || (typeof navigator !== "undefined" && navigator.onLine === false);
    this.setInfo({ status: offline ? "offline" : "reconnecting", attempt: attempt + 1, retryAt: Date.now() + delay });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }

  private failPending(code: string, text: string): void {
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(new CommandError(code, text));
      this.pending.delete(id);
    }
  }

  private receive(data: unknown): void {
    let raw: unknown;
    try {
      raw = JSON.parse(String(data));
    } catch {
      this.options.onInvalid?.("a message that is not JSON");
      return;
    }
    const parsed = ServerMessageSchema.safeParse(raw);
    if (!parsed.success) {
      const type = typeof raw === "object" && raw !== null ? String((raw as { type?: unknown }).type) : "?";
      if (!KNOWN_TYPES.has(type) && type !== "undefined" && type !== "?") {
        unreachable(raw as never, this.options.logger ?? consoleLogger, "server message");
        return;
      }
      const issues = describeIssues(parsed.error)
        .slice(0, 3)
        .map((issue) => `${issue.path}: ${issue.message}`);
      this.options.onInvalid?.(`${type} (${issues.join("; ")})`);
      return;
    }
    const message = parsed.data;
    const requestId = "requestId" in message ? message.requestId : undefined;
    const pending = requestId ? this.pending.get(requestId) : undefined;
    if (pending && requestId) {
      this.pending.delete(requestId);
      clearTimeout(pending.timer);
      if (message.type === "error") pending.reject(new CommandError(message.code, message.message, message.files));
      else pending.resolve(message);
      if (message.type === "error") return;
    }
    this.options.onMessage(message);
  }
}

/**
 * The UTF-8 size of `text` in bytes when it may exceed the frame limit; below a third of it (a UTF-16 unit is at most
 * 3 bytes) its length, which fits either way — 80 MiB is not encoded on every keystroke-sized command.
 */
function utf8Length(text: string): number {
  if (text.length * 3 <= MAX_SEND_BODY_BYTES) return text.length;
  return new TextEncoder().encode(text).byteLength;
}

function mebibytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, "");
}
