// App checks declared with their thresholds but not wired yet: reported as skipped with what they still need.
import { appUnavailable } from "../app/app-status.js";
import { type Check, SkipError, type Threshold, type Unit } from "../lib/check.js";

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

/** The app checks of issue 8 that are not wired yet. */
export const APP_CHECKS: Check[] = [
  appCheck({
    name: "concurrent-stream-10",
    measures:
      "10 sessions streaming at once: per-session P95 delta latency (stand-in write → visible) vs one session streaming alone, alternating.",
    threshold: { kind: "ratio", stats: ["p95"], max: 1.2 },
    level: "target",
    wiring:
      "10 app StreamPipelines (bench/app/app-stream.ts, needs the client's liminal:visible marks) with turns started together via the REST send route",
  }),
];
