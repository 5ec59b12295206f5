// Entry point of the Claude Code provider: the provider, its configuration, its transcripts on disk and their reader.
export { ClaudeCodeProvider } from "./claude-provider.js";
export { ClaudeDiskSessions } from "./disk-sessions.js";
export { buildClaudeEnv, type ClaudeProviderConfig, resolveClaudeConfigDir } from "./environment.js";
export { ClaudeMetadataScanner } from "./metadata-scanner.js";
export { CLAUDE_PERMISSION_OPTIONS } from "./permissions.js";
export { type ClaudeTranscript, readClaudeTranscript } from "./transcript.js";
export { claudeProjectFolderName, claudeTranscriptPath } from "./transcript-path.js";
