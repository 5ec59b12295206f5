// Baseline of issue 8 check 1(c): the pre-epic path, Claude Code through claude-agent-acp driven by a bare ACP client.

import { agentText, initializeAgent, startAcpAgent } from "../lib/acp-agent.js";
import { claudeAcpEntry } from "../lib/binaries.js";
import { claudeEnv, type IsolatedDirs } from "../lib/cli-env.js";
import { endProcessesWithHome } from "../lib/orphans.js";
import { epochNow } from "../lib/timing.js";

/** One start-up sample of the ACP path; every time is ms since the spawn. */
export interface AcpStartupSample {
  /** Spawn → first `agent_message_chunk` with text received by the client (the measured value). */
  firstTokenMs: number;
  /** Spawn → `initialize` answered. */
  initializeMs: number;
  /** Spawn → `session/new` answered. */
  sessionNewMs: number;
  /** Spawn → `session/prompt` answered (the turn ended). */
  turnEndMs: number;
}

/** Options of {@link measureClaudeAcpStartup}. */
export interface ClaudeAcpOptions {
  repoRoot: string;
  /** The Anthropic stand-in's URL (`AnthropicServer.url`). */
  baseUrl: string;
  /** Isolated folders (the session runs in `dirs.project`). */
  dirs: IsolatedDirs;
  /** Added to the environment (the bench run marker). */
  env?: Record<string, string>;
  /** The first message; default "Say hello. scenario:text". */
  prompt?: string;
  /** Give up after this long; default 60 s. */
  timeoutMs?: number;
}

/**
 * Measures one "new session → first agent text" of the pre-epic path: spawns `node claude-agent-acp` (its own
 * process group, environment of CLI-NOTES.md against the stand-in), `initialize`, `session/new { cwd }`,
 * `session/prompt`, and times the first `agent_message_chunk` from the spawn. Waits for the turn to end, then ends
 * the whole process group whatever happens (and anything left running in its HOME).
 * @throws Error when the adapter is not installed, a request fails, or `timeoutMs` passes.
 */
export async function measureClaudeAcpStartup(options: ClaudeAcpOptions): Promise<AcpStartupSample> {
  const entry = claudeAcpEntry(options.repoRoot);
  if (!entry) throw new Error("@zed-industries/claude-agent-acp is not installed");
  const env = claudeEnv(options.baseUrl, options.dirs, options.env);
  const start = epochNow();
  const agent = startAcpAgent(process.execPath, [entry], {
    cwd: options.dirs.project,
    env,
    clientName: "liminal-bench-claude-acp",
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeoutMs = options.timeoutMs ?? 60_000;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(`claude-agent-acp gave no answer within ${timeoutMs} ms: ${agent.process.stderr().slice(-500)}`),
          ),
        timeoutMs,
      );
    });
    const died = agent.process.exited.then(({ code, signal }) => {
      throw new Error(`claude-agent-acp exited (${code ?? signal}): ${agent.process.stderr().slice(-500)}`);
    });
    const run = async (): Promise<AcpStartupSample> => {
      await initializeAgent(agent);
      const initializeMs = epochNow() - start;
      const session = await agent.connection.agent.request("session/new", {
        cwd: options.dirs.project,
        mcpServers: [],
      });
      const sessionNewMs = epochNow() - start;
      let firstTokenMs: number | undefined;
      const unsubscribe = agent.onUpdate(({ sessionId, update }) => {
        if (firstTokenMs === undefined && sessionId === session.sessionId && agentText(update)) {
          firstTokenMs = epochNow() - start;
        }
      });
      const response = await agent.connection.agent.request("session/prompt", {
        sessionId: session.sessionId,
        prompt: [{ type: "text", text: options.prompt ?? "Say hello. scenario:text" }],
      });
      unsubscribe();
      const turnEndMs = epochNow() - start;
      if (firstTokenMs === undefined) {
        throw new Error(
          `the turn ended (${response.stopReason}) without agent text: ${agent.process.stderr().slice(-500)}`,
        );
      }
      return { firstTokenMs, initializeMs, sessionNewMs, turnEndMs };
    };
    return await Promise.race([run(), timeout, died]);
  } finally {
    clearTimeout(timer);
    await agent.stop();
    await endProcessesWithHome(options.dirs.home);
  }
}
