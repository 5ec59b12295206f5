// A Codex session's slash commands: the ACP `available_commands_update` session updates codex-acp sends.
import type { AvailableCommand } from "@agentclientprotocol/sdk";
import type { SlashCommandInfo } from "../../../shared/contracts/index.js";
import { Listeners, type Logger } from "../../../shared/util/index.js";

/** How long `list()` waits for the agent's first `available_commands_update` of a new session (ms). */
const FIRST_LIST_WAIT_MS = 5_000;

/**
 * The command list of one Codex session, as codex-acp last announced it (ACP `session/update` with
 * `available_commands_update`, the whole list each time). codex-acp sends the first one right after answering
 * `session/new` / `session/load`, so `list()` waits for it (up to 5 s, then answers empty) when it has not come yet.
 */
export class CodexCommands {
  private current: SlashCommandInfo[] | undefined;
  private readonly changes: Listeners<SlashCommandInfo[]>;
  private readonly firstWaiters = new Set<() => void>();

  constructor(logger: Logger) {
    this.changes = new Listeners("Codex commands", logger);
  }

  /** The last list announced, waiting for the first one (see the class). */
  async list(): Promise<SlashCommandInfo[]> {
    if (this.current) return this.current;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.firstWaiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, FIRST_LIST_WAIT_MS);
      timer.unref();
      this.firstWaiters.add(done);
    });
    return this.current ?? [];
  }

  /** Subscribes to list changes; returns the remover. */
  onChange(listener: (commands: SlashCommandInfo[]) => void): () => void {
    return this.changes.add(listener);
  }

  /** Takes one `available_commands_update` (`availableCommands`); emits when the list differs from the last one. */
  update(available: readonly AvailableCommand[]): void {
    const commands = available.map((c) => ({ name: c.name.replace(/^\//, ""), description: c.description ?? "" }));
    const changed = JSON.stringify(commands) !== JSON.stringify(this.current);
    this.current = commands;
    for (const waiter of [...this.firstWaiters]) waiter();
    if (changed) this.changes.emit(commands);
  }
}
