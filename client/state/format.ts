// Small text formatters: turn status and usage lines, relative ages, token counts.
import type { Usage } from "../../shared/contracts/index.js";
import { describeError } from "./error-text.js";
import type { PermissionEntry, TurnInfo } from "./items.js";

/** `1234` → `"1,234"` (grouped with commas, independent of the browser's locale). */
export function formatCount(n: number): string {
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** US dollars: `$0.01`, or four decimals below a cent (`$0.0042`). */
function contextText(used: number, size: number | undefined): string {
  if (!size) return `context ${formatCount(used)} tokens`;
  return `context ${formatCount(used)} of ${formatCount(size)} tokens (${Math.round((used / size) * 100)}%)`;
}

export function formatCost(usd: number): string {
  return `$${usd > 0 && usd < 0.01 ? usd.toFixed(4) : usd.toFixed(2)}`;
}

/**
 * `"1,234 in / 56 out tokens"` plus `" · $0.01"` when the cost is known (CONTRACTS.md section 3 `Usage`); a CLI that
 * reports the context window's fill (Codex) gives `"context 12,345 of 258,400 tokens (5%)"` in place of the in/out
 * counts when those are 0, after them otherwise.
 */
export function formatUsage(usage: Usage): string {
  const parts: string[] = [];
  const perTurn = usage.inputTokens > 0 || usage.outputTokens > 0 || usage.contextUsedTokens === undefined;
  if (perTurn) parts.push(`${formatCount(usage.inputTokens)} in / ${formatCount(usage.outputTokens)} out tokens`);
  if (usage.contextUsedTokens !== undefined)
    parts.push(contextText(usage.contextUsedTokens, usage.contextWindowTokens));
  const cached = usage.cacheReadInputTokens ?? 0;
  if (cached > 0) parts.push(`${formatCount(cached)} cached`);
  if (usage.costUsd !== undefined) parts.push(formatCost(usage.costUsd));
  return parts.join(" · ");
}

/**
 * The line at the end of a turn: `"running…"`, `"completed · 1,234 in / 56 out tokens · $0.01"`, `"cancelled"`,
 * or the turn error in words (`"Authentication failed: …"`).
 */
export function turnStatusText(info: TurnInfo): string {
  switch (info.status) {
    case "running":
      return "running…";
    case "error":
      return describeError(info.errorCode ?? "UNKNOWN", info.errorMessage ?? "");
    default:
      return info.usage ? `${info.status} · ${formatUsage(info.usage)}` : info.status;
  }
}

/**
 * The request of `permissions` the user denied (answered with a `reject_once` / `reject_always` option), if any: a
 * turn that then ended `cancelled` ended because of it (codex-acp ends the turn when told not to run a command).
 */
export function deniedRequest(permissions: readonly PermissionEntry[]): PermissionEntry | undefined {
  return permissions.find((entry) => {
    const optionId = entry.resolution?.outcome === "selected" ? entry.resolution.optionId : undefined;
    const kind = entry.request.options.find((option) => option.optionId === optionId)?.kind;
    return kind === "reject_once" || kind === "reject_always";
  });
}

/**
 * The line at the end of a turn given its permission requests: a turn that ended `cancelled` after the user denied
 * one of them says so (`"Stopped: you denied Run touch x"`) instead of a bare "cancelled"; otherwise
 * {@link turnStatusText}.
 */
export function turnEndText(info: TurnInfo, permissions: readonly PermissionEntry[]): string {
  const denied = info.status === "cancelled" ? deniedRequest(permissions) : undefined;
  if (!denied) return turnStatusText(info);
  return `Stopped: you denied ${denied.request.title ?? denied.request.toolName}`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * How long ago `then` was, seen at `now` (both epoch milliseconds): `"just now"`, `"5m ago"`, `"3h ago"`,
 * `"2d ago"`, `"3w ago"`, then a date (`"Mar 3"`, `"Mar 3, 2024"` in another year; UTC). Future times read as now.
 */
export function formatRelative(then: number, now: number): string {
  if (!Number.isFinite(then)) return "";
  const seconds = Math.max(0, (now - then) / 1000);
  if (seconds < 45) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${Math.max(1, minutes)}m ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ago`;
  const days = Math.floor(hours / 24);
  if (days < 7) return `${days}d ago`;
  if (days < 35) return `${Math.floor(days / 7)}w ago`;
  const date = new Date(then);
  const label = `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}`;
  return date.getUTCFullYear() === new Date(now).getUTCFullYear() ? label : `${label}, ${date.getUTCFullYear()}`;
}
