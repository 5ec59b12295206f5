// Unit tests: the bench command line.
import { describe, expect, it } from "vitest";
import { parseArgs, resultsDir } from "./args.js";

describe("parseArgs", () => {
  it("reads the flags of npm run bench", () => {
    expect(parseArgs(["--quick", "--check", "--only", "codex-load,stream-latency-codex"])).toMatchObject({
      quick: true,
      check: true,
      allowSkip: false,
      only: ["codex-load", "stream-latency-codex"],
    });
    expect(parseArgs(["--only=a", "--n=3", "--allow-skip"])).toMatchObject({ only: ["a"], n: 3, allowSkip: true });
  });

  it("refuses unknown flags and bad values", () => {
    expect(() => parseArgs(["--quik"])).toThrow("Unknown flag --quik");
    expect(() => parseArgs(["--n", "0"])).toThrow("--n");
    expect(() => parseArgs(["--only"])).toThrow("--only needs a value");
  });

  it("keeps the committed table for full runs: quick, --only and --n runs write to results/partial", () => {
    expect(resultsDir(parseArgs(["--check"]))).toBe("bench/results");
    expect(resultsDir(parseArgs(["--quick"]))).toBe("bench/results/partial");
    expect(resultsDir(parseArgs(["--only", "codex-load"]))).toBe("bench/results/partial");
    expect(resultsDir(parseArgs(["--n", "3"]))).toBe("bench/results/partial");
    expect(resultsDir(parseArgs(["--quick", "--out", "/tmp/x"]))).toBe("/tmp/x");
  });
});
