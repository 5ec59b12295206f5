// `npm run bench`: runs the benchmark checks, writes latest.{json,md} (bench/results and the README's table for a full
// run, bench/results/partial otherwise), and with --check gates on them.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CHECKS, selectChecks } from "./checks/index.js";
import { isFullRun, parseArgs, resultsDir } from "./lib/args.js";
import { writeReadmeTable } from "./lib/readme-table.js";
import { collectRunInfo, writeResults } from "./lib/run-info.js";
import { exitCode, newRunId, runChecks, runPendingCleanups } from "./lib/runner.js";
import { renderRunTable } from "./lib/table.js";
import { describeThreshold } from "./lib/threshold.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.list) {
    for (const check of CHECKS) {
      const level = check.level === "target" ? " (target)" : "";
      process.stdout.write(
        `${check.name}  [${describeThreshold(check.threshold, check.unit)}${level}]\n  ${check.measures}\n`,
      );
    }
    return 0;
  }
  const checks = selectChecks(args.only);
  const runId = newRunId();
  const info = collectRunInfo(repoRoot, args.flags);
  process.stderr.write(`bench run ${runId}: ${checks.length} checks${args.quick ? " (quick)" : ""}\n`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: ending this run's processes\n`);
      runPendingCleanups().finally(() => process.exit(130));
    });
  }
  const results = await runChecks(checks, { quick: args.quick, ...(args.n ? { n: args.n } : {}), runId, repoRoot });
  const outDir = path.resolve(repoRoot, resultsDir(args));
  const markdown = writeResults(outDir, info, results);
  process.stdout.write(`${markdown}\n`);
  process.stderr.write(`wrote ${path.relative(repoRoot, outDir)}/latest.json and latest.md\n`);
  if (isFullRun(args)) {
    writeReadmeTable(path.join(repoRoot, "README.md"), renderRunTable(info, results));
    process.stderr.write("wrote the table into README.md\n");
  }
  const code = exitCode(results, { check: args.check, allowSkip: args.allowSkip });
  if (code !== 0) {
    process.stderr.write(
      args.check ? "bench: a threshold failed, a check errored, or a check was skipped\n" : "bench: a check errored\n",
    );
  }
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
