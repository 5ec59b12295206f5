// The provider registry of a stack: Claude Code and Codex pointed at the local model stand-ins and isolated dirs.
import { buildProviderRegistry } from "../../server/providers/catalog.js";
import type { ProviderRegistry } from "../../server/providers/index.js";
import type { StackDirs } from "./dirs.js";
import type { StackLog } from "./log.js";

/** Any non-empty key: the stand-ins accept every key; Codex sends it as a Bearer token. */
export const LOCAL_API_KEY = "liminal-local-model-key";

/** What `buildStackRegistry` needs besides the folders. */
export interface StackProviderOptions {
  /** `ANTHROPIC_BASE_URL` for Claude Code: the Anthropic stand-in's `url` (no `/v1`). */
  anthropicUrl: string;
  /** Start spare Claude Code processes ahead of sessions (the provider's `warmStart`); default true. */
  claudeWarmStart?: boolean;
  /** Extra environment of every Claude Code process (demo mode: `IS_SANDBOX=1` as root). */
  claudeExtraEnv?: Record<string, string>;
  log: StackLog;
}

/**
 * A `ProviderRegistry` from the provider catalog (server/providers/catalog.ts) holding a `CodexProvider` (CODEX_HOME = `dirs.codexHome`, whose config.toml the caller has
 * written, HOME = `dirs.homeDir`, `LOCAL_MODEL_API_KEY` set) and a `ClaudeCodeProvider` (CLAUDE_CONFIG_DIR, HOME,
 * CLAUDE_CODE_TMPDIR from `dirs`, ANTHROPIC_BASE_URL = the stand-in, no API retries, stderr into the log); both
 * providers log into the stack log.
 */
export function buildStackRegistry(dirs: StackDirs, options: StackProviderOptions): ProviderRegistry {
  return buildProviderRegistry({
    "claude-code": {
      configDir: dirs.claudeConfigDir,
      homeDir: dirs.homeDir,
      tmpDir: dirs.claudeTmpDir,
      baseUrl: options.anthropicUrl,
      apiKey: LOCAL_API_KEY,
      maxRetries: 0,
      warmStart: options.claudeWarmStart ?? true,
      extraEnv: options.claudeExtraEnv ?? {},
      onStderr: (text) => options.log.write("claude", text),
      logger: options.log.logger("claude"),
    },
    codex: {
      codexHome: dirs.codexHome,
      homeDir: dirs.homeDir,
      extraEnv: { LOCAL_MODEL_API_KEY: LOCAL_API_KEY },
      logger: options.log.logger("codex"),
    },
  });
}
