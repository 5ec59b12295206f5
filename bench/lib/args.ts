// Parses the `npm run bench` command line: --quick, --check, --allow-skip, --only a,b, --n N, --list.

/** The parsed command line. */
export interface BenchArgs {
  /** n = each check's quick count (2), for CI. */
  quick: boolean;
  /** Exit 1 when a threshold fails (or a check is skipped, unless `allowSkip`). */
  check: boolean;
  allowSkip: boolean;
  /** Check names to run (all when undefined). */
  only?: string[];
  /** Overrides every check's n (development). */
  n?: number;
  /** Print the registered checks and exit. */
  list: boolean;
  /** Where latest.json / latest.md go (`--out`); default {@link resultsDir}. */
  outDir?: string;
  /** The flags as given, for the report header. */
  flags: string[];
}

/**
 * Parses `argv` (without node and script). Accepts `--only a,b`, `--only=a,b`, `--n 3`, `--out dir`.
 * @throws Error naming an unknown flag or a missing / invalid value.
 */
export function parseArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = { quick: false, check: false, allowSkip: false, list: false, flags: [...argv] };
  for (let i = 0; i < argv.length; i += 1) {
    const raw = argv[i] as string;
    const [flag, inline] = raw.includes("=")
      ? [raw.slice(0, raw.indexOf("=")), raw.slice(raw.indexOf("=") + 1)]
      : [raw];
    const value = (): string => {
      const next = inline ?? argv[++i];
      if (next === undefined || next === "") throw new Error(`${flag} needs a value`);
      return next;
    };
    if (flag === "--quick") args.quick = true;
    else if (flag === "--check") args.check = true;
    else if (flag === "--allow-skip") args.allowSkip = true;
    else if (flag === "--list") args.list = true;
    else if (flag === "--only")
      args.only = value()
        .split(",")
        .map((name) => name.trim())
        .filter(Boolean);
    else if (flag === "--out") args.outDir = value();
    else if (flag === "--n") {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) throw new Error(`--n must be a whole number ≥ 1`);
      args.n = n;
    } else
      throw new Error(`Unknown flag ${raw} (known: --quick --check --allow-skip --only a,b --n N --out dir --list)`);
  }
  return args;
}

/**
 * True for a full run (every check at its own n: no `--quick`, `--only` or `--n`) that writes to the default folder:
 * the run whose table git keeps in bench/results and the README shows.
 */
export function isFullRun(args: Pick<BenchArgs, "outDir" | "quick" | "only" | "n">): boolean {
  return args.outDir === undefined && !args.quick && args.only === undefined && args.n === undefined;
}

/**
 * Where a run writes latest.json / latest.md, relative to the repository: `--out` when given; `bench/results` for a
 * full run ({@link isFullRun}); `bench/results/partial` (git-ignored) for `--quick`, `--only` or `--n`, so a CI or
 * development run never overwrites the release table.
 */
export function resultsDir(args: Pick<BenchArgs, "outDir" | "quick" | "only" | "n">): string {
  if (args.outDir !== undefined) return args.outDir;
  return isFullRun(args) ? "bench/results" : "bench/results/partial";
}
