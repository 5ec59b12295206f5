// EventLog replay across ring wrap-around and its byte budget: exactly the messages after afterSeq while held,
// undefined once not.
import { describe, expect, it } from "vitest";
import type { StreamMessage, TurnEvent, UpsertObject } from "../../shared/contracts/index.js";
import { DEFAULT_REPLAY_BUDGET_BYTES, EventLog, MESSAGE_OVERHEAD_BYTES, messageBytes } from "./event-log.js";
import { fakeMessage } from "./testing/fake-provider.js";

const started = (n: number): TurnEvent => ({
  type: "turn_started",
  turnId: `t${n}`,
  sessionId: "s",
  modelId: "m",
  providerId: "codex",
});

describe("EventLog.since", () => {
  it.each([1, 2, 3, 7])("replays exactly what followed any held seq with a ring of %i", (limit) => {
    for (let count = 0; count <= 15; count += 1) {
      const log = new EventLog("s", limit);
      const all = Array.from({ length: count }, (_, i) => log.append(started(i + 1)));
      expect(all.map((m) => m.seq)).toEqual(all.map((_, i) => i + 1));
      for (let after = 0; after <= count + 1; after += 1) {
        const held = after <= count && after >= count - limit;
        expect(log.since(after)).toEqual(held ? all.slice(after) : undefined);
      }
    }
  });

  it("never replays a seq from an earlier server run: it is older than anything this run numbered", () => {
    const earlierRun = new EventLog("s", 100, 1_000);
    const kept = Array.from({ length: 30 }, (_, i) => earlierRun.append(started(i + 1))).at(-1)?.seq ?? 0;
    // The server restarts 10 ms later; the new run numbers from its own, larger base.
    const thisRun = new EventLog("s", 100, 1_000 + 10_000);
    for (let i = 0; i < 5; i += 1) thisRun.append(started(i + 1));
    expect(thisRun.seq).toBe(11_005);
    expect(thisRun.since(kept)).toBeUndefined();
    expect(thisRun.since(11_002)?.map((m) => m.seq)).toEqual([11_003, 11_004, 11_005]);
  });

  it("refuses a limit that is not a positive integer", () => {
    expect(() => new EventLog("s", 0)).toThrow(RangeError);
  });
});

const upsert = (itemId: string, content: string, status: UpsertObject["status"] = "update"): UpsertObject =>
  fakeMessage({ sessionId: "s", turnId: "t1", itemId, content, status });

