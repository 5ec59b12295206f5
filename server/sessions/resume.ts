// Resuming a session's CLI by its provider session id, or going on in a fresh one when the CLI never saved it.
import type { CliType, PermissionMode, UpsertObject } from "../../shared/contracts/index.js";
import { cliLabel } from "../../shared/contracts/index.js";
import type { Logger } from "../../shared/util/index.js";
import { type CliProvider, isProviderError, type ProviderSession } from "../providers/index.js";
import { restartNoticeUpsert } from "./synthetic-events.js";

/** What `resumeSession` needs to know about the app session besides the provider call's options. */
export interface ResumeContext {
  cliType: CliType;
  /** True once a CLI process served this session during this server run (`ProviderLink.servedThisRun`). */
  servedThisRun: boolean;
  /** True when the conversation already holds items the agent would miss. */
  hasItems: boolean;
  logger: Logger;
  /** Puts the system notice (a `message` upsert, `origin: "system"`) in the session's stream. */
  notice(upsert: UpsertObject): void;
}

/**
 * Resumes the CLI session (`CliProvider.loadSession`). When the CLI does not know it although this server ran it (the
 * process died before it saved the conversation, e.g. Claude Code killed during its first turn, before its transcript
 * was written, or a session that slept before its first message), there is nothing to resume: the session goes on in
 * a fresh CLI session (`createSession`), and — when the conversation holds anything — a system message says the agent
 * will not see what came before. Resolves with the provider session and its history (empty for a fresh one).
 * @throws whatever `loadSession` throws otherwise (and `createSession`'s errors in the fallback).
 */
export async function resumeSession(
  provider: CliProvider,
  providerSessionId: string,
  options: { sessionId: string; projectDir: string; permissionMode: PermissionMode },
  context: ResumeContext,
): Promise<ProviderSession & { history: UpsertObject[] }> {
  try {
    return await provider.loadSession(providerSessionId, options);
  } catch (error) {
    if (!context.servedThisRun || !isProviderError(error, "SESSION_NOT_FOUND")) throw error;
    const created = await provider.createSession(options);
    const cli = cliLabel(context.cliType);
    context.logger.warn(`${cli} had not saved session ${providerSessionId}; continuing in a new CLI session`, {
      sessionId: options.sessionId,
      providerSessionId: created.providerSessionId,
    });
    if (context.hasItems) {
      context.notice(
        restartNoticeUpsert({ sessionId: options.sessionId, providerSessionId: created.providerSessionId, cli }),
      );
    }
    return { ...created, history: [] };
  }
}
