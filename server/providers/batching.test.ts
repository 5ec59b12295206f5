// The batching rule of CONTRACTS.md section 4, driven with a fake clock.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type BatchEmission, ItemBatcher } from "./batching.js";

/** `n` whitespace-separated tokens, each followed by a space. */
function words(n: number, prefix = "w"): string {
  return Array.from({ length: n }, (_, i) => `${prefix}${i} `).join("");
}

function setup(options: ConstructorParameters<typeof ItemBatcher>[1] = {}) {
  const emissions: BatchEmission[] = [];
  const batcher = new ItemBatcher((e) => emissions.push(e), options);
  return { emissions, batcher, statuses: () => emissions.map((e) => e.status) };
}

describe("ItemBatcher", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("emits create with the first visible content, not before", () => {
    const { batcher, emissions } = setup();
    batcher.append("  ");
    expect(emissions).toHaveLength(0);
    batcher.append("Hi");
    expect(emissions).toEqual([expect.objectContaining({ status: "create", content: "  Hi" })]);
  });

  it("does not update when pending tokens equal the threshold, and does when they exceed it", () => {
    const { batcher, statuses, emissions } = setup({ timeCapMs: 0 });
    batcher.append("start ");
    batcher.append(words(10));
    expect(statuses()).toEqual(["create"]);
    batcher.append("eleven ");
    expect(statuses()).toEqual(["create", "update"]);
    expect(emissions[1]?.content).toBe(`start ${words(10)}eleven `);
  });

  it("walks the gradient 10, 20, 40, 80, 120 one threshold at a time", () => {
    const { batcher, statuses } = setup({ timeCapMs: 0 });
    batcher.append("start ");
    const updatesAfter: number[] = [];
    let total = 0;
    for (let i = 0; i < 400; i++) {
      batcher.append(`t${i} `);
      total++;
      if (statuses().length - 1 > updatesAfter.length) {
        updatesAfter.push(total);
        total = 0;
      }
    }
    expect(updatesAfter.slice(0, 5)).toEqual([11, 21, 41, 81, 121]);
  });

  it("gives one emission for a delta crossing several thresholds and advances past all of them", () => {
    const { batcher, statuses } = setup({ timeCapMs: 0 });
    batcher.append("start ");
    batcher.append(words(50));
    expect(statuses()).toEqual(["create", "update"]);
    // 10, 20 and 40 were crossed: the next update needs more than 80 pending tokens.
    batcher.append(words(80, "x"));
    expect(statuses()).toEqual(["create", "update"]);
    batcher.append("one-more ");
    expect(statuses()).toEqual(["create", "update", "update"]);
  });

  it("repeats the last threshold once the gradient is exhausted", () => {
    const { batcher, statuses } = setup({ timeCapMs: 0, gradient: [2, 3] });
    batcher.append("start ");
    batcher.append(words(3)); // > 2
    batcher.append(words(4)); // > 3
    batcher.append(words(3)); // = 3: nothing
    expect(statuses()).toEqual(["create", "update", "update"]);
    batcher.append(words(1)); // 4 > 3
    batcher.append(words(4)); // 4 > 3 again
    expect(statuses()).toEqual(["create", "update", "update", "update", "update"]);
  });

  it("emits pending content once the time cap passes, and not before", () => {
    const { batcher, emissions, statuses } = setup({ timeCapMs: 100 });
    batcher.append("Hello ");
    batcher.append("world ");
    vi.advanceTimersByTime(99);
    expect(statuses()).toEqual(["create"]);
    vi.advanceTimersByTime(1);
    expect(statuses()).toEqual(["create", "update"]);
    expect(emissions[1]?.content).toBe("Hello world ");
    vi.advanceTimersByTime(1000);
    expect(statuses()).toEqual(["create", "update"]);
  });

  it("uses the default 50 ms cap when none is configured", () => {
    const { batcher, statuses } = setup();
    batcher.append("a ");
    batcher.append("b ");
    vi.advanceTimersByTime(49);
    expect(statuses()).toEqual(["create"]);
    vi.advanceTimersByTime(1);
    expect(statuses()).toEqual(["create", "update"]);
  });

  it("completes with the full content, replacing it when the final text is given", () => {
    const { batcher, emissions } = setup();
    batcher.append("Hel");
    batcher.append("lo");
    batcher.complete();
    expect(emissions.at(-1)).toMatchObject({ status: "complete", content: "Hello" });
    const second = setup();
    second.batcher.append("Hel");
    second.batcher.complete("Hello there");
    expect(second.emissions.at(-1)).toMatchObject({ status: "complete", content: "Hello there" });
    expect(second.batcher.isTerminal).toBe(true);
  });

  it("emits nothing for an item that never had visible content", () => {
    const { batcher, emissions } = setup();
    batcher.complete();
    const blank = setup();
    blank.batcher.append("   ");
    blank.batcher.complete();
    blank.batcher.append("late");
    expect(emissions).toEqual([]);
    expect(blank.emissions).toEqual([]);
  });

  it("creates before completing when the content appears only at the end", () => {
    const { batcher, statuses } = setup();
    batcher.complete("Final text");
    expect(statuses()).toEqual(["create", "complete"]);
  });

  it("flushes pending content as an error on destroy and never completes afterwards", () => {
    const { batcher, emissions, statuses } = setup();
    batcher.append("partial ");
    batcher.append("answer");
    batcher.destroy("CANCELLED", "The turn was cancelled");
    batcher.complete();
    batcher.append(" more");
    vi.advanceTimersByTime(500);
    expect(statuses()).toEqual(["create", "error"]);
    expect(emissions[1]).toMatchObject({
      content: "partial answer",
      errorCode: "CANCELLED",
      errorMessage: "The turn was cancelled",
    });
  });

  it("reports the time of the latest delta each emission includes", () => {
    const { batcher, emissions } = setup({ timeCapMs: 0 });
    batcher.append("a ", 1_000);
    batcher.append("b ", 2_000);
    batcher.complete(undefined, 3_000);
    expect(emissions.map((e) => e.sourceTime)).toEqual([1_000, 3_000]);
  });
});

describe("ItemBatcher on a long answer", () => {
  it("streams 50,000 one-token deltas in linear time, each update after more than 120 new tokens", () => {
    const emissions: BatchEmission[] = [];
    const batcher = new ItemBatcher((e) => emissions.push(e), { timeCapMs: 0 });
    const started = process.hrtime.bigint();
    for (let i = 0; i < 50_000; i += 1) batcher.append(`w${i % 100} `);
    batcher.complete();
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    // Counting the tokens of the whole content on every delta took 20–28 s on the development machine (each delta
    // copied ~100 KB); the unemitted tail alone takes under 1 s. The bound leaves room for a busy machine.
    expect(elapsedMs).toBeLessThan(5_000);
    const updates = emissions.filter((e) => e.status === "update");
    expect(updates.length).toBeGreaterThan(400);
    const lengths = emissions.map((e) => e.content.split(" ").length - 1);
    expect(lengths.slice(5, -1).every((n, i) => n - (lengths[i + 4] as number) === 121)).toBe(true);
    expect(emissions.at(-1)).toMatchObject({ status: "complete", content: words100(50_000) });
  });
});

/** The long answer's text: `w<i % 100> ` for i < n. */
function words100(n: number): string {
  return Array.from({ length: n }, (_, i) => `w${i % 100} `).join("");
}
