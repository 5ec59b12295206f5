// The slash commands of a session (issue "The composer and session control" §3): asked of its live CLI, else the last
// list known this run.
import type { CliType, SlashCommandInfo } from "../../shared/contracts/index.js";
import type { Logger } from "../../shared/util/index.js";
import type { CliProvider } from "../providers/index.js";
import type { SessionCommandsChange } from "./service-events.js";

/** What the command lists need from the service. */
export interface SessionCommandsDeps {
  /** The provider serving the session while its CLI is live, else undefined. */
  liveProvider(sessionId: string): CliProvider | undefined;
  /** The session's CLI and folder (worktree or project), when it has them. */
  placeOf(sessionId: string): { cliType: CliType; folder: string } | undefined;
  /** Subscribes to the CLIs' list changes; returns the remover. */
  onChanged(listener: (change: SessionCommandsChange) => void): () => void;
  logger: Logger;
}

/**
 * `GET /api/session/:id/commands` / `session:commands`. A live session's list comes from its CLI
 * (`CliProvider.listCommands`: Claude Code `supportedCommands()`, Codex's last `available_commands_update`).
 *
 * Decision: a session whose CLI is not live (sleeping, dead, from disk or an earlier run) is NOT woken for a list:
 * starting a CLI costs seconds and memory, and the next message wakes it anyway. It is answered from the last list
 * its CLI gave this run, else from the last list a session of the same CLI in the same folder gave (commands come
 * from the CLI, its config and the folder's `.claude/commands` etc., so they are the same there), else `[]`. Once
 * the CLI is live again the browser's next ask gets its real list, and a change it announces is pushed
 * (`session:commands` without `requestId`, see ws-handler.ts).
 */
export class SessionCommands {
  private readonly bySession = new Map<string, SlashCommandInfo[]>();
  private readonly byPlace = new Map<string, SlashCommandInfo[]>();
  private readonly stop: () => void;

  constructor(private readonly deps: SessionCommandsDeps) {
    this.stop = deps.onChanged(({ sessionId, commands }) => this.remember(sessionId, commands));
  }

  /**
   * The session's commands in the CLI's order (see the class for a session that is not live). A live CLI that fails
   * to answer is logged and answered like a session that is not live.
   */
  async list(sessionId: string): Promise<SlashCommandInfo[]> {
    const provider = this.deps.liveProvider(sessionId);
    if (provider?.listCommands) {
      try {
        const commands = await provider.listCommands(sessionId);
        this.remember(sessionId, commands);
        return commands;
      } catch (error) {
        this.deps.logger.warn("Listing a session's commands failed", { sessionId, error: String(error) });
      }
    }
    const place = this.placeKey(sessionId);
    return this.bySession.get(sessionId) ?? (place ? this.byPlace.get(place) : undefined) ?? [];
  }

  /** Stops following the CLIs' changes (server shutdown). */
  close(): void {
    this.stop();
  }

  private remember(sessionId: string, commands: SlashCommandInfo[]): void {
    this.bySession.set(sessionId, commands);
    const place = this.placeKey(sessionId);
    if (place) this.byPlace.set(place, commands);
  }

  private placeKey(sessionId: string): string | undefined {
    const place = this.deps.placeOf(sessionId);
    return place ? `${place.cliType}\n${place.folder}` : undefined;
  }
}
