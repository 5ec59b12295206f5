// What an approval card shows: how its request ended, in words and as a state, and the diffs of the proposed change.
import type { PermissionRequest } from "../../shared/contracts/index.js";
import { diffLines } from "./diff.js";
import type { PermissionEntry } from "./items.js";
import { type FileDiff, type ToolLike, toolDiffs } from "./tool-view.js";

/** A card's state: waiting, allowed (once or always), denied, closed without an answer, or answered otherwise. */
export type PermissionCardState = "pending" | "allowed" | "denied" | "closed" | "answered";

/** The state of a card from its request's resolution and the kind of the chosen option (CONTRACTS.md section 5). */
export function permissionCardState(entry: PermissionEntry): PermissionCardState {
  const resolution = entry.resolution;
  if (!resolution) return "pending";
  if (resolution.outcome === "cancelled") return "closed";
  const kind = entry.request.options.find((o) => o.optionId === resolution.optionId)?.kind;
  if (!kind) return "answered";
  return kind.startsWith("allow") ? "allowed" : "denied";
}

/**
 * How the request ended, in words: "Allowed", "Allowed always", "Denied", "Denied always", "Closed without an answer"
 * (the turn ended or was cancelled first), "Answered" (an option the card does not know), or "Waiting for your answer".
 */
export function permissionResultText(entry: PermissionEntry): string {
  const resolution = entry.resolution;
  if (!resolution) return "Waiting for your answer";
  if (resolution.outcome === "cancelled") return "Closed without an answer";
  const option = entry.request.options.find((o) => o.optionId === resolution.optionId);
  switch (option?.kind) {
    case "allow_once":
      return "Allowed";
    case "allow_always":
      return "Allowed always";
    case "reject_once":
      return "Denied";
    case "reject_always":
      return "Denied always";
    default:
      return "Answered";
  }
}

/** The request as a tool call for the tool views (command, arguments). */
export function permissionTool(request: PermissionRequest): ToolLike {
  return {
    toolName: request.toolName,
    toolArguments: request.input,
    ...(request.title ? { title: request.title } : {}),
  };
}

/**
 * The request's own `diff` when the tool's arguments describe no change themselves (they do for Claude Write / Edit
 * and Codex `changes`, which the tool views already show), else `[]`: so each change is shown exactly once.
 */
export function extraPermissionDiffs(request: PermissionRequest): FileDiff[] {
  const diff = request.diff;
  if (!diff || toolDiffs(permissionTool(request)).length > 0) return [];
  return [{ path: diff.path, lines: diffLines(diff.oldText ?? "", diff.newText) }];
}
