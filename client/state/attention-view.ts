// What the attention inbox, the page title and the favicon say (issue 17 §1–2), as plain values.
import type { PermissionRequest } from "../../shared/contracts/index.js";
import type { AttentionEntry, AttentionKind } from "./attention.js";
import { permissionTool } from "./permission-view.js";
import { shellCommand, toolLabel, toolSubject } from "./tool-view.js";

/** What each kind says in the inbox row. */
export const ATTENTION_WORDS: Record<AttentionKind, string> = {
  approval: "Waiting for your approval",
  failed: "Turn failed",
  finished: "Finished",
};

/** An approval in a line: the tool's label and what it is about (the command, else the file or pattern). */
export function approvalSummary(request: PermissionRequest): string {
  const tool = permissionTool(request);
  const subject = shellCommand(tool) ?? toolSubject(tool);
  const label = toolLabel(tool);
  return subject && !label.includes(subject) ? `${label}: ${subject}` : label;
}

/** The inbox row's second line: what happened (a failure's words, how many approvals wait). */
export function entryDetail(entry: AttentionEntry): string {
  if (entry.kind === "approval")
    return entry.approvals.length > 1 ? `${entry.approvals.length} approvals waiting` : ATTENTION_WORDS.approval;
  if (entry.kind === "failed") return entry.turn?.errorMessage || ATTENTION_WORDS.failed;
  return entry.turn?.outcome === "cancelled" ? "Stopped" : ATTENTION_WORDS.finished;
}

/** The page title with the count of sessions needing attention in front: `(2) Liminal Builder`. */
export function pageTitle(base: string, count: number): string {
  return count > 0 ? `(${count}) ${base}` : base;
}

/**
 * The favicon as an SVG data URL: the app's half-disc mark, with a red badge holding the count (`9+` above nine)
 * when `count > 0`.
 */
export function faviconUrl(count: number): string {
  const mark =
    '<circle cx="14" cy="18" r="11" fill="none" stroke="#4a63e7" stroke-width="3"/>' +
    '<path d="M14 7a11 11 0 0 1 0 22z" fill="#4a63e7"/>';
  const text = count > 9 ? "9+" : String(count);
  const badge =
    count > 0
      ? `<circle cx="23" cy="9" r="9" fill="#c93232"/><text x="23" y="13" font-size="${text.length > 1 ? 10 : 12}" ` +
        `font-family="Arial,sans-serif" font-weight="bold" text-anchor="middle" fill="#fff">${text}</text>`
      : "";
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">${mark}${badge}</svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}
