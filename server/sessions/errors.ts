// Maps provider failures to the service's ServiceError codes and the words a user sees (CONTRACTS.md sections 5, 8).
import { type CliType, cliLabel } from "../../shared/contracts/index.js";
import { ProviderError } from "../providers/index.js";
import { ServiceError } from "./types.js";

function causeText(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause;
    if (cause instanceof Error && cause.message && !error.message.includes(cause.message)) {
      return `${error.message}: ${cause.message}`;
    }
    return error.message || error.name;
  }
  return String(error);
}

/**
 * A failure to start or resume a CLI session as a ServiceError:
 * `UNSUPPORTED_CLI_TYPE` stays; `SESSION_NOT_FOUND` (the CLI does not know the resume id) stays, with the id named;
 * everything else becomes `SESSION_CREATE_FAILED` "Could not start Codex: <cause>" / "Could not start Claude Code: …".
 */
export function startError(error: unknown, cliType: CliType, providerSessionId?: string): ServiceError {
  if (error instanceof ServiceError) return error;
  if (error instanceof ProviderError && error.code === "UNSUPPORTED_CLI_TYPE") {
    return new ServiceError("UNSUPPORTED_CLI_TYPE", error.message, { cause: error });
  }
  if (error instanceof ProviderError && error.code === "SESSION_NOT_FOUND" && providerSessionId) {
    return new ServiceError(
      "SESSION_NOT_FOUND",
      `${cliLabel(cliType)} could not find session ${providerSessionId} to resume: ${causeText(error)}`,
      { cause: error },
    );
  }
  const text = causeText(error);
  const prefix = `Could not start ${cliLabel(cliType)}`;
  return new ServiceError("SESSION_CREATE_FAILED", text.startsWith(prefix) ? text : `${prefix}: ${text}`, {
    cause: error,
  });
}

/**
 * A failure of a call on a live session (send, cancel, kill, mode) as a ServiceError: ProviderError
 * `SESSION_NOT_FOUND`, `TURN_IN_PROGRESS`, `PROCESS_CRASH`, `UNSUPPORTED_CLI_TYPE` keep their code,
 * `SESSION_CREATE_FAILED` keeps it with the "Could not start …" wording; anything else is `INTERNAL_ERROR`.
 */
export function callError(error: unknown, cliType: CliType): ServiceError {
  if (error instanceof ServiceError) return error;
  if (error instanceof ProviderError) {
    switch (error.code) {
      case "SESSION_NOT_FOUND":
      case "TURN_IN_PROGRESS":
      case "UNSUPPORTED_CLI_TYPE":
        return new ServiceError(error.code, error.message, { cause: error });
      case "PROCESS_CRASH":
        return new ServiceError("PROCESS_CRASH", `${cliLabel(cliType)} is not running: ${causeText(error)}`, {
          cause: error,
        });
      case "SESSION_CREATE_FAILED":
        return startError(error, cliType);
      default:
        return new ServiceError("INTERNAL_ERROR", `${cliLabel(cliType)}: ${causeText(error)}`, { cause: error });
    }
  }
  return new ServiceError("INTERNAL_ERROR", `${cliLabel(cliType)}: ${causeText(error)}`, { cause: error });
}
