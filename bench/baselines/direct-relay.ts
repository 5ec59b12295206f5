// The direct-path baseline of issue 8 check 3: runs one CLI session and relays its agent text to a page over a
// WebSocket, with no translation or event log: batched by the providers' rule (CONTRACTS.md section 4, the gate's
// baseline) or every raw event as it comes (the floor); optionally delayed, to prove the comparison can fail.
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { query, type SDKMessage, type SDKUserMessage } from "@anthropic-ai/claude-agent-sdk";
import { WebSocket, WebSocketServer } from "ws";
import type { BatchingOptions } from "../../server/providers/batching.js";
import { initializeAgent, startAcpAgent } from "../lib/acp-agent.js";
import { codexAcpBinary } from "../lib/binaries.js";
import { RELAY_PAGE_HTML } from "./relay-page.js";
import { type Emit, type RelaySink, relaySink } from "./relay-text.js";

/** Options of {@link startDirectRelay}. */
export interface DirectRelayOptions {
  cli: "claude" | "codex";
  /** The CLI session's working folder. */
  cwd: string;
  /** The CLI's whole environment (see bench/lib/cli-env.ts). */
  env: Record<string, string>;
  /** Where node_modules is (for the codex-acp binary). */
  repoRoot: string;
  /**
   * How text reaches the page: `BatchingOptions` = batched by the providers' `ItemBatcher` with that tuning (`{}`,
   * the default, is the rule as our server runs it); `false` = every raw CLI event forwarded unbatched.
   */
  batching?: BatchingOptions | false;
  /** Added delay in ms before each message is forwarded (0 = none): the deliberately broken relay. */
  delayMs?: number;
  /** HTTP port (0 = free). */
  port?: number;
}

/** A running relay: the page at `url`, the WebSocket at `url/ws`. */
export interface DirectRelay {
  url: string;
  close(): Promise<void>;
}

/** One turn source: sends a prompt; hands its raw events and the turn's end to a {@link RelaySink}. */
interface CliSource {
  prompt(text: string): void;
  close(): Promise<void>;
}

/** A queue of user messages for the SDK's streaming input (one CLI process across turns). */
class UserMessages implements AsyncIterable<SDKUserMessage> {
  private readonly waiting: ((result: IteratorResult<SDKUserMessage>) => void)[] = [];
  private readonly queued: SDKUserMessage[] = [];
  private ended = false;

  push(text: string): void {
    const message: SDKUserMessage = {
      type: "user",
      message: { role: "user", content: text },
      parent_tool_use_id: null,
      session_id: "",
    };
    const waiter = this.waiting.shift();
    if (waiter) waiter({ value: message, done: false });
    else this.queued.push(message);
  }

  end(): void {
    this.ended = true;
    for (const waiter of this.waiting.splice(0)) waiter({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterator<SDKUserMessage> {
    return {
      next: () => {
        const message = this.queued.shift();
        if (message) return Promise.resolve({ value: message, done: false });
        if (this.ended) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => this.waiting.push(resolve));
      },
    };
  }
}

/** Claude Code via the SDK `query()` with partial messages; every SDK message goes to the sink. */
function claudeSource(options: DirectRelayOptions, sink: RelaySink): CliSource {
  const input = new UserMessages();
  const run = query({
    prompt: input,
    options: {
      cwd: options.cwd,
      env: options.env,
      includePartialMessages: true,
      permissionMode: "bypassPermissions",
      allowDangerouslySkipPermissions: true,
    },
  });
  const pump = (async () => {
    try {
      for await (const message of run as AsyncIterable<SDKMessage>) {
        sink.claude(message);
        if (message.type === "result") sink.end();
      }
    } catch (error) {
      sink.error(String(error));
    }
  })();
  return {
    prompt: (text) => input.push(text),
    async close() {
      input.end();
      run.close();
      await pump;
    },
  };
}

/** Codex via codex-acp over ACP; every `session/update` of the session goes to the sink. */
async function codexSource(options: DirectRelayOptions, sink: RelaySink): Promise<CliSource> {
  const agent = startAcpAgent(codexAcpBinary(options.repoRoot), [], {
    cwd: options.cwd,
    env: options.env,
    clientName: "liminal-bench-direct-relay",
  });
  try {
    await initializeAgent(agent);
    const { sessionId } = await agent.connection.agent.request("session/new", { cwd: options.cwd, mcpServers: [] });
    agent.onUpdate((notification) => {
      if (notification.sessionId === sessionId) sink.codex(notification);
    });
    return {
      prompt(text) {
        agent.connection.agent
          .request("session/prompt", { sessionId, prompt: [{ type: "text", text }] })
          .then(() => sink.end())
          .catch((error: unknown) => sink.error(String(error)));
      },
      close: () => agent.stop(),
    };
  } catch (error) {
    await agent.stop();
    throw error;
  }
}

/**
 * Starts the relay: an HTTP server answering `GET /` with the relay page and a WebSocket at `/ws`. The CLI session
 * starts at once (Codex: `initialize` + `session/new` before this resolves; Claude: the SDK spawns the CLI, which
 * starts work on the first prompt). Each `{ type: "prompt", text }` from the page starts a turn; every connected page
 * gets the turn's text (after `delayMs` when set), then `{ type: "end" }`: batched (default), as
 * `{ type: "text", block, status, content, sourceTimestamp, emittedAt }` emissions of the providers' batching rule
 * (see {@link RelayTextBatcher}); unbatched (`batching: false`), as every raw CLI event `{ type: "raw", cli, event }`,
 * which the relay never looks inside (the page extracts the text itself).
 */
export async function startDirectRelay(options: DirectRelayOptions): Promise<DirectRelay> {
  const sockets = new Set<WebSocket>();
  const delayMs = options.delayMs ?? 0;
  const send = (message: Record<string, unknown>): void => {
    const data = JSON.stringify(message);
    for (const socket of sockets) if (socket.readyState === WebSocket.OPEN) socket.send(data);
  };
  const emit: Emit = delayMs > 0 ? (message) => void setTimeout(() => send(message), delayMs) : send;
  const sink = relaySink(emit, options.batching ?? {});
  const source = options.cli === "claude" ? claudeSource(options, sink) : await codexSource(options, sink);
  const server = http.createServer((req, res) => {
    if (req.method === "GET" && (req.url === "/" || req.url === "/index.html")) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      res.end(RELAY_PAGE_HTML);
      return;
    }
    res.writeHead(404).end();
  });
  const wss = new WebSocketServer({ server, path: "/ws" });
  wss.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("message", (data) => {
      try {
        const message = JSON.parse(String(data)) as { type?: unknown; text?: unknown };
        if (message.type === "prompt" && typeof message.text === "string") source.prompt(message.text);
      } catch {
        // Not JSON: ignored (the page only sends prompts).
      }
    });
  });
  server.listen(options.port ?? 0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      for (const socket of sockets) socket.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await source.close();
    },
  };
}
