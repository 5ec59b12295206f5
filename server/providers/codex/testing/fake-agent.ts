// Test helper: an in-process fake ACP agent (the SDK's agent side over in-memory streams) for the spawnAgent seam.

import type {
  PromptResponse,
  RequestPermissionRequest,
  RequestPermissionResponse,
  SessionModeState,
  SessionUpdate,
} from "@agentclientprotocol/sdk";
import * as acp from "@agentclientprotocol/sdk";
import type { ProcessExitInfo } from "../../provider.js";
import type { AgentChannel } from "../spawn-agent.js";

/** What a scripted prompt can do while it runs. */
export interface PromptContext {
  sessionId: string;
  text: string;
  /** Sends one `session/update` for this session. */
  send(update: SessionUpdate): Promise<void>;
  /** Sends `session/request_permission` and resolves with the client's answer. */
  requestPermission(request: Omit<RequestPermissionRequest, "sessionId">): Promise<RequestPermissionResponse>;
  /** Resolves when the client sends `session/cancel` for this session. */
  cancelled: Promise<void>;
}

/** The fake's behaviour; every hook is optional. */
export interface FakeAgentScript {
  /** Answers `session/prompt` (default: end_turn at once). Throw an `acp.RequestError` to answer with an error. */
  prompt?(context: PromptContext): Promise<PromptResponse>;
  /** Replays a session during `session/load`; throw `acp.RequestError.resourceNotFound()` for an unknown id. */
  load?(sessionId: string, send: (update: SessionUpdate) => Promise<void>): Promise<void>;
  /** `modes` of the `session/new` / `session/load` answer (codex-acp offers them only for some configurations). */
  modes?: SessionModeState;
}

/** One fake agent "process" started through the seam. */
export interface FakeProcess {
  cwd: string;
  /** Simulates a crash: the agent's streams close and `exited` resolves with signal SIGKILL. */
  crash(): void;
  /** True once the provider has ended it. */
  killed: boolean;
  exited: Promise<ProcessExitInfo>;
}

/** Spawns fake agents and records what the client asked of them. */
export class FakeAgent {
  readonly processes: FakeProcess[] = [];
  readonly newSessions: { sessionId: string; cwd: string; mcpServers: unknown[] }[] = [];
  readonly setModes: { sessionId: string; modeId: string }[] = [];
  readonly cancels: string[] = [];
  readonly closedSessions: string[] = [];
  private readonly cancelWaiters = new Map<string, (() => void)[]>();
  private sessionCount = 0;

  constructor(private readonly script: FakeAgentScript = {}) {}

  /** The `spawnAgent` seam: a new fake agent whose working directory is `cwd`. */
  readonly spawn = (cwd: string): AgentChannel => {
    const toAgent = new TransformStream<Uint8Array, Uint8Array>();
    const toClient = new TransformStream<Uint8Array, Uint8Array>();
    let finish: (info: ProcessExitInfo) => void = () => undefined;
    const exited = new Promise<ProcessExitInfo>((resolve) => {
      finish = resolve;
    });
    const connection = this.app().connect(acp.ndJsonStream(toClient.writable, toAgent.readable));
    const process: FakeProcess = {
      cwd,
      killed: false,
      exited,
      crash: () => end({ exitCode: null, signal: "SIGKILL", message: "codex-acp exited (signal SIGKILL)" }),
    };
    const end = (info: ProcessExitInfo) => {
      connection.close();
      void toClient.writable.abort(new Error("agent ended")).catch(() => undefined);
      void toAgent.readable.cancel().catch(() => undefined);
      finish(info);
    };
    this.processes.push(process);
    return {
      stdin: toAgent.writable,
      stdout: toClient.readable,
      exited,
      kill: async () => {
        process.killed = true;
        end({ exitCode: null, signal: "SIGTERM", message: "codex-acp exited (signal SIGTERM)" });
        await exited;
      },
    };
  };

  /** The fake processes still running. */
  get running(): FakeProcess[] {
    return this.processes.filter((p) => !p.killed);
  }

  private app(): acp.AgentApp {
    const modelOptions = [
      { id: "model", name: "Model", category: "model", type: "select" as const, currentValue: "gpt-5.4", options: [] },
    ];
    return acp
      .agent({ name: "fake-codex" })
      .onRequest("initialize", () => ({
        protocolVersion: acp.PROTOCOL_VERSION,
        agentCapabilities: { loadSession: true, sessionCapabilities: { close: {} } },
      }))
      .onRequest("session/new", ({ params }) => {
        this.sessionCount += 1;
        const sessionId = `fake-session-${this.sessionCount}`;
        this.newSessions.push({ sessionId, cwd: params.cwd, mcpServers: params.mcpServers });
        return { sessionId, configOptions: modelOptions, ...(this.script.modes ? { modes: this.script.modes } : {}) };
      })
      .onRequest("session/load", async ({ params, client }) => {
        const send = (update: SessionUpdate) =>
          client.notify("session/update", { sessionId: params.sessionId, update });
        if (this.script.load) await this.script.load(params.sessionId, send);
        return { configOptions: modelOptions, ...(this.script.modes ? { modes: this.script.modes } : {}) };
      })
      .onRequest("session/set_mode", ({ params }) => {
        this.setModes.push({ sessionId: params.sessionId, modeId: params.modeId });
        return {};
      })
      .onRequest("session/close", ({ params }) => {
        this.closedSessions.push(params.sessionId);
        return {};
      })
      .onNotification("session/cancel", ({ params }) => {
        this.cancels.push(params.sessionId);
        for (const wake of this.cancelWaiters.get(params.sessionId) ?? []) wake();
        this.cancelWaiters.delete(params.sessionId);
      })
      .onRequest("session/prompt", async ({ params, client }) => {
        const sessionId = params.sessionId;
        const text = params.prompt.map((block) => (block.type === "text" ? block.text : "")).join("");
        const cancelled = new Promise<void>((resolve) => {
          this.cancelWaiters.set(sessionId, [...(this.cancelWaiters.get(sessionId) ?? []), resolve]);
        });
        const context: PromptContext = {
          sessionId,
          text,
          cancelled,
          send: (update) => client.notify("session/update", { sessionId, update }),
          requestPermission: (request) => client.request("session/request_permission", { ...request, sessionId }),
        };
        return this.script.prompt ? this.script.prompt(context) : { stopReason: "end_turn" };
      });
  }
}
