// The seam to sessions found on disk (CLI session files): what the service needs from `SessionDiscovery`.
import type { CliType, UpsertObject } from "../../shared/contracts/index.js";

/**
 * One CLI session found in the CLI's own files (e.g. a Claude transcript or a Codex rollout). `cwd` is the folder
 * the CLI ran in; times are ISO 8601 UTC.
 */
export interface DiscoveredSessionInfo {
  cliType: CliType;
  providerSessionId: string;
  cwd: string;
  title: string;
  lastActiveAt: string;
  createdAt?: string;
}

/**
 * Where sessions the app did not create come from (implemented by `SessionDiscovery` in `./discovery/`; tests pass
 * a fake). Both methods read files only: they never start a CLI.
 */
export interface SessionSource {
  /** Sessions whose `cwd` is the project folder `projectPath` (a real path), any order. */
  list(projectPath: string): Promise<DiscoveredSessionInfo[]>;
  /**
   * The transcript of one session as completed upserts in conversation order, stamped with the app `sessionId`.
   * Rejects (any error) when the transcript cannot be found or read.
   */
  readHistory(cliType: CliType, providerSessionId: string, options: { sessionId: string }): Promise<UpsertObject[]>;
  /** True when sessions of `cliType` can be found here (a provider with a disk facet is registered for it). */
  handles(cliType: string): boolean;
}

/** The app `sessionId` of a session found on disk: `"<cliType>:<providerSessionId>"` (CONTRACTS.md section 1). */
export function diskSessionId(cliType: CliType, providerSessionId: string): string {
  return `${cliType}:${providerSessionId}`;
}

/**
 * Splits a disk `sessionId` at its first `:` into the `cliType` prefix and the `providerSessionId`, or undefined when
 * it has no non-empty parts. The prefix is not checked here; `SessionSource.handles` tells whether it names a
 * CLI whose sessions can be found.
 */
export function parseDiskSessionId(sessionId: string): { cliType: string; providerSessionId: string } | undefined {
  const match = /^([^:]+):(.+)$/.exec(sessionId);
  if (!match?.[1] || !match[2]) return undefined;
  return { cliType: match[1], providerSessionId: match[2] };
}
