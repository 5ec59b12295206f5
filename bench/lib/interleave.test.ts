// Unit tests: sides alternate with a rotating order, warm-up rounds are discarded, an error stops the loop.
import { describe, expect, it } from "vitest";
import { interleave } from "./interleave.js";

describe("interleave", () => {
  it("alternates two sides A B, B A, A B and returns each side's results in round order", async () => {
    const calls: string[] = [];
    const side = (name: string) => async (round: number) => {
      calls.push(`${name}${round}`);
      return `${name}${round}`;
    };
    const results = await interleave(3, { a: side("a"), b: side("b") });
    expect(calls).toEqual(["a0", "b0", "b1", "a1", "a2", "b2"]);
    expect(results).toEqual({ a: ["a0", "a1", "a2"], b: ["b0", "b1", "b2"] });
  });

  it("rotates three sides so each goes first once every three rounds", async () => {
    const firsts: string[] = [];
    let last = -1;
    const side = (name: string) => async (round: number) => {
      if (round !== last) firsts.push(name);
      last = round;
      return 0;
    };
    await interleave(3, { a: side("a"), b: side("b"), c: side("c") });
    expect(firsts).toEqual(["a", "b", "c"]);
  });

  it("runs warm-up rounds (numbered below 0) and keeps only the measured ones", async () => {
    const rounds: number[] = [];
    const results = await interleave(
      2,
      {
        a: async (round) => {
          rounds.push(round);
          return round;
        },
      },
      { warmup: 1 },
    );
    expect(rounds).toEqual([-1, 0, 1]);
    expect(results.a).toEqual([0, 1]);
  });

  it("stops at the first side that throws", async () => {
    let bCalls = 0;
    const run = interleave(3, {
      a: async () => {
        throw new Error("boom");
      },
      b: async () => {
        bCalls += 1;
        return 1;
      },
    });
    await expect(run).rejects.toThrow("boom");
    expect(bCalls).toBe(0);
  });
});
