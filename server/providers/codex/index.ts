// Entry point of the Codex provider: CodexProvider (codex-acp over ACP) and its configuration.
export { CodexProvider, type CodexProviderConfig } from "./codex-provider.js";
export { type LaunchPlan, launchPlan, resolveCodexExecutable, sandboxAvailable } from "./executable.js";
export { CODEX_MODE_FOR } from "./permissions.js";
export type { AgentChannel, SpawnAgent } from "./spawn-agent.js";
