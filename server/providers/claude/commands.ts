// A Claude Code session's slash commands: SDK `Query.supportedCommands()` and the `system` messages that change them.
import type { Query, SDKMessage, SlashCommand } from "@anthropic-ai/claude-agent-sdk";
import type { SlashCommandInfo } from "../../../shared/contracts/index.js";
import { Listeners, type Logger, withTimeout } from "../../../shared/util/index.js";
import { ProviderError } from "../provider-error.js";

/** How long `supportedCommands()` may take before the list is given up on (ms). */
const LIST_TIMEOUT_MS = 10_000;

/**
 * The command list of one live Claude Code session. `list()` asks the CLI (`Query.supportedCommands()`: built-ins,
 * the project's and user's `.claude/commands/*.md`, skills, plugins, MCP prompts). Changes come as
 * `system:commands_changed` (the whole new list; the SDK says to replace the cached list with it) and are emitted to
 * `onChange` listeners; a `system:init` whose `slash_commands` names differ from the last list emitted makes it ask
 * `supportedCommands()` again and emit that (init carries names only, no descriptions).
 */
export class ClaudeCommands {
  private readonly changes: Listeners<SlashCommandInfo[]>;
  private lastNames: string | undefined;

  constructor(
    private readonly query: Query,
    private readonly logger: Logger,
  ) {
    this.changes = new Listeners("Claude commands", logger);
  }

  /**
   * The session's commands, in the CLI's order. @throws ProviderError `PROTOCOL_ERROR` when the CLI does not answer
   * within 10 s or refuses.
   */
  async list(): Promise<SlashCommandInfo[]> {
    try {
      const commands = toInfos(await withTimeout(this.query.supportedCommands(), LIST_TIMEOUT_MS, "supportedCommands"));
      this.lastNames = namesOf(commands);
      return commands;
    } catch (error) {
      throw new ProviderError("PROTOCOL_ERROR", `Claude Code did not list its commands: ${String(error)}`, {
        cause: error,
      });
    }
  }

  /** Subscribes to list changes; returns the remover. */
  onChange(listener: (commands: SlashCommandInfo[]) => void): () => void {
    return this.changes.add(listener);
  }

  /** Looks at one SDK message of the session for a change of its commands. */
  apply(message: SDKMessage): void {
    if (message.type !== "system") return;
    if (message.subtype === "commands_changed") {
      const commands = toInfos(message.commands);
      this.lastNames = namesOf(commands);
      this.changes.emit(commands);
    } else if (message.subtype === "init" && this.lastNames !== undefined) {
      if ([...message.slash_commands].sort().join("\n") === this.lastNames) return;
      void this.list().then(
        (commands) => this.changes.emit(commands),
        (error: unknown) => this.logger.warn("Re-reading Claude Code's commands failed", { error: String(error) }),
      );
    }
  }
}

/** `SlashCommand` (SDK) → `{ name, description }`, first row of a name kept (the one `/name` runs, builtin first). */
export function toInfos(commands: readonly SlashCommand[]): SlashCommandInfo[] {
  const byName = new Map<string, SlashCommandInfo & { builtin: boolean }>();
  for (const command of commands) {
    const name = command.name.replace(/^\//, "");
    if (!name) continue;
    const existing = byName.get(name);
    if (existing && (existing.builtin || !command.builtin)) continue;
    byName.set(name, { name, description: command.description ?? "", builtin: command.builtin === true });
  }
  return [...byName.values()].map(({ name, description }) => ({ name, description }));
}

function namesOf(commands: readonly SlashCommandInfo[]): string {
  return commands
    .map((c) => c.name)
    .sort()
    .join("\n");
}
