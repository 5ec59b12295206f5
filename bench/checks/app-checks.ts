// The checks that go through our whole app (server + providers + client in Chromium): declared with their
// thresholds now, skipped with the reason until the app lands and bench/app wires them (see bench/README.md).
import { appUnavailable } from "../app/app-status.js";
import { type Check, SkipError, type Threshold, type Unit } from "../lib/check.js";
import type { BenchCli } from "../lib/sandbox.js";

interface AppCheckSpec {
  name: string;
  measures: string;
  unit?: Unit;
  n?: { default: number; quick: number };
  threshold: Threshold;
  level?: "threshold" | "target";
  /** What still has to be written in bench/app for this check (shown as the skip reason once the app exists). */
  wiring: string;
}

/** A declared app check: skipped while the app is missing, then until `wiring` is done. */
function appCheck(spec: AppCheckSpec): Check {
  return {
    name: spec.name,
    measures: spec.measures,
    unit: spec.unit ?? "ms",
    n: spec.n ?? { default: 10, quick: 2 },
    threshold: spec.threshold,
    level: spec.level ?? "threshold",
    unavailable: (ctx) => appUnavailable(ctx.repoRoot),
    async run() {
      throw new SkipError(`the app is in the tree but this check is not wired yet: ${spec.wiring}`);
    },
  };
}

const CLIS: BenchCli[] = ["claude", "codex"];
const LABEL = { claude: "Claude", codex: "Codex" } as const;

/** Every app-dependent check of issue 8, in the order. */
export const APP_CHECKS: Check[] = [
  appCheck({
    name: "tab-switch-400",
    measures:
      "Tab switch with two open sessions of 400 history items each: click on the other tab → its content visible (liminal:tab-visible).",
    threshold: { kind: "absolute", stat: "p95", op: "<", limit: 50 },
    level: "target",
    wiring: "two 400-item sessions (transcripts on disk), AppDriver.switchTab",
  }),
  ...CLIS.map((cli) =>
    appCheck({
      name: `new-session-composer-${cli}`,
      measures: `${LABEL[cli]}: click on "new session" → the composer accepts input (liminal:composer-ready).`,
      threshold: { kind: "absolute", stat: "p95", op: "<", limit: 2000 },
      level: "target",
      wiring: "AppDriver.newSession",
    }),
  ),
  appCheck({
    name: "concurrent-stream-10",
    measures:
      "10 sessions streaming at once: per-session P95 delta latency (stand-in write → visible) vs one session streaming alone, alternating.",
    threshold: { kind: "ratio", stats: ["p95"], max: 1.2 },
    level: "target",
    wiring: "10 app StreamPipelines in one page (tabs) or ten pages, turns started together",
  }),
  appCheck({
    name: "history-2000",
    measures: "Open a session with a 2,000-item history → its last item visible in the page.",
    threshold: { kind: "absolute", stat: "p95", op: "<", limit: 500 },
    level: "target",
    wiring: "a 2,000-item transcript on disk, AppDriver.openSession",
  }),
];
