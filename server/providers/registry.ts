// ProviderRegistry: resolves the provider for a cliType (CONTRACTS.md section 5).
import { type CliType, CliTypeSchema } from "../../shared/contracts/index.js";
import type { DiskSessions } from "./disk-sessions.js";
import type { CliProvider } from "./provider.js";
import { ProviderError } from "./provider-error.js";

/** Holds one provider per `cliType`. */
export class ProviderRegistry {
  private readonly providers = new Map<CliType, CliProvider>();

  /** Registers `provider` under its `cliType`, replacing any earlier one. */
  register(provider: CliProvider): void {
    this.providers.set(provider.cliType, provider);
  }

  /**
   * The provider for `cliType`.
   * @throws ProviderError `UNSUPPORTED_CLI_TYPE` for any value that is not a supported, registered `cliType`.
   */
  resolve(cliType: string): CliProvider {
    const parsed = CliTypeSchema.safeParse(cliType);
    const provider = parsed.success ? this.providers.get(parsed.data) : undefined;
    if (!provider) {
      throw new ProviderError(
        "UNSUPPORTED_CLI_TYPE",
        `Unsupported CLI type "${cliType}": expected one of ${[...this.providers.keys()].join(", ") || "(none registered)"}`,
      );
    }
    return provider;
  }

  /** Every registered provider. */
  all(): CliProvider[] {
    return [...this.providers.values()];
  }

  /** The disk facet of every registered provider that has one (`CliProvider.diskSessions`), for session discovery. */
  diskSessions(): DiskSessions[] {
    return this.all().flatMap((provider) => (provider.diskSessions ? [provider.diskSessions] : []));
  }

  /** Ends every provider's processes (server shutdown). */
  async disposeAll(): Promise<void> {
    await Promise.allSettled(this.all().map((provider) => provider.dispose()));
  }
}
