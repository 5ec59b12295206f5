// Test helper: a CodexProvider wired to the in-process fake agent, with ACP update builders and a gate.
import type { SessionUpdate } from "@agentclientprotocol/sdk";
import { afterEach } from "vitest";
import type { TurnEvent, UpsertObject } from "../../../../shared/contracts/index.js";
import { CodexProvider } from "../codex-provider.js";
import { FakeAgent, type FakeAgentScript } from "./fake-agent.js";

/** An ACP text chunk update (`agent_message_chunk`, `agent_thought_chunk` or `user_message_chunk`) carrying `t`. */
export const text = (sessionUpdate: "agent_message_chunk" | "agent_thought_chunk" | "user_message_chunk", t: string) =>
  ({ sessionUpdate, content: { type: "text", text: t } }) as SessionUpdate;
/** ACP `tool_call` of `call_1`: an `execute` tool running `echo hello-from-tool`, in progress. */
export const toolStart: SessionUpdate = {
  sessionUpdate: "tool_call",
  toolCallId: "call_1",
  title: "echo hello-from-tool",
  kind: "execute",
  status: "in_progress",
  rawInput: { command: ["/bin/bash", "-lc", "echo hello-from-tool"], cwd: "/projects/a" },
};
/** ACP `tool_call_update` ending `call_1` as `completed` with its stdout and exit code 0. */
export const toolDone: SessionUpdate = {
  sessionUpdate: "tool_call_update",
  toolCallId: "call_1",
  status: "completed",
  rawOutput: { stdout: "hello-from-tool\n", stderr: "", exit_code: 0, formatted_output: "hello-from-tool\n" },
};
/** The options codex-acp offers in `session/request_permission`: allow once, allow always, reject. */
export const permissionOptions = [
  { optionId: "approved", name: "Yes", kind: "allow_once" as const },
  { optionId: "approved-execpolicy-amendment", name: "Always", kind: "allow_always" as const },
  { optionId: "abort", name: "No", kind: "reject_once" as const },
];

/** A deferred promise, to hold a scripted prompt open until the test lets it go. */
export function gate<T = void>() {
  let open: (value: T) => void = () => undefined;
  const promise = new Promise<T>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

let provider: CodexProvider | undefined;
afterEach(async () => {
  await provider?.dispose();
  provider = undefined;
});

/**
 * A `CodexProvider` on a `FakeAgent` running `script` (no batching wait), disposed after each test, with the upserts
 * and turn events of its sessions recorded.
 */
export async function setup(script: FakeAgentScript = {}, extra: { cancelTimeoutMs?: number } = {}) {
  const fake = new FakeAgent(script);
  provider = new CodexProvider({ spawnAgent: fake.spawn, batching: { timeCapMs: 0 }, ...extra });
  const p = provider;
  const upserts: UpsertObject[] = [];
  const turns: TurnEvent[] = [];
  const ended = new Map<string, (e: TurnEvent) => void>();
  const open = async (sessionId = "app-1", projectDir = "/projects/a") => {
    const session = await p.createSession({ sessionId, projectDir });
    p.onUpsert(sessionId, (u) => upserts.push(u));
    p.onTurn(sessionId, (e) => {
      turns.push(e);
      if (e.type !== "turn_started") ended.get(e.turnId)?.(e);
    });
    return session;
  };
  /** Sends a message and returns its turnId plus a promise of its terminal event. */
  const send = async (message: string, sessionId = "app-1") => {
    const { turnId } = await p.sendMessage(sessionId, message);
    const already = turns.find((e) => e.turnId === turnId && e.type !== "turn_started");
    const end = already ? Promise.resolve(already) : new Promise<TurnEvent>((resolve) => ended.set(turnId, resolve));
    return { turnId, end };
  };
  const finals = () => {
    const byId = new Map<string, UpsertObject>();
    for (const u of upserts) byId.set(u.itemId, u);
    return [...byId.values()];
  };
  return { fake, provider: p, upserts, turns, open, send, finals };
}
