// One session's link to its CLI provider: which provider serves it, the event subscriptions, and liveness.
import type {
  CliType,
  PermissionDecision,
  PermissionRequest,
  SlashCommandInfo,
  TurnEvent,
  UpsertObject,
} from "../../shared/contracts/index.js";
import { cliLabel } from "../../shared/contracts/index.js";
import type { Logger } from "../../shared/util/index.js";
import type { CliProvider, ProcessExitInfo } from "../providers/index.js";
import { ServiceError } from "./types.js";

/** The handlers a session subscribes to its provider's events with (`onUpsert`, `onTurn`, ...; CONTRACTS.md 5). */
export interface ProviderHandlers {
  /** An item was created or updated (`onUpsert`). */
  upsert(upsert: UpsertObject): void;
  /** `turn_started` / `turn_complete` / `turn_error` (`onTurn`). */
  turn(event: TurnEvent): void;
  /** Resolves with the user's decision (see `PendingPermissions.add`). */
  permissionRequest(request: PermissionRequest): Promise<PermissionDecision>;
  /** The CLI process ended (crash, exit, or killed from outside). */
  processExit(info: ProcessExitInfo): void;
  /** The CLI's slash-command list changed (`onCommandsChanged`, when the provider has it). */
  commandsChanged?(commands: SlashCommandInfo[]): void;
}

/**
 * The provider wiring of one app session: the provider is resolved at each start (so a history-only session needs
 * none), its events are subscribed once per CLI session (`attach`) and unsubscribed when it ends (`detach`).
 */
export class ProviderLink {
  private provider: CliProvider | undefined;
  private unsubscribers: (() => void)[] = [];
  private subscribed = false;
  private served = false;

  constructor(
    private readonly sessionId: string,
    private readonly cliType: CliType,
    private readonly resolveProvider: () => CliProvider,
    private readonly logger: Logger,
  ) {}

  /** True from `attach` to `detach`, even when the process went away without `onProcessExit`. */
  get attached(): boolean {
    return this.subscribed;
  }

  /** True once a CLI process served this session during this server run. */
  get servedThisRun(): boolean {
    return this.served;
  }

  /** Resolves the provider of a new CLI session and keeps it as the current one. @throws what the resolver throws. */
  resolve(): CliProvider {
    const provider = this.resolveProvider();
    this.provider = provider;
    return provider;
  }

  /** Subscribes `handlers` to `provider`'s events of this session; the session now counts as served this run. */
  attach(provider: CliProvider, handlers: ProviderHandlers): void {
    this.served = true;
    const id = this.sessionId;
    this.unsubscribers = [
      provider.onUpsert(id, handlers.upsert),
      provider.onTurn(id, handlers.turn),
      provider.onPermissionRequest(id, handlers.permissionRequest),
      provider.onProcessExit(id, handlers.processExit),
    ];
    if (handlers.commandsChanged && provider.onCommandsChanged) {
      this.unsubscribers.push(provider.onCommandsChanged(id, handlers.commandsChanged));
    }
    this.subscribed = true;
  }

  /** Unsubscribes everything (a failing unsubscribe is logged). Idempotent. */
  detach(): void {
    for (const unsubscribe of this.unsubscribers.splice(0)) {
      try {
        unsubscribe();
      } catch (error) {
        this.logger.warn(`Unsubscribing from ${cliLabel(this.cliType)} failed`, { error: String(error) });
      }
    }
    this.subscribed = false;
  }

  /** True while this session's CLI process is up and wired. */
  isAlive(): boolean {
    if (!this.subscribed || !this.provider) return false;
    try {
      return this.provider.isAlive(this.sessionId);
    } catch {
      return false;
    }
  }

  /** The current provider. @throws ServiceError `PROCESS_CRASH` when no CLI session was ever started. */
  live(): CliProvider {
    if (!this.provider) throw new ServiceError("PROCESS_CRASH", `${cliLabel(this.cliType)} is not running`);
    return this.provider;
  }
}
