// Unit tests: how Claude turns end beyond the shared turn contract (turn-contract.test.ts): API errors, a cancel
// mid-stream, a cancel racing a result, stale results, usage and cost (CONTRACTS.md 2-3).
import type { SDKMessage } from "@anthropic-ai/claude-agent-sdk";
import { describe, expect, it } from "vitest";
import { expectWellFormed } from "../testing/lifecycle.js";
import * as sdk from "./testing/sdk-script.js";
import { setup, TURN } from "./testing/turn-harness.js";

describe("turn ends", () => {
  it.each([
    ["authentication_failed", 401, "authentication_error", "AUTHENTICATION_FAILED"],
    ["rate_limit", 429, "rate_limit_error", "RATE_LIMITED"],
    ["server_error", 529, "overloaded_error", "PROVIDER_OVERLOADED"],
    ["server_error", 500, "api_error", "PROVIDER_API_ERROR"],
  ] as const)("reports %s (HTTP %i, %s) as turn_error %s, not as agent text", (error, status, type, code) => {
    const { upserts, turns, feed } = setup();
    const text = `API Error: ${status} something went wrong`;
    feed(
      sdk.init(),
      sdk.apiErrorMessage(text, error, status, type),
      sdk.result({ is_error: true, result: text, api_error_status: status, stop_reason: "stop_sequence" }),
    );
    expect(upserts).toEqual([]);
    expect(turns.at(-1)).toEqual({
      type: "turn_error",
      turnId: TURN,
      sessionId: "s-1",
      errorCode: code,
      errorMessage: text,
    });
    expectWellFormed(upserts, turns);
  });

  it("reports a refused connection as PROVIDER_CONNECTION_ERROR", () => {
    const { turns, feed } = setup();
    const text = "API Error: Connection refused (ECONNREFUSED)";
    const failed = { ...sdk.apiErrorMessage(text, "server_error", null), api_error: "connection_failed" } as unknown;
    feed(sdk.init(), failed, sdk.result({ is_error: true, result: text, api_error_status: null }));
    expect(turns.at(-1)).toMatchObject({ type: "turn_error", errorCode: "PROVIDER_CONNECTION_ERROR" });
  });

  it("cancels: open text keeps everything streamed and ends CANCELLED, never complete; the turn ends cancelled", () => {
    const { turn, upserts, turns, feed, of } = setup({ batching: { gradient: [100], timeCapMs: 0 } });
    feed(sdk.init(), sdk.messageStart("m1"), sdk.blockStart(0, { type: "text" }), sdk.textDeltas(0, "Sentence one of"));
    turn.requestCancel();
    feed(
      sdk.assistant("m1", { type: "text", text: "Sentence one of many" }),
      sdk.interruptedNotice(),
      sdk.blockStop(0),
      sdk.messageEnd(null),
      sdk.result({
        subtype: "error_during_execution",
        is_error: true,
        errors: [],
        terminal_reason: "aborted_streaming",
      }),
    );
    const text = of(`${TURN}:1:0`);
    expect(text.map((u) => u.status)).toEqual(["create", "error"]);
    expect(text.at(-1)).toMatchObject({ errorCode: "CANCELLED", content: "Sentence one of many" });
    expect(turns.at(-1)).toMatchObject({ type: "turn_complete", status: "cancelled" });
    expectWellFormed(upserts, turns);
  });

  it("emits exactly one terminal event when a cancel races a successful result", () => {
    const { turn, upserts, turns, feed } = setup();
    const messages = sdk.textTurn("Done already.");
    feed(messages.slice(0, -1));
    turn.requestCancel();
    feed(messages.at(-1) as SDKMessage);
    turn.endCancelled();
    turn.endFailed("PROCESS_CRASH", "late");
    feed(sdk.result({ subtype: "error_during_execution", is_error: true, errors: [] }));
    expect(turns.map((t) => t.type)).toEqual(["turn_started", "turn_complete"]);
    expect(turns.at(-1)).toMatchObject({ status: "completed" });
    expectWellFormed(upserts, turns);
  });

  it("ignores the result of another user message", () => {
    const { turns, feed } = setup();
    feed(sdk.textTurn("Hi", "m1", { user_message_uuids: ["someone-else"] }));
    expect(turns.map((t) => t.type)).toEqual(["turn_started"]);
    feed(sdk.result({ user_message_uuids: [TURN] }));
    expect(turns.at(-1)).toMatchObject({ type: "turn_complete", status: "completed" });
  });
});

describe("usage and cost", () => {
  it("takes the turn's cost from model_usage_since_last_result when present", () => {
    const { turns, feed } = setup({ previousTotalCostUsd: 0.5 });
    feed(sdk.textTurn("Hi", "m1", { total_cost_usd: 0.9, model_usage_since_last_result: { a: { costUSD: 0.25 } } }));
    expect(turns.at(-1)).toMatchObject({ usage: { costUsd: 0.25 } });
  });

  it("falls back to the growth of the cumulative total, and omits the cost when the earlier total is unknown", () => {
    const known = setup({ previousTotalCostUsd: 0.5 });
    known.feed(sdk.textTurn("Hi", "m1", { total_cost_usd: 0.75 }));
    expect(known.turns.at(-1)).toMatchObject({ usage: { costUsd: 0.25 } });
    const unknown = setup({ previousTotalCostUsd: undefined });
    unknown.feed(sdk.textTurn("Hi", "m1", { total_cost_usd: 0.75 }));
    const event = unknown.turns.at(-1);
    expect(event?.type === "turn_complete" && event.usage && "costUsd" in event.usage).toBe(false);
  });
});
