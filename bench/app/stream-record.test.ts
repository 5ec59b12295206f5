// Unit tests: the checks on recorded session streams (seq per session, a turn's end and text) and arrival marks.
import { describe, expect, it } from "vitest";
import { arrivalMarks, type ReceivedMessage, StreamSeqCheck, turnStream, turnViolations } from "./stream-record.js";

const history = (sessionId: string, seq: number): ReceivedMessage => ({
  at: 0,
  type: "session:history",
  sessionId,
  seq,
});

const turnEvent = (sessionId: string, seq: number, event: string, extra: Partial<ReceivedMessage> = {}) =>
  ({ at: seq, type: "session:turn", sessionId, seq, turnId: "t1", event, ...extra }) satisfies ReceivedMessage;

const agentText = (sessionId: string, seq: number, content: string, status = "update") =>
  ({
    at: seq,
    type: "session:upsert",
    sessionId,
    seq,
    turnId: "t1",
    itemId: "i1",
    itemType: "message",
    origin: "agent",
    status,
    content,
    contentLength: content.length,
    emittedAt: "2026-01-01T00:00:00.000Z",
    sourceTimestamp: "2026-01-01T00:00:00.000Z",
  }) satisfies ReceivedMessage;

describe("StreamSeqCheck", () => {
  it("accepts each session's seq growing by one from its history, interleaved with other sessions", () => {
    const check = new StreamSeqCheck();
    check.feed([history("a", 100), history("b", 0), turnEvent("a", 101, "turn_started"), turnEvent("b", 1, "x")]);
    check.feed([agentText("a", 102, "he"), agentText("b", 2, "x"), agentText("a", 103, "hello", "complete")]);
    expect(check.violations).toEqual([]);
    expect(check.checked).toBe(5);
  });

  it("reports a gap as lost messages and a lower or repeated seq as reordered", () => {
    const check = new StreamSeqCheck((id) => `session ${id}`);
    check.feed([history("a", 0), turnEvent("a", 1, "turn_started"), agentText("a", 3, "x")]);
    check.feed([agentText("a", 2, "x"), agentText("a", 3, "xy")]);
    expect(check.violations).toEqual([
      "session a: seq 3 after 1 (1 stream message(s) lost)",
      "session a: seq 2 after 3 (out of order or repeated)",
      "session a: seq 3 after 3 (out of order or repeated)",
    ]);
  });

  it("reports a second fresh history: the page re-opened the session", () => {
    const check = new StreamSeqCheck();
    check.feed([history("a", 0), turnEvent("a", 1, "turn_started"), history("a", 5), agentText("a", 6, "x")]);
    expect(check.violations).toEqual(["a: a fresh history (seq 5) after seq 1: the page re-opened the session"]);
  });
});

describe("turnViolations", () => {
  const written = "hello world";
  const complete = (content = written) => [
    turnEvent("a", 1, "turn_started"),
    agentText("a", 2, "hello"),
    agentText("a", 3, content, "complete"),
    turnEvent("a", 4, "turn_complete", { status: "completed" }),
  ];

  it("finds nothing wrong with a completed turn whose text grew by prefixes to the stand-in's", () => {
    expect(turnViolations(turnStream(complete(), "a", "t1"), written, "A")).toEqual([]);
  });

  it("reports a turn error, a missing end and text other than the stand-in's", () => {
    const errored = [...complete().slice(0, 3), turnEvent("a", 4, "turn_error", { errorCode: "PROCESS_CRASH" })];
    expect(turnViolations(turnStream(errored, "a", "t1"), written, "A")).toEqual([
      "A: the turn ended with turn_error PROCESS_CRASH",
    ]);
    expect(turnViolations(turnStream(complete().slice(0, 3), "a", "t1"), written, "A")).toEqual([
      "A: the turn never ended in the stream",
    ]);
    expect(turnViolations(turnStream(complete("hello wrld"), "a", "t1"), written, "A")).toEqual([
      "A: no agent item ended complete with the 11 characters the stand-in wrote (items: complete 10)",
    ]);
  });

  it("reports text that shrank or was not the stand-in's, and an upsert after the terminal one", () => {
    const messages = [
      agentText("a", 2, "hello w"),
      agentText("a", 3, "hellx"),
      agentText("a", 4, written, "complete"),
      agentText("a", 5, written, "complete"),
      turnEvent("a", 6, "turn_complete", { status: "completed" }),
    ];
    expect(turnViolations(turnStream(messages, "a", "t1"), written, "A")).toEqual([
      "A: seq 3 shows text the stand-in did not write",
      "A: seq 3 shows less text than the upsert before it",
      "A: seq 4 is complete but more upserts of the item follow",
    ]);
  });

  it("ignores other sessions and turns", () => {
    const other = { ...agentText("a", 9, "zzz", "complete"), turnId: "t2" };
    const stream = turnStream([...complete(), other, agentText("b", 3, "zzz", "complete")], "a", "t1");
    expect([...stream.agentItems.values()].map((list) => list.length)).toEqual([2]);
  });
});

describe("arrivalMarks", () => {
  it("gives the arrivals of the item that ended with the stand-in's text, with length and timestamps", () => {
    const stream = turnStream([agentText("a", 2, "hello"), agentText("a", 3, "hello world", "complete")], "a", "t1");
    expect(arrivalMarks(stream, "hello world")).toEqual([
      {
        at: 2,
        detail: {
          itemId: "i1",
          contentLength: 5,
          emittedAt: "2026-01-01T00:00:00.000Z",
          sourceTimestamp: "2026-01-01T00:00:00.000Z",
        },
      },
      {
        at: 3,
        detail: {
          itemId: "i1",
          contentLength: 11,
          emittedAt: "2026-01-01T00:00:00.000Z",
          sourceTimestamp: "2026-01-01T00:00:00.000Z",
        },
      },
    ]);
    expect(arrivalMarks(stream, "other")).toEqual([]);
  });
});
