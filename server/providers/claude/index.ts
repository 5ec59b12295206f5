// Entry point of the Claude Code provider: the provider, its configuration, and the transcript reader.
export { ClaudeCodeProvider } from "./claude-provider.js";
export { buildClaudeEnv, type ClaudeProviderConfig, resolveClaudeConfigDir } from "./environment.js";
export { CLAUDE_PERMISSION_OPTIONS } from "./permissions.js";
export { readClaudeTranscript } from "./transcript.js";
export { claudeTranscriptPath } from "./transcript-path.js";
