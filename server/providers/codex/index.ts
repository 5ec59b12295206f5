// Entry point of the Codex provider: CodexProvider (codex-acp over ACP), its configuration, its rollouts on disk.
export { CodexProvider, type CodexProviderConfig } from "./codex-provider.js";
export { CodexDiskSessions } from "./disk-sessions.js";
export { type LaunchPlan, launchPlan, resolveCodexExecutable, sandboxAvailable } from "./executable.js";
export { CodexMetadataScanner } from "./metadata-scanner.js";
export { CODEX_MODE_FOR } from "./permissions.js";
export { type CodexRollout, readCodexRollout } from "./rollout.js";
export { resolveCodexHome } from "./session-files.js";
export type { AgentChannel, SpawnAgent } from "./spawn-agent.js";
