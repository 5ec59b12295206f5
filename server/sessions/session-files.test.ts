// SessionFiles: the session's folder is searched; its listing is refreshed after a turn ends or a writing tool call
// finishes, not after a read, and not for another folder.
import { describe, expect, it } from "vitest";
import type { StreamMessage, ToolCallUpsert } from "../../shared/contracts/index.js";
import { FileIndex } from "../workspaces/index.js";
import { SessionFiles } from "./session-files.js";

const T = "2026-12-03T16:00:00.000Z";

function setup() {
  const listed: string[] = [];
  const files = new Map<string, string[]>([
    ["/work/a", ["a.ts"]],
    ["/work/b", ["b.ts"]],
  ]);
  let listener: ((message: StreamMessage) => void) | undefined;
  const index = new FileIndex({
    list: async (folder) => {
      listed.push(folder);
      return { files: files.get(folder) ?? [], source: "git", truncated: false };
    },
  });
  const sessionFiles = new SessionFiles(
    {
      folderOf: (sessionId) => (sessionId === "s-a" ? "/work/a" : "/work/b"),
      onStreamed: (added) => {
        listener = added;
        return () => {
          listener = undefined;
        };
      },
    },
    index,
  );
  const emit = (message: StreamMessage) => listener?.(message);
  return { sessionFiles, files, listed, emit, listening: () => listener !== undefined };
}

const tool = (kind: string | undefined, status: ToolCallUpsert["status"]): StreamMessage => ({
  type: "session:upsert",
  sessionId: "s-a",
  seq: 1,
  payload: {
    type: "tool_call",
    turnId: "t-1",
    sessionId: "s-a",
    itemId: "t-1:tool",
    status,
    toolName: "Tool",
    callId: "c-1",
    toolArguments: {},
    sourceTimestamp: T,
    emittedAt: T,
    ...(kind ? { kind } : {}),
  },
});

describe("SessionFiles", () => {
  it("searches the session's own folder", async () => {
    const t = setup();
    expect(await t.sessionFiles.search("s-a", "", 10)).toEqual({ files: [{ path: "a.ts" }] });
    expect(await t.sessionFiles.search("s-b", "", 10)).toEqual({ files: [{ path: "b.ts" }] });
  });

  it("refreshes the folder's listing after a turn ends (in the background: the next search may still be old)", async () => {
    const t = setup();
    await t.sessionFiles.search("s-a", "", 10);
    await t.sessionFiles.search("s-b", "", 10);
    t.files.set("/work/a", ["a.ts", "new.ts"]);
    t.emit({
      type: "session:turn",
      sessionId: "s-a",
      seq: 2,
      payload: {
        type: "turn_started",
        turnId: "t-1",
        sessionId: "s-a",
        providerId: "codex",
        modelId: "m",
        emittedAt: T,
      },
    } as StreamMessage);
    await t.sessionFiles.search("s-a", "", 10);
    expect(t.listed).toEqual(["/work/a", "/work/b"]); // a turn starting changes nothing
    t.emit({
      type: "session:turn",
      sessionId: "s-a",
      seq: 3,
      payload: { type: "turn_complete", turnId: "t-1", sessionId: "s-a", status: "completed", emittedAt: T },
    } as StreamMessage);
    await expect
      .poll(async () => (await t.sessionFiles.search("s-a", "", 10)).files.map((f) => f.path))
      .toEqual(["a.ts", "new.ts"]);
    await t.sessionFiles.search("s-b", "", 10);
    expect(t.listed.filter((folder) => folder === "/work/b")).toHaveLength(1);
  });

  it("refreshes after a tool call that may write files ends, not after a read or one still running", async () => {
    const t = setup();
    await t.sessionFiles.search("s-a", "", 10);
    t.emit(tool("read", "complete"));
    t.emit(tool("edit", "update"));
    await t.sessionFiles.search("s-a", "", 10);
    expect(t.listed).toHaveLength(1);
    t.emit(tool("execute", "complete"));
    await t.sessionFiles.search("s-a", "", 10);
    expect(t.listed).toHaveLength(2);
    t.emit(tool(undefined, "error"));
    await t.sessionFiles.search("s-a", "", 10);
    expect(t.listed).toHaveLength(3);
  });

  it("close stops following the streams", () => {
    const t = setup();
    expect(t.listening()).toBe(true);
    t.sessionFiles.close();
    expect(t.listening()).toBe(false);
  });
});
