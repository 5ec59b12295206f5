// Identifier and enumeration schemas shared by every contract (CONTRACTS.md sections 1, 5, 6).
import { z } from "zod";

/** The two CLIs Liminal Builder drives (CONTRACTS.md section 1). */
export const CliTypeSchema = z.enum(["claude-code", "codex"]);
/** `"claude-code"` or `"codex"`. */
export type CliType = z.infer<typeof CliTypeSchema>;
/** Every supported `cliType`, in display order. */
export const CLI_TYPES: readonly CliType[] = CliTypeSchema.options;

const CLI_LABELS: Record<CliType, string> = { "claude-code": "Claude Code", codex: "Codex" };

/** How a CLI is named to the user ("Claude Code", "Codex"); an unknown value is shown as it is. */
export function cliLabel(cliType: string): string {
  return Object.hasOwn(CLI_LABELS, cliType) ? CLI_LABELS[cliType as CliType] : cliType;
}

/** Permission modes a session runs in (CONTRACTS.md section 5): `default` asks before tools act. */
export const PermissionModeSchema = z.enum(["default", "acceptEdits", "plan", "bypassPermissions"]);
/** `default` (ask), `acceptEdits`, `plan`, `bypassPermissions`. */
export type PermissionMode = z.infer<typeof PermissionModeSchema>;

/**
 * Session lifecycle state as the Session API reports it (CONTRACTS.md section 6), plus `sleeping`: the CLI process
 * was closed after the session sat idle (`LIMINAL_IDLE_MINUTES`); the next message resumes it.
 */
export const SessionStateSchema = z.enum(["idle", "starting", "running", "sleeping", "dead"]);
/** `idle`, `starting`, `running`, `sleeping` or `dead`. */
export type SessionState = z.infer<typeof SessionStateSchema>;

/** A non-empty opaque identifier string. */
export const IdSchema = z.string().min(1);

/** An ISO 8601 timestamp (UTC `Z` or with an offset), e.g. `2026-11-21T18:00:00.000Z`. */
export const TimestampSchema = z.iso.datetime({ offset: true });
