// The registry of every benchmark check, in the order `npm run bench` runs them.
import type { Check } from "../lib/check.js";
import { claudeStartupAcpCheck, codexLoadAcpCheck } from "./baseline-checks.js";
import { claudeStartupCheck } from "./claude-startup.js";
import { codexLoadCheck } from "./codex-load.js";
import { composerPasteCheck } from "./composer-paste.js";
import { concurrentStreamCheck } from "./concurrent-stream.js";
import { crashCheck } from "./crash.js";
import { fileSearchCheck } from "./file-search.js";
import { firstTokenCheck } from "./first-token.js";
import { history2000Check, tabSwitchCheck } from "./history.js";
import { idleSleepRssCheck, wakeFirstTokenCheck } from "./idle-sleep.js";
import { newSessionComposerCheck } from "./new-session.js";
import { notifyLatencyCheck } from "./notify-latency.js";
import { orphansCheck } from "./orphans.js";
import { replayBudgetCheck } from "./replay-budget.js";
import { sessionListCheck } from "./session-list.js";
import { streamLatencyCheck } from "./stream-latency.js";
import { streamLatencyBaselineCheck } from "./stream-latency-baseline.js";
import { terminalFloodCheck, terminalKeystrokeCheck } from "./terminal.js";
import { workspaceChangesCheck, workspaceDiffCheck, worktreeCreateCheck } from "./workspaces.js";

/**
 * Every check. Baselines that need no app come first (they prove the machinery and give absolute numbers), then the
 * app checks of issue 8. To add a check: write a `Check` (bench/lib/check.ts) in bench/checks/ and list it here.
 */
export const CHECKS: Check[] = [
  claudeStartupAcpCheck,
  codexLoadAcpCheck,
  streamLatencyBaselineCheck("claude"),
  streamLatencyBaselineCheck("codex"),
  sessionListCheck,
  claudeStartupCheck,
  codexLoadCheck,
  streamLatencyCheck("claude"),
  streamLatencyCheck("codex"),
  concurrentStreamCheck,
  replayBudgetCheck,
  ...(["claude", "codex"] as const).flatMap((cli) => [20, 50, 100].map((tps) => firstTokenCheck(cli, tps))),
  crashCheck("claude"),
  crashCheck("codex"),
  orphansCheck("claude"),
  orphansCheck("codex"),
  tabSwitchCheck,
  newSessionComposerCheck("claude"),
  newSessionComposerCheck("codex"),
  history2000Check,
  terminalKeystrokeCheck,
  terminalFloodCheck,
  workspaceChangesCheck,
  workspaceDiffCheck,
  worktreeCreateCheck,
  composerPasteCheck,
  fileSearchCheck,
  notifyLatencyCheck,
  idleSleepRssCheck,
  wakeFirstTokenCheck("claude"),
  wakeFirstTokenCheck("codex"),
];

/**
 * The checks named in `only` (all when undefined), in registry order.
 * @throws Error naming any unknown check.
 */
export function selectChecks(only: readonly string[] | undefined, checks: readonly Check[] = CHECKS): Check[] {
  if (!only) return [...checks];
  const unknown = only.filter((name) => !checks.some((check) => check.name === name));
  if (unknown.length > 0) {
    throw new Error(`Unknown check(s): ${unknown.join(", ")} (see npm run bench -- --list)`);
  }
  return checks.filter((check) => only.includes(check.name));
}
