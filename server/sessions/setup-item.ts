// The item that shows a worktree's setup command in its session: a `tool_call` (kind `execute`) the service makes.
import type { ToolCallUpsert } from "../../shared/contracts/index.js";
import type { SetupResult } from "../workspaces/index.js";

/** The `errorCode` of a setup command that failed (non-zero exit, signal, or could not start). */
export const SETUP_FAILED = "SETUP_FAILED";

/**
 * The upserts of one setup run (CONTRACTS.md section 2): turn `${sessionId}:setup`, itemId `${turnId}:command`,
 * `toolName` "Setup", `kind` "execute", `toolArguments { command }`, title `Setup: <command>`. `started()` is the
 * `create`, `output(text)` an `update` with the output so far, `ended(result)` `complete` (exit 0) or `error`
 * (`SETUP_FAILED`, saying how it ended) with the output.
 */
export function setupItem(sessionId: string, command: string) {
  const turnId = `${sessionId}:setup`;
  const base = {
    type: "tool_call" as const,
    turnId,
    sessionId,
    itemId: `${turnId}:command`,
    toolName: "Setup",
    callId: `${turnId}:command`,
    toolArguments: { command },
    title: `Setup: ${command}`,
    kind: "execute",
  };
  const at = new Date().toISOString();
  const stamp = () => ({ sourceTimestamp: at, emittedAt: new Date().toISOString() });
  return {
    started: (): ToolCallUpsert => ({ ...base, ...stamp(), status: "create" }),
    output: (output: string): ToolCallUpsert => ({ ...base, ...stamp(), status: "update", toolOutput: output }),
    ended: (result: SetupResult): ToolCallUpsert => {
      if (result.exitCode === 0) return { ...base, ...stamp(), status: "complete", toolOutput: result.output };
      const how = result.startError
        ? `could not start: ${result.startError}`
        : result.signal
          ? `was ended by ${result.signal}`
          : `exited with status ${result.exitCode}`;
      return {
        ...base,
        ...stamp(),
        status: "error",
        toolOutput: result.output,
        toolOutputIsError: true,
        errorCode: SETUP_FAILED,
        errorMessage: `The setup command ${how}; the session can still be used`,
      };
    },
  };
}
