// A bare ACP client over a spawned agent process (codex-acp, claude-agent-acp): the baselines' side of the protocol.
import { Readable, Writable } from "node:stream";
import * as acp from "@agentclientprotocol/sdk";
import { type GroupProcess, spawnGroup } from "./spawn.js";

/** A running ACP agent and the client connection to it. */
export interface AcpAgent {
  process: GroupProcess;
  connection: acp.ClientConnection;
  /** Subscribes to every `session/update` notification; returns the unsubscribe function. */
  onUpdate(listener: (notification: acp.SessionNotification) => void): () => void;
  /** Closes the connection and ends the agent's whole process group (SIGTERM, then SIGKILL). */
  stop(): Promise<void>;
}

/**
 * Spawns `command args` as an ACP agent over stdio in its own process group and connects a client
 * (`@agentclientprotocol/sdk` 2.x `acp.client(...).connect(acp.ndJsonStream(...))`). Permission requests are
 * answered with the first `allow_once` option (or cancelled when there is none). Does not send `initialize`.
 */
export function startAcpAgent(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: Record<string, string>; clientName: string },
): AcpAgent {
  const proc = spawnGroup(command, args, { cwd: options.cwd, env: options.env });
  const { stdin, stdout } = proc.child;
  if (!stdin || !stdout) throw new Error(`${command} has no stdio`);
  const listeners = new Set<(notification: acp.SessionNotification) => void>();
  const connection = acp
    .client({ name: options.clientName })
    .onNotification("session/update", ({ params }) => {
      for (const listener of listeners) listener(params);
    })
    .onRequest("session/request_permission", ({ params }) => {
      const allow = params.options.find((option) => option.kind === "allow_once");
      return allow
        ? { outcome: { outcome: "selected", optionId: allow.optionId } }
        : { outcome: { outcome: "cancelled" } };
    })
    .connect(acp.ndJsonStream(Writable.toWeb(stdin), Readable.toWeb(stdout) as ReadableStream<Uint8Array>));
  return {
    process: proc,
    connection,
    onUpdate(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async stop() {
      try {
        connection.close();
      } catch {
        // Already closed.
      }
      await proc.stop();
    },
  };
}

/** `initialize` with the current protocol version and no client capabilities. */
export async function initializeAgent(agent: AcpAgent): Promise<acp.InitializeResponse> {
  return agent.connection.agent.request("initialize", {
    protocolVersion: acp.PROTOCOL_VERSION,
    clientCapabilities: {},
  });
}

/** The text of an `agent_message_chunk` update, or `undefined` for any other update. */
export function agentText(update: acp.SessionUpdate): string | undefined {
  return update.sessionUpdate === "agent_message_chunk" && update.content.type === "text"
    ? update.content.text
    : undefined;
}