describe("EventLog replay budget", () => {
  it("keeps the bytes held for replay under the budget while an item's upserts grow", () => {
    const budget = 10_000;
    const log = new EventLog("s", 5_000, 0, budget);
    const all: StreamMessage[] = [];
    for (let k = 1; k <= 100; k += 1) {
      all.push(log.append(upsert("t1:1:0", "x".repeat(500 * k), k === 1 ? "create" : "update")));
      expect(log.heldBytes).toBeLessThanOrEqual(Math.max(budget, messageBytes(all.at(-1) as StreamMessage)));
    }
    // 100 upserts of 500…50,000 characters: about 2.5 MB pushed through a 10 kB ring.
    expect(all.reduce((sum, m) => sum + messageBytes(m), 0)).toBeGreaterThan(100 * budget);
    expect(log.heldCount).toBe(1);
    expect(log.since(99)).toEqual([all[99]]);
    expect(log.since(98)).toBeUndefined();
    expect(log.since(0)).toBeUndefined();
  });

  it("replays exactly what followed any held seq, and nothing once the bytes pushed it out", () => {
    // Messages of 256 + 244 = 500 bytes (the turn events 256): a budget of 2,000 holds the last four or five.
    const log = new EventLog("s", 5_000, 0, 2_000);
    const all: StreamMessage[] = [log.append(started(1))];
    for (let k = 0; k < 12; k += 1) all.push(log.append(upsert(`t1:${k}:0`, "y".repeat(244), "complete")));
    all.push(log.append({ type: "turn_complete", turnId: "t1", sessionId: "s", status: "completed" }));
    const firstHeld = log.seq - log.heldCount + 1;
    expect(log.heldBytes).toBe(all.slice(firstHeld - 1).reduce((sum, m) => sum + messageBytes(m), 0));
    expect(log.heldBytes).toBeLessThanOrEqual(2_000);
    expect(log.heldCount).toBe(4);
    for (let after = 0; after <= log.seq; after += 1) {
      expect(log.since(after)).toEqual(after >= firstHeld - 1 ? all.slice(after) : undefined);
    }
    // Every item is still in the history, whatever left the ring.
    expect(log.page(100).entries).toHaveLength(12);
  });

  it("holds the newest message even when it alone is over the budget", () => {
    const log = new EventLog("s", 5_000, 0, 1_000);
    const small = log.append(upsert("t1:1:0", "a", "create"));
    const big = log.append(upsert("t1:1:0", "b".repeat(5_000)));
    expect(log.since(1)).toEqual([big]);
    expect(log.since(0)).toBeUndefined();
    const next = log.append(upsert("t1:1:0", "c", "complete"));
    expect(log.since(2)).toEqual([next]);
    expect(log.since(1)).toBeUndefined();
    expect(small.seq).toBe(1);
  });

  it("keeps a 50,000-token streamed answer's replay within the default 8 MiB, its final content for history", () => {
    const word = (i: number) => `word${i % 10} `;
    const full = Array.from({ length: 50_000 }, (_, i) => word(i)).join("");
    const log = new EventLog("s");
    // Emissions as the batching rule makes them: after 1 token, then each time the unemitted tokens exceed 10, 20, 40,
    // 80, then 120 forever (CONTRACTS.md section 4).
    const gradient = [10, 20, 40, 80, 120];
    let emitted = 1;
    let step = 0;
    let pushed = messageBytes(log.append(upsert("t1:1:0", full.slice(0, 6), "create")));
    let maxHeld = log.heldBytes;
    while (emitted < 50_000) {
      emitted = Math.min(50_000, emitted + (gradient[Math.min(step, gradient.length - 1)] as number) + 1);
      step += 1;
      pushed += messageBytes(log.append(upsert("t1:1:0", full.slice(0, emitted * 6))));
      maxHeld = Math.max(maxHeld, log.heldBytes);
    }
    log.append(upsert("t1:1:0", full, "complete"));
    expect(pushed).toBeGreaterThan(50 * 1024 * 1024);
    expect(maxHeld).toBeLessThanOrEqual(DEFAULT_REPLAY_BUDGET_BYTES);
    expect(log.since(log.seq - log.heldCount)).toHaveLength(log.heldCount);
    expect(log.since(1)).toBeUndefined();
    expect(log.page(1).entries).toEqual([expect.objectContaining({ content: full, status: "complete" })]);
  });

  it("counts an item's content, a tool call's output and arguments, without serialising", () => {
    const base = messageBytes(log1().append(upsert("t1:1:0", "")));
    expect(messageBytes(log1().append(upsert("t1:1:0", "z".repeat(1_000))))).toBe(base + 1_000);
    const tool = log1().append({
      type: "tool_call",
      sessionId: "s",
      turnId: "t1",
      itemId: "t1:tool:c1",
      callId: "c1",
      toolName: "Write",
      toolArguments: { file_path: "/a", content: "q".repeat(2_000), options: [true, 3] },
      toolOutput: "o".repeat(300),
      status: "complete",
      sourceTimestamp: "2026-01-01T00:00:00.000Z",
      emittedAt: "2026-01-01T00:00:00.000Z",
    });
    expect(messageBytes(tool)).toBe(MESSAGE_OVERHEAD_BYTES + 300 + "file_path/acontentoptions".length + 2_000 + 16);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])("refuses a budget of %s", (budget) => {
    expect(() => new EventLog("s", 10, 0, budget)).toThrow(RangeError);
  });
});

function log1(): EventLog {
  return new EventLog("s", 1);
}
