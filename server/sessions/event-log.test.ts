// EventLog replay across ring wrap-around: exactly the messages after afterSeq while held, undefined once not.
import { describe, expect, it } from "vitest";
import type { TurnEvent } from "../../shared/contracts/index.js";
import { EventLog } from "./event-log.js";

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
