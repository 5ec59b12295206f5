// Permission modes in words: the labels of the mode pickers and the short badge of a session (CONTRACTS.md section 5).
import type { PermissionMode } from "../../shared/contracts/index.js";

/** Every mode with its picker label, in picker order (`default` first: the agent asks before it acts). */
export const PERMISSION_MODES: readonly { mode: PermissionMode; label: string; short: string }[] = [
  { mode: "default", label: "Ask before acting (default)", short: "Ask" },
  { mode: "acceptEdits", label: "Accept edits", short: "Accept edits" },
  { mode: "plan", label: "Plan only", short: "Plan" },
  { mode: "bypassPermissions", label: "Bypass permissions", short: "Bypass" },
];

/** The short name of a mode for badges ("Ask", "Accept edits", "Plan", "Bypass"); an absent mode is `default`. */
export function permissionModeShort(mode: PermissionMode | undefined): string {
  return PERMISSION_MODES.find((m) => m.mode === (mode ?? "default"))?.short ?? String(mode);
}
