// Baseline of issue 8 check 2: a bare ACP client opening an existing Codex session with codex-acp `session/load`.
import type * as acp from "@agentclientprotocol/sdk";
import type { CodexHistory } from "../fixtures/make-codex-history.js";
import { initializeAgent, startAcpAgent } from "../lib/acp-agent.js";
import { codexAcpBinary } from "../lib/binaries.js";
import { codexEnv } from "../lib/cli-env.js";
import { endProcessesWithHome } from "../lib/orphans.js";
import { epochNow } from "../lib/timing.js";

/** One load sample; every time is ms since the spawn of codex-acp. */
export interface CodexLoadSample {
  /** Spawn → `session/load` answered (every replayed item has arrived before the answer): the measured value. */
  loadedMs: number;
  /** Spawn → the last replayed `session/update` notification. */
  lastUpdateMs: number;
  /** Spawn → `initialize` answered. */
  initializeMs: number;
  /** `session/load` sent → answered (the load alone, without the process start). */
  loadOnlyMs: number;
  /** Replayed notifications, by `sessionUpdate` kind. */
  replayed: Record<string, number>;
}

/**
 * Spawns the codex-acp binary (own process group; CODEX_HOME, HOME and cwd of `history`), `initialize`, then
 * `session/load { sessionId, cwd, mcpServers: [] }`, counting the replayed `session/update`s until the answer.
 * Ends the process group (SIGTERM, codex-acp ignores stdin close) whatever happens, then whatever it left running in
 * its HOME (its shell snapshot runs in another process group).
 * @throws Error when codex-acp exits, the load fails (e.g. -32002 for an unknown session) or `timeoutMs` passes.
 */
export async function measureCodexLoad(
  repoRoot: string,
  history: CodexHistory,
  options: { env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<CodexLoadSample> {
  const dirs = { home: history.home, codexHome: history.codexHome };
  const start = epochNow();
  const agent = startAcpAgent(codexAcpBinary(repoRoot), [], {
    cwd: history.project,
    env: codexEnv({ ...dirs, claudeConfigDir: "", claudeTmp: "", project: history.project }, options.env),
    clientName: "liminal-bench-codex-load",
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeoutMs = options.timeoutMs ?? 60_000;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`session/load gave no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    const died = agent.process.exited.then(({ code, signal }) => {
      throw new Error(`codex-acp exited (${code ?? signal}): ${agent.process.stderr().slice(-500)}`);
    });
    const run = async (): Promise<CodexLoadSample> => {
      await initializeAgent(agent);
      const initializeMs = epochNow() - start;
      const replayed: Record<string, number> = {};
      let lastUpdateMs = 0;
      const unsubscribe = agent.onUpdate(({ sessionId, update }: acp.SessionNotification) => {
        if (sessionId !== history.sessionId) return;
        replayed[update.sessionUpdate] = (replayed[update.sessionUpdate] ?? 0) + 1;
        lastUpdateMs = epochNow() - start;
      });
      const sent = epochNow();
      await agent.connection.agent.request("session/load", {
        sessionId: history.sessionId,
        cwd: history.project,
        mcpServers: [],
      });
      const loaded = epochNow();
      unsubscribe();
      return { loadedMs: loaded - start, lastUpdateMs, initializeMs, loadOnlyMs: loaded - sent, replayed };
    };
    return await Promise.race([run(), timeout, died]);
  } finally {
    clearTimeout(timer);
    await agent.stop();
    await endProcessesWithHome(history.home);
  }
}
