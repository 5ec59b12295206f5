// One ACP agent (a codex-acp process) for one project folder: connect, initialize, route updates, detect its end.

import type {
  AgentCapabilities,
  AnyMessage,
  RequestPermissionRequest,
  RequestPermissionResponse,
  SessionUpdate,
} from "@agentclientprotocol/sdk";
import * as acp from "@agentclientprotocol/sdk";
import { consoleLogger, Listeners, TimeoutError, withTimeout } from "../../../shared/util/index.js";
import type { ProcessExitInfo } from "../provider.js";
import type { AgentChannel } from "./spawn-agent.js";

/** What a session registered on an agent receives (routed by its ACP `sessionId`). */
export interface AgentSessionTarget {
  /** One `session/update` for this session; `receivedAt` in epoch ms. */
  update(update: SessionUpdate, receivedAt: number): void;
  /** The agent's `session/request_permission` for this session; `signal` aborts if the agent withdraws it. */
  requestPermission(request: RequestPermissionRequest, signal: AbortSignal): Promise<RequestPermissionResponse>;
  /** The agent has ended; `expected` is true when `kill()` ended it. */
  agentExited(info: ProcessExitInfo, expected: boolean): void;
}

const CLIENT_INFO = { name: "liminal-builder", version: "0.1.0" };
const CANCELLED: RequestPermissionResponse = { outcome: { outcome: "cancelled" } };

interface WriteWaiter {
  matches(message: AnyMessage): boolean;
  resolve(): void;
  reject(error: Error): void;
}

/**
 * A connected, initialized ACP agent shared by the Codex sessions of one project folder.
 * `connection.agent.request(...)` / `notify(...)` call it (ACP methods through `@agentclientprotocol/sdk`);
 * `session/update` notifications and permission requests are routed to the session registered with `route`.
 * The agent counts as ended at the first of: its process exits, or the connection closes (then the process is
 * killed too). Every routed session is then told once through `agentExited`.
 */
export class AgentProcess {
  readonly connection: acp.ClientConnection;
  /** `agentCapabilities` from the `initialize` response (e.g. `loadSession`). */
  capabilities: AgentCapabilities = {};
  private readonly targets = new Map<string, AgentSessionTarget>();
  private readonly writeWaiters = new Set<WriteWaiter>();
  /** How the agent ended, once it has. */
  exitInfo: ProcessExitInfo | undefined;
  private killRequested = false;
  private readonly ended: Promise<ProcessExitInfo>;
  private readonly endListeners = new Listeners<ProcessExitInfo>("codex-acp exit", consoleLogger);

  private constructor(private readonly channel: AgentChannel) {
    const inner = acp.ndJsonStream(channel.stdin, channel.stdout);
    const writer = inner.writable.getWriter();
    const writable = new WritableStream<AnyMessage>({
      write: async (message) => {
        await writer.write(message);
        this.written(message);
      },
      close: () => writer.close(),
      abort: (reason) => writer.abort(reason),
    });
    this.connection = acp
      .client({ name: CLIENT_INFO.name })
      .onNotification("session/update", ({ params }) => {
        this.targets.get(params.sessionId)?.update(params.update, Date.now());
      })
      .onRequest("session/request_permission", ({ params, signal }) => {
        const target = this.targets.get(params.sessionId);
        return target ? target.requestPermission(params, signal) : CANCELLED;
      })
      .connect({ readable: inner.readable, writable });
    this.ended = Promise.race([
      channel.exited,
      this.connection.closed.then(async () => {
        await channel.kill();
        return channel.exited;
      }),
    ]).then((info) => this.end(info));
  }

  /**
   * Connects to a freshly spawned agent and runs ACP `initialize` (protocol version 1, no client file system or
   * terminal capabilities). @throws Error with the agent's exit message when it ends first, or after `timeoutMs`;
   * the agent is killed before the error is thrown.
   */
  static async start(channel: AgentChannel, timeoutMs = 30_000): Promise<AgentProcess> {
    const agent = new AgentProcess(channel);
    try {
      const ended = agent.ended.then((info): never => {
        throw new Error(info.message);
      });
      const initialized = Promise.race<acp.InitializeResponse>([
        agent.connection.agent.request("initialize", {
          protocolVersion: acp.PROTOCOL_VERSION,
          clientCapabilities: {},
          clientInfo: CLIENT_INFO,
        }),
        ended,
      ]);
      const response = await withTimeout(initialized, timeoutMs, "codex-acp answering initialize");
      agent.capabilities = response.agentCapabilities ?? {};
      return agent;
    } catch (error) {
      await agent.kill();
      // A closed connection or a failed write means the agent died first: its exit says why.
      if (!(error instanceof TimeoutError) && !(error instanceof acp.RequestError) && agent.exitInfo) {
        throw new Error(agent.exitInfo.message, { cause: error });
      }
      throw error;
    }
  }

  /** True until the agent has ended. */
  get alive(): boolean {
    return this.exitInfo === undefined;
  }

  /** The process id, when the agent is a process. */
  get pid(): number | undefined {
    return this.channel.pid;
  }

  /** How many sessions are routed to this agent. */
  get sessionCount(): number {
    return this.targets.size;
  }

  /** Routes the updates and permission requests of ACP session `acpSessionId` to `target`. */
  route(acpSessionId: string, target: AgentSessionTarget): void {
    this.targets.set(acpSessionId, target);
  }

  /** Stops routing `acpSessionId` (only if it still goes to `target`, when given); returns how many sessions remain. */
  unroute(acpSessionId: string, target?: AgentSessionTarget): number {
    if (!target || this.targets.get(acpSessionId) === target) this.targets.delete(acpSessionId);
    return this.targets.size;
  }

  /** Calls `listener` once when the agent ends (at once if it already has). */
  onEnd(listener: (info: ProcessExitInfo) => void): void {
    if (this.exitInfo) listener(this.exitInfo);
    else this.endListeners.add(listener);
  }

  /**
   * Resolves once a message matching `matches` has been written to the agent's stdin (the turn-start
   * acknowledgement of `session/prompt`); rejects if the agent ends first.
   */
  whenWritten(matches: (message: AnyMessage) => boolean): Promise<void> {
    if (this.exitInfo) return Promise.reject(new Error(this.exitInfo.message));
    return new Promise((resolve, reject) => {
      const waiter: WriteWaiter = {
        matches,
        resolve: () => {
          this.writeWaiters.delete(waiter);
          resolve();
        },
        reject: (error) => {
          this.writeWaiters.delete(waiter);
          reject(error);
        },
      };
      this.writeWaiters.add(waiter);
    });
  }

  /** Ends the agent for good (process-group SIGTERM, then SIGKILL); resolves when it is gone. Idempotent. */
  async kill(): Promise<void> {
    this.killRequested = true;
    this.connection.close();
    await this.channel.kill();
    await this.ended;
  }

  private written(message: AnyMessage): void {
    for (const waiter of [...this.writeWaiters]) if (waiter.matches(message)) waiter.resolve();
  }

  private end(info: ProcessExitInfo): ProcessExitInfo {
    if (this.exitInfo) return this.exitInfo;
    this.exitInfo = info;
    this.connection.close();
    void this.channel.kill();
    for (const waiter of [...this.writeWaiters]) waiter.reject(new Error(info.message));
    const expected = this.killRequested;
    for (const target of [...this.targets.values()]) target.agentExited(info, expected);
    this.endListeners.emit(info);
    this.endListeners.clear();
    return info;
  }
}
