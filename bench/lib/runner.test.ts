// Unit tests: how the runner turns checks into results (skip, error, timeout, cleanup) and --check exit codes.
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type Check, type CheckResult, SkipError } from "./check.js";
import { exitCode, runCheck, runChecks } from "./runner.js";

const quiet = { repoRoot: process.cwd(), log: () => undefined, quick: false };

function check(partial: Partial<Check>): Check {
  return {
    name: "sample",
    measures: "a test check",
    unit: "ms",
    n: { default: 5, quick: 2 },
    threshold: { kind: "absolute", stat: "max", op: "<", limit: 100 },
    run: async (ctx) => ({ subject: Array.from({ length: ctx.n }, () => 10) }),
    ...partial,
  };
}

describe("runCheck", () => {
  it("runs n rounds (quick n with --quick), evaluates the samples and records the threshold in words", async () => {
    const full = await runCheck(check({}), { ...quiet, runId: "lbrun-test1" });
    expect(full).toMatchObject({ status: "pass", n: 5, thresholdText: "max < 100 ms", stats: { subject: { n: 5 } } });
    const quick = await runCheck(check({}), { ...quiet, quick: true, runId: "lbrun-test1" });
    expect(quick.stats?.subject?.n).toBe(2);
  });

  it("skips with the reason a check gives when it cannot run, without running it", async () => {
    let ran = false;
    const result = await runCheck(
      check({
        unavailable: () => "codex-acp binary not installed",
        run: async () => {
          ran = true;
          return { subject: [1] };
        },
      }),
      { ...quiet, runId: "lbrun-test2" },
    );
    expect(result).toMatchObject({ status: "skipped", reason: "codex-acp binary not installed" });
    expect(ran).toBe(false);
  });

  it("skips on SkipError, errors on any other throw, and runs the deferred cleanups either way", async () => {
    const cleaned: string[] = [];
    const skipped = await runCheck(
      check({
        run: async (ctx) => {
          ctx.defer(() => cleaned.push("first"));
          ctx.defer(() => cleaned.push("second"));
          throw new SkipError("needs the app");
        },
      }),
      { ...quiet, runId: "lbrun-test3" },
    );
    expect(skipped).toMatchObject({ status: "skipped", reason: "needs the app" });
    expect(cleaned).toEqual(["second", "first"]);
    const errored = await runCheck(
      check({
        run: async () => {
          throw new Error("relay exited (1)");
        },
      }),
      { ...quiet, runId: "lbrun-test3" },
    );
    expect(errored).toMatchObject({ status: "error", reason: "relay exited (1)" });
  });

  it("ends a check that outlives its time limit as an error and removes its temp folders", async () => {
    let folder = "";
    const result = await runCheck(
      check({
        timeoutMs: 50,
        run: (ctx) => {
          folder = ctx.tmpDir("slow");
          return new Promise(() => undefined);
        },
      }),
      { ...quiet, runId: "lbrun-test4" },
    );
    expect(result).toMatchObject({ status: "error", reason: "timed out after 50 ms" });
    expect(folder).toContain("lbrun-test4");
    expect(existsSync(folder)).toBe(false);
  });

  it("gives the check its run marker to put in the environment of what it spawns", async () => {
    let env: Record<string, string> = {};
    await runCheck(
      check({
        run: async (ctx) => {
          env = ctx.markerEnv;
          return { subject: [1] };
        },
      }),
      { ...quiet, runId: "lbrun-test5" },
    );
    expect(env).toEqual({ LIMINAL_BENCH_RUN: "lbrun-test5" });
  });
});

describe("runChecks", () => {
  it("runs checks in order with one run id and records each one's duration", async () => {
    const ids: string[] = [];
    const recording = (name: string) =>
      check({
        name,
        run: async (ctx) => {
          ids.push(`${name}:${ctx.runId}`);
          return { subject: [1] };
        },
      });
    const results = await runChecks([recording("a"), recording("b")], { ...quiet, runId: "lbrun-test6" });
    expect(ids).toEqual(["a:lbrun-test6", "b:lbrun-test6"]);
    expect(results.every((result) => result.durationMs >= 0)).toBe(true);
  });
});

describe("exitCode", () => {
  const base = {
    measures: "",
    unit: "ms",
    threshold: { kind: "report" },
    thresholdText: "",
    n: 1,
    durationMs: 0,
  } as const;
  const of = (status: CheckResult["status"], level: CheckResult["level"] = "threshold"): CheckResult => ({
    ...base,
    name: status,
    status,
    level,
  });

  const check = { check: true, allowSkip: false };

  it("fails --check on a failed threshold or an error, not on a missed target or a report", () => {
    expect(exitCode([of("pass"), of("report"), of("fail", "target")], check)).toBe(0);
    expect(exitCode([of("pass"), of("fail")], check)).toBe(1);
    expect(exitCode([of("error", "target")], { check: true, allowSkip: true })).toBe(1);
  });

  it("treats a skipped check as a failure under --check unless --allow-skip", () => {
    expect(exitCode([of("skipped")], check)).toBe(1);
    expect(exitCode([of("skipped")], { check: true, allowSkip: true })).toBe(0);
  });

  it("without --check fails only when a check errored (the suite itself broke)", () => {
    const plain = { check: false, allowSkip: false };
    expect(exitCode([of("fail"), of("skipped")], plain)).toBe(0);
    expect(exitCode([of("pass"), of("error")], plain)).toBe(1);
  });
});
