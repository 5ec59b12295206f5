// Unit tests: unreachable() logs each unknown event type once per logger, with its type, and never throws.
import { describe, expect, it, vi } from "vitest";
import type { Logger } from "./logger.js";
import { unreachable } from "./unreachable.js";

const recording = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() }) satisfies Logger;
const unknown = (value: unknown) => value as never;

describe("unreachable", () => {
  it("warns once per type, naming the type, and returns", () => {
    const logger = recording();
    unreachable(unknown({ type: "brand_new" }), logger, "test event");
    unreachable(unknown({ type: "brand_new" }), logger, "test event");
    unreachable(unknown({ type: "other_new" }), logger, "test event");
    expect(logger.warn.mock.calls).toEqual([
      ['Ignored an unknown test event type "brand_new"', { what: "test event", type: "brand_new" }],
      ['Ignored an unknown test event type "other_new"', { what: "test event", type: "other_new" }],
    ]);
  });

  it("reads another discriminating key, and tells event families and loggers apart", () => {
    const first = recording();
    const second = recording();
    unreachable(unknown({ sessionUpdate: "brand_new" }), first, "ACP session/update", "sessionUpdate");
    unreachable(unknown({ type: "brand_new" }), first, "other event");
    unreachable(unknown({ sessionUpdate: "brand_new" }), second, "ACP session/update", "sessionUpdate");
    expect(first.warn.mock.calls.map((c) => c[1])).toEqual([
      { what: "ACP session/update", type: "brand_new" },
      { what: "other event", type: "brand_new" },
    ]);
    expect(second.warn).toHaveBeenCalledTimes(1);
  });

  it("does not throw for values without the key", () => {
    const logger = recording();
    expect(() => unreachable(unknown(null), logger, "test event")).not.toThrow();
    expect(() => unreachable(unknown({}), logger, "test event")).not.toThrow();
    expect(logger.warn.mock.calls.map((c) => c[1])).toEqual([
      { what: "test event", type: "object" },
      { what: "test event", type: "undefined" },
    ]);
  });
});
